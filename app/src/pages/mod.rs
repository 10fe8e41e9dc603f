//! One module per page or page group.

pub mod access;
pub mod dashboard;
pub mod datasets;
pub mod evaluations;
pub mod experiments;
pub mod not_found;
pub mod prompts;
pub mod schedules;
pub mod shared;
pub mod shares;
