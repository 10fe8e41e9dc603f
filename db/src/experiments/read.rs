//! Reading experiments: one by id, and the list (optionally by status).

use domain::experiment::{record::Experiment, status::ExperimentStatus};
use sqlx::{SqliteConnection, SqlitePool};
use uuid::Uuid;

use super::rows::{EXPERIMENT_SELECT, ExperimentRow};
use crate::DbError;

pub async fn get(pool: &SqlitePool, id: Uuid) -> Result<Experiment, DbError> {
    let mut conn = pool.acquire().await?;
    fetch(&mut conn, id).await
}

pub(crate) async fn fetch(conn: &mut SqliteConnection, id: Uuid) -> Result<Experiment, DbError> {
    sqlx::query_as::<_, ExperimentRow>(&format!("{EXPERIMENT_SELECT} WHERE e.id = ?"))
        .bind(id.hyphenated())
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| DbError::not_found("experiment", id.to_string()))?
        .try_into()
}

/// Experiments newest first, at most `limit`; only those with `status` when given.
pub async fn list(
    pool: &SqlitePool,
    status: Option<ExperimentStatus>,
    limit: i64,
) -> Result<Vec<Experiment>, DbError> {
    let rows: Vec<ExperimentRow> = match status {
        Some(status) => {
            sqlx::query_as(&format!(
                "{EXPERIMENT_SELECT} WHERE e.status = ?
                 ORDER BY e.created_at DESC, e.id DESC LIMIT ?"
            ))
            .bind(status.as_str())
            .bind(limit)
            .fetch_all(pool)
            .await?
        }
        None => {
            sqlx::query_as(&format!(
                "{EXPERIMENT_SELECT} ORDER BY e.created_at DESC, e.id DESC LIMIT ?"
            ))
            .bind(limit)
            .fetch_all(pool)
            .await?
        }
    };
    rows.into_iter().map(Experiment::try_from).collect()
}
