//! A/B experiments: definitions and their lifecycle (`write.rs`), reading them (`read.rs`),
//! exposures counted once per user (`exposures.rs`) and metric values appended together with
//! the running statistics GetResults reads (`metrics.rs`), so that results never scan events.

mod changes;
mod exposures;
mod metrics;
mod read;
mod rows;
mod write;

pub use changes::{ChangeFeed, latest_change};
pub use exposures::{
    AssignmentState, Exposure, ExposureWriter, assignment_state, exposed_variant, record_exposures,
};
pub use metrics::{event_count, record_observations, report, stored_statistics};
pub use read::{get, list};
pub use write::{
    cancel, complete, create, lifecycle_generation, note_lifecycle_change, pause, prompt_problems,
    start, transition,
};
