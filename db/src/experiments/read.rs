//! Reading experiments: one by id, and the list (optionally by status).

use domain::experiment::{record::Experiment, status::ExperimentStatus};
use uuid::Uuid;

use super::rows::{ExperimentRow, experiment_select};
use crate::DbError;
use crate::store::{Backend, Connection, Id, Pool, sql_for};

pub async fn get(pool: &Pool, id: Uuid) -> Result<Experiment, DbError> {
    let mut conn = pool.acquire().await?;
    fetch(&mut conn, id).await
}

pub(crate) async fn fetch(conn: &mut Connection, id: Uuid) -> Result<Experiment, DbError> {
    let sql = sql_for!(Backend::of_connection(conn), |b| format!(
        "{} WHERE e.id = $1",
        experiment_select(b)
    ));
    sqlx::query_as::<_, ExperimentRow>(sql)
        .bind(Id(id))
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| DbError::not_found("experiment", id.to_string()))?
        .try_into()
}

/// Experiments newest first, at most `limit`; only those with `status` when given.
pub async fn list(
    pool: &Pool,
    status: Option<ExperimentStatus>,
    limit: i64,
) -> Result<Vec<Experiment>, DbError> {
    let rows: Vec<ExperimentRow> = match status {
        Some(status) => {
            sqlx::query_as(sql_for!(Backend::of(pool), |b| format!(
                "{} WHERE e.status = $1 ORDER BY e.created_at DESC, e.id DESC LIMIT $2",
                experiment_select(b)
            )))
            .bind(status.as_str())
            .bind(limit)
            .fetch_all(pool)
            .await?
        }
        None => {
            sqlx::query_as(sql_for!(Backend::of(pool), |b| format!(
                "{} ORDER BY e.created_at DESC, e.id DESC LIMIT $1",
                experiment_select(b)
            )))
            .bind(limit)
            .fetch_all(pool)
            .await?
        }
    };
    rows.into_iter().map(Experiment::try_from).collect()
}
