//! The SQL the two backends spell differently, in one place. Everything else in the crate is
//! written once, in the common subset (`$1` parameters, `ON CONFLICT`, `RETURNING`,
//! `IS NOT DISTINCT FROM`, explicit `CAST`s).

use sqlx::{Any, Connection as _, Transaction};

use super::{Backend, Connection, Pool};
use crate::DbError;

impl Backend {
    /// A JSON array of `expr` over the rows, in `order` (an `ORDER BY` list), as text; `[]`
    /// when there are none.
    pub(crate) fn json_array_agg(self, expr: &str, order: &str) -> String {
        match self {
            Backend::Sqlite => format!("json_group_array({expr} ORDER BY {order})"),
            Backend::Postgres => {
                format!("COALESCE(CAST(json_agg({expr} ORDER BY {order}) AS TEXT), '[]')")
            }
        }
    }

    /// A JSON array of the given comma-separated values.
    pub(crate) fn json_array(self, items: &str) -> String {
        match self {
            Backend::Sqlite => format!("json_array({items})"),
            Backend::Postgres => format!("json_build_array({items})"),
        }
    }

    /// A JSON object of the given comma-separated key, value pairs.
    pub(crate) fn json_object(self, pairs: &str) -> String {
        match self {
            Backend::Sqlite => format!("json_object({pairs})"),
            Backend::Postgres => format!("json_build_object({pairs})"),
        }
    }

    /// A text column holding JSON, as a JSON value (so it nests rather than quotes).
    pub(crate) fn json_value(self, column: &str) -> String {
        match self {
            Backend::Sqlite => format!("json({column})"),
            Backend::Postgres => format!("CAST({column} AS json)"),
        }
    }

    /// The number at `key` of a JSON object stored as text, or NULL.
    pub(crate) fn json_number(self, column: &str, key: &str) -> String {
        match self {
            Backend::Sqlite => format!("json_extract({column}, '$.{key}')"),
            Backend::Postgres => {
                format!("CAST(CAST({column} AS json) ->> '{key}' AS DOUBLE PRECISION)")
            }
        }
    }

    /// The elements of the JSON array in `parameter`, as rows `j` with one column `value`
    /// (nested arrays stay JSON, read with `j.value ->> 0`).
    pub(crate) fn json_rows(self, parameter: &str) -> String {
        match self {
            Backend::Sqlite => format!("json_each({parameter}) AS j"),
            Backend::Postgres => {
                format!("json_array_elements(CAST({parameter} AS json)) AS j (value)")
            }
        }
    }

    /// The strings of the JSON array in `parameter`, as rows `j` with one text column `value`.
    pub(crate) fn json_text_rows(self, parameter: &str) -> String {
        match self {
            Backend::Sqlite => format!("json_each({parameter}) AS j"),
            Backend::Postgres => {
                format!("json_array_elements_text(CAST({parameter} AS json)) AS j (value)")
            }
        }
    }

    /// `column` in a condition the planner must not answer from the column's index (SQLite
    /// picks it over a better one otherwise; PostgreSQL's planner needs no hint).
    pub(crate) fn unindexed(self, column: &str) -> String {
        match self {
            Backend::Sqlite => format!("+{column}"),
            Backend::Postgres => column.to_string(),
        }
    }

    /// What a queue's `SELECT` ends with so that nodes claiming together skip each other's
    /// rows. SQLite has one writer at a time and needs nothing.
    pub(crate) fn skip_locked(self) -> &'static str {
        match self {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        }
    }
}

/// A statement built once per backend and kept for the life of the process:
/// `sql_for!(backend, |b: Backend| format!(...))`.
macro_rules! sql_for {
    ($backend:expr, $build:expr) => {{
        static SQL: [std::sync::OnceLock<String>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        let backend: $crate::store::Backend = $backend;
        let build: fn($crate::store::Backend) -> String = $build;
        SQL[backend as usize]
            .get_or_init(|| build(backend))
            .as_str()
    }};
}
pub(crate) use sql_for;

/// A transaction for a read-then-write, serialized against every other writer of `scope`.
///
/// SQLite takes its one write lock up front (`BEGIN IMMEDIATE`), so two writers never read
/// the same state and both act on it. PostgreSQL takes a transaction-scoped advisory lock on
/// `scope` ("prompt", "dataset:<id>", ...): writers of one scope queue, others run beside them,
/// and each one's statements see what the one before committed.
pub async fn begin_write(pool: &Pool, scope: &str) -> Result<Transaction<'static, Any>, DbError> {
    match Backend::of(pool) {
        Backend::Sqlite => Ok(pool.begin_with("BEGIN IMMEDIATE").await?),
        Backend::Postgres => {
            let mut tx = pool.begin().await?;
            lock_scope(&mut tx, scope).await?;
            Ok(tx)
        }
    }
}

/// As [`begin_write`], on a connection the caller holds.
pub async fn begin_write_on<'c>(
    conn: &'c mut Connection,
    scope: &str,
) -> Result<Transaction<'c, Any>, DbError> {
    match Backend::of_connection(conn) {
        Backend::Sqlite => Ok(conn.begin_with("BEGIN IMMEDIATE").await?),
        Backend::Postgres => {
            let mut tx = conn.begin().await?;
            lock_scope(&mut tx, scope).await?;
            Ok(tx)
        }
    }
}

/// Adds `scope` to the scopes a write transaction holds (PostgreSQL; SQLite's one write lock
/// already covers every scope).
pub(crate) async fn lock_scope(conn: &mut Connection, scope: &str) -> Result<(), DbError> {
    if Backend::of_connection(conn) == Backend::Sqlite {
        return Ok(());
    }
    sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))")
        .bind(scope)
        .execute(conn)
        .await?;
    Ok(())
}
