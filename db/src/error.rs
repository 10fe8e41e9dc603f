//! Errors of the store, split into what the caller did wrong and what broke.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum DbError {
    /// The named thing does not exist; `entity` is "prompt", "version", ...
    #[error("{entity} `{key}` was not found")]
    NotFound { entity: &'static str, key: String },
    /// The write would break a uniqueness rule; `field` names the offending input.
    #[error("{message}")]
    Conflict {
        field: &'static str,
        message: String,
    },
    /// A stored JSON column no longer matches its type: the file was edited by hand.
    #[error("stored {column} could not be read: {source}")]
    Corrupt {
        column: &'static str,
        #[source]
        source: serde_json::Error,
    },
    /// A stored value is outside what its column allows: the file was edited by hand.
    #[error("stored {column} holds a value this version does not know")]
    Invalid { column: &'static str },
    /// The database was migrated by a newer binary, which may have changed what this one
    /// reads and writes.
    #[error(
        "the database schema is newer than this binary (versions {versions:?} are unknown to it): \
         run a binary at least as new"
    )]
    SchemaNewer { versions: Vec<i64> },
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl DbError {
    pub(crate) fn not_found(entity: &'static str, key: impl Into<String>) -> Self {
        DbError::NotFound {
            entity,
            key: key.into(),
        }
    }

    pub(crate) fn corrupt(column: &'static str) -> impl FnOnce(serde_json::Error) -> Self {
        move |source| DbError::Corrupt { column, source }
    }
}

/// True when an insert failed on a UNIQUE constraint, which callers turn into a `Conflict`.
pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// Maps a UNIQUE violation on insert to a `Conflict` naming `field`; other errors pass through.
pub(crate) fn conflict_on(
    field: &'static str,
    message: impl FnOnce() -> String,
) -> impl FnOnce(sqlx::Error) -> DbError {
    move |error| {
        if is_unique_violation(&error) {
            DbError::Conflict {
                field,
                message: message(),
            }
        } else {
            error.into()
        }
    }
}

impl From<DbError> for domain::problem::Problem {
    fn from(error: DbError) -> Self {
        use domain::problem::{ErrorCode, Problem};
        match error {
            DbError::NotFound { entity, .. } => {
                Problem::new(ErrorCode::NotFound, error.to_string()).with_field(entity, "not found")
            }
            DbError::Conflict { field, message } => {
                Problem::new(ErrorCode::Conflict, message.clone()).with_field(field, message)
            }
            DbError::Sqlx(sqlx::Error::PoolTimedOut) => {
                tracing::warn!("database pool timed out");
                Problem::new(ErrorCode::Unavailable, "the database is busy; try again")
            }
            other => {
                tracing::error!(error = %other, "database error");
                Problem::internal()
            }
        }
    }
}
