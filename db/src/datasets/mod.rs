//! Datasets and their versioned samples. A sample row is valid from the version that wrote it
//! until the version that replaced or deleted it, so every version stays readable and storage
//! grows with changes, not with versions times samples.

mod changes;
mod import;
mod read;
mod rows;

pub use changes::{add_samples, create, delete_sample, edit_sample};
pub use import::Import;
pub use read::{SampleCursor, find, get, list, page, sample_count, versions};
