//! Scheduled runs: cron expressions evaluated in UTC, the scheduler's pure decision of when to
//! fire, and the request that creates a schedule.
//!
//! Nothing here reads a clock: every function that depends on the time takes it as an argument.

pub mod cron;
pub mod due;
pub mod new_schedule;
pub mod syntax;
pub mod webhook;

pub use cron::CronSchedule;
pub use due::{due, next_fire};
pub use new_schedule::{NewSchedule, ValidSchedule};
pub use webhook::check_webhook_url;
