//! Which database the store talks to and how: the backend behind a URL, opening a pool,
//! migrations, and the few SQL forms the two dialects spell differently.
//!
//! Every query in this crate runs through sqlx's `Any` driver, so one function serves SQLite
//! and PostgreSQL alike; what the two spell differently is asked of [`Backend`] here and
//! nowhere else.

mod backend;
mod copy;
mod dialect;
mod migrations;
mod open;
mod statement;
mod values;

pub use backend::{Backend, DatabaseUrl};
pub use copy::copy_all;
pub use dialect::{begin_write, begin_write_on};
pub(crate) use dialect::{lock_scope, sql_for};
pub use migrations::{SchemaState, migrate, schema_state};
pub use open::{PoolSettings, connect, connect_without_migrating, ping};
pub(crate) use statement::Statement;
pub(crate) use values::json_flag;
pub use values::{Flag, Id, MaybeTime, Time};

/// The pool every store function takes: SQLite or PostgreSQL behind sqlx's `Any` driver.
pub type Pool = sqlx::AnyPool;
/// One connection of a [`Pool`], for work that needs several statements on one session.
pub type Connection = sqlx::AnyConnection;
