//! The service layer's tests on a real SQLite file: the scheduler with a clock the test moves,
//! score sheets, the worker's failures, and share links against an injected clock. One binary,
//! so the suite links once.

mod scheduler_check;
mod scheduler_fire;
mod scheduler_webhooks;
mod score_sheets;
mod sessions;
mod shares;
mod support;
mod worker_failures;
