//! Evaluation runs in motion: clients for model endpoints (with retries), the creation of a
//! run from a request, the worker inside `llmops serve` that executes queued runs, and the
//! scheduler that fires scheduled runs, checks them and posts their webhooks.
//!
//! Both doors of the server (REST handlers and the app's server functions) call into here, so
//! a run created from the form and one created by the API take exactly the same path.

pub mod client;
pub mod compare;
pub mod connection;
pub mod create;
pub mod params;
pub mod scheduler;
pub mod share;
pub mod worker;

pub use scheduler::Scheduler;
pub use worker::Worker;
