//! The store: SQLite or PostgreSQL behind one set of functions, the migrations of each, and one
//! module per table group. Every function takes a pool (or a transaction) and returns domain
//! records; what the two backends spell differently lives in `store`.

pub mod access;
pub mod datasets;
pub mod endpoints;
pub mod error;
pub mod experiments;
pub mod prompts;
pub mod runs;
pub mod schedules;
pub mod shares;
pub mod store;

pub use error::DbError;
pub use store::{Backend, Connection, DatabaseUrl, Pool};
