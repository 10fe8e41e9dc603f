//! Evaluation runs: the queue the worker claims from, their states, and the per-sample results
//! written as soon as each exists.

pub(crate) mod read;
pub(crate) mod rows;
mod lease;
pub mod score_sheet;
mod write;

pub use read::{
    all_results, count, finished_samples, get, list, result_texts, results, scored_results,
};
pub use lease::{claim_next, release_all_leases, release_leases, renew_leases};
pub use rows::ResultTexts;
pub(crate) use write::insert;
pub use write::{
    NewRunRow, abandon, cancel, create, finish, queue, record_results,
};
