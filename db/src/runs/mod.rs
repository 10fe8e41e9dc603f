//! Evaluation runs: the queue the worker claims from, their states, and the per-sample results
//! written as soon as each exists.

mod lease;
pub(crate) mod read;
pub(crate) mod rows;
pub mod score_sheet;
mod write;

pub use lease::{claim_next, release_all_leases, release_leases, renew_leases};
pub use read::{
    all_results, count, finished_samples, get, list, result_texts, results, scored_results,
};
pub use rows::ResultTexts;
pub(crate) use write::insert;
pub use write::{NewRunRow, abandon, cancel, create, finish, queue, record_results};
