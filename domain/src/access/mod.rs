//! Accounts, roles, API keys and the audit log: the records and the rules on them. Who is
//! calling and whether they may is decided in the service layer; this module only names the
//! vocabulary and validates what people type.

pub mod records;
pub mod requests;
pub mod role;

pub use records::{ApiKey, AuditEntry, AuditPage, CallerInfo, CreatedApiKey, User};
pub use requests::{AuditFilter, Login, NewApiKey, NewUser, Setup, UserChange};
pub use role::{KeyScope, Role};
