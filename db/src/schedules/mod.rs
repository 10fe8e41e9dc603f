//! Schedules: their definitions, the atomic fire that creates a scheduled run, the check of
//! each scheduled run, and the webhook deliveries a regression queues.

mod deliveries;
mod fire;
mod read;
mod rows;
mod write;

pub use deliveries::{DueDelivery, NewDelivery, claim_deliveries, record_attempt, store_check};
pub use fire::{FireOutcome, Trigger, fail_tick, fire, skip_if_busy};
pub use read::{deliveries, enabled, get, list, previous_completed_run, runs, unchecked_runs};
pub use write::{create, delete, set_enabled};
