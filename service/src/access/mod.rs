//! Access control's operations: who is calling (`authenticate`), signing in and out and the
//! first account's setup (`sessions`), accounts (`users`), API keys (`api_keys`), the audit
//! log (`audit`), and the operator's own commands and start-up (`operator`). The policy itself
//! is [`crate::Caller::require`].

pub mod api_keys;
pub mod audit;
pub mod authenticate;
pub mod cookie;
pub mod operator;
mod passwords;
mod secrets;
pub mod sessions;
pub(crate) mod state;
mod throttle;
pub mod users;

pub use audit::Target;
