//! Evaluation runs: the queue the worker claims from, their states, and the per-sample results
//! written as soon as each exists.

mod read;
mod rows;
mod write;

pub use read::{all_results, count, finished_samples, get, list, results};
pub use write::{NewRunRow, cancel, claim_next, create, finish, queue, record_results, running};
