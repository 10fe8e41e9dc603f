//! The SQLite store: the connection pool, the embedded migrations and one module per table group.
//! Every function takes a pool (or a transaction) and returns domain records.

pub mod datasets;
pub mod endpoints;
pub mod error;
pub mod experiments;
pub mod pool;
pub mod prompts;
pub mod runs;
pub mod schedules;
pub mod shares;

pub use error::DbError;
pub use sqlx::SqlitePool;
