//! Evaluation runs: endpoints, metrics and their thresholds, scorers, run states, per-sample
//! results and the summary of a run.

pub mod bindings;
pub mod compare;
pub mod connection;
pub mod endpoint;
pub mod metric;
pub mod new_run;
pub mod record;
pub mod result;
pub mod retry;
pub mod scorers;
pub mod scoring;
pub mod status;
pub mod summary;
