//! Scheduled runs: cron expressions evaluated in UTC, the scheduler's pure decision of when to
//! fire, the request that creates a schedule, the check of a scheduled run once it ends, and
//! the webhook a regression posts to.
//!
//! Nothing here reads a clock: every function that depends on the time takes it as an argument.

pub mod check;
pub mod cron;
pub mod delivery;
pub mod due;
pub mod new_schedule;
pub mod payload;
pub mod record;
pub mod syntax;
pub mod webhook;

pub use check::{CheckInput, RunCheck};
pub use cron::CronSchedule;
pub use delivery::{DeliveryStatus, WebhookDelivery};
pub use due::{due, next_fire};
pub use new_schedule::{NewSchedule, ValidSchedule};
pub use payload::RegressionPayload;
pub use record::{Schedule, ScheduledRun};
pub use webhook::check_webhook_url;
