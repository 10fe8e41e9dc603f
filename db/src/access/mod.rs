//! Accounts, browser sessions, API keys and the audit log. Secrets arrive here already hashed:
//! the store never sees a password, a session token or a key's secret.

pub mod api_keys;
pub mod audit;
pub mod sessions;
pub mod users;
