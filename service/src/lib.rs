//! The service layer: every operation of llmops is one function here, and both doors of the
//! server (the REST handlers and the app's server functions) only parse a request, call it and
//! map its result.
//!
//! Every operation takes the [`Caller`] first and checks once, at its start, that the caller
//! may do it ([`Caller::require`]); then the [`App`] (the one application state: the pool, the
//! worker, the scheduler and the caches); then its own arguments. It answers with domain
//! records or a [`Problem`](domain::problem::Problem).
//!
//! Beside the operations live the parts that keep work moving: the model clients (`client`),
//! the run worker (`worker`) and the scheduler (`scheduler`).

pub mod access;
mod app;
pub mod caller;
pub mod client;
pub mod clock;
pub mod compare;
pub mod connection;
pub mod datasets;
pub mod endpoints;
pub mod experiments;
pub mod health;
pub mod overview;
pub mod prompts;
pub mod runs;
pub mod scheduler;
pub mod schedules;
pub mod shares;
pub mod worker;

pub use app::{App, AppSettings, BackgroundTasks};
pub use caller::{Caller, Permission};
pub use scheduler::Scheduler;
pub use worker::{NodeIdentity, Worker};
