//! Why a run's execution stopped early: a failure, with a sentence its page shows (the cause
//! is logged, never stored), or an interruption by the store that passes (busy, a pool
//! timeout, an IO error), after which the run stays `running` and is tried again.

use db::DbError;
use thiserror::Error;

pub enum Stop {
    Failed(RunFailure),
    Interrupted(DbError),
}

#[derive(Debug, Error)]
pub enum RunFailure {
    #[error("the run's endpoint no longer exists")]
    EndpointGone,
    #[error("the run's prompt version no longer exists")]
    PromptGone,
    #[error("the prompt version does not compile: {0}")]
    PromptDoesNotCompile(String),
    #[error("the run's metrics are invalid: {0}")]
    InvalidMetrics(String),
    #[error("the judge endpoint `{0}` no longer exists")]
    JudgeGone(String),
    #[error("the run's dataset version can no longer be read")]
    DatasetUnreadable,
    #[error("the run's results could not be stored")]
    ResultsNotStored,
}

impl Stop {
    /// Classifies a store error met while doing `what`: a passing error is an interruption,
    /// anything else the run's `failure` (a cause other than a missing row is logged here).
    pub fn from_store(error: DbError, what: &str, failure: RunFailure) -> Stop {
        if is_transient(&error) {
            return Stop::Interrupted(error);
        }
        if !matches!(error, DbError::NotFound { .. }) {
            tracing::error!(%error, "the store failed while {what}");
        }
        Stop::Failed(failure)
    }
}

impl From<RunFailure> for Stop {
    fn from(failure: RunFailure) -> Stop {
        Stop::Failed(failure)
    }
}

/// Errors that say nothing about the run: the database was busy or out of reach for a moment.
pub fn is_transient(error: &DbError) -> bool {
    match error {
        DbError::Sqlx(sqlx::Error::PoolTimedOut | sqlx::Error::Io(_)) => true,
        DbError::Sqlx(sqlx::Error::Database(database)) => database
            .code()
            .and_then(|code| code.parse::<i32>().ok())
            // SQLITE_BUSY and SQLITE_LOCKED, with their extended codes.
            .is_some_and(|code| matches!(code & 0xff, 5 | 6)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use sqlx::{Connection, SqliteConnection};

    use super::*;

    /// A second writer that finds the file locked, with no busy timeout to wait in.
    #[tokio::test]
    async fn a_locked_database_is_an_interruption_and_a_missing_row_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("busy.db").display());
        let mut holder = SqliteConnection::connect(&url).await.unwrap();
        let mut other = SqliteConnection::connect(&url).await.unwrap();
        sqlx::query("PRAGMA busy_timeout = 0")
            .execute(&mut other)
            .await
            .unwrap();
        sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut holder)
            .await
            .unwrap();
        let busy = sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut other)
            .await
            .unwrap_err();
        assert!(is_transient(&DbError::from(busy)));
        assert!(!is_transient(&DbError::NotFound {
            entity: "run",
            key: "x".into()
        }));
    }
}
