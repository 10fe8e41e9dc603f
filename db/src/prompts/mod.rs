//! Prompts, their immutable versions, the active pointer with its history, and labels.

mod read;
mod rows;
mod write;

pub use read::{count, get, get_version, get_version_by_id, list};
pub use write::{activate, create, create_version, remove_label, set_label};
