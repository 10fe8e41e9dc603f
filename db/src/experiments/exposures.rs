//! Exposures: the first assignment of each user while an experiment runs, counted per variant
//! for the sample-ratio check. The counters move in the transaction that inserts the
//! exposures, by the rows actually inserted, so GetResults reads one row per variant.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::experiment::status::ExperimentStatus;
use serde::Serialize;

use uuid::Uuid;

use super::rows::parse_status;
use crate::DbError;
use crate::store::{Backend, Connection, Id, Pool, Time, begin_write_on, lock_scope, sql_for};

/// What assignment needs to know of an experiment besides its (immutable) definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssignmentState {
    pub status: ExperimentStatus,
    pub winner_index: Option<usize>,
}

/// The experiment's status and winner; `None` when it does not exist.
pub async fn assignment_state(pool: &Pool, id: Uuid) -> Result<Option<AssignmentState>, DbError> {
    let row: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT status, winner_index FROM experiments WHERE id = $1")
            .bind(Id(id))
            .fetch_optional(pool)
            .await?;
    row.map(|(status, winner)| {
        Ok(AssignmentState {
            status: parse_status(&status)?,
            winner_index: winner.map(|w| w as usize),
        })
    })
    .transpose()
}

/// The variant `user_id` was counted in, if they were exposed.
pub async fn exposed_variant(
    pool: &Pool,
    id: Uuid,
    user_id: &str,
) -> Result<Option<usize>, DbError> {
    let variant: Option<i64> = sqlx::query_scalar(
        "SELECT variant_index FROM experiment_exposures WHERE experiment_id = $1 AND user_id = $2",
    )
    .bind(Id(id))
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    Ok(variant.map(|v| v as usize))
}

/// One assignment to count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exposure {
    pub experiment_id: Uuid,
    pub user_id: String,
    pub variant_index: usize,
}

/// Records exposures in one transaction: each (experiment, user) is inserted once (later ones
/// are ignored), only while its experiment is running, and the per-variant counters move by
/// the rows actually inserted. Returns how many were new.
pub async fn record_exposures(
    pool: &Pool,
    exposures: &[Exposure],
    at: DateTime<Utc>,
) -> Result<u64, DbError> {
    let mut conn = pool.acquire().await?;
    record_on(&mut conn, exposures, at).await
}

/// The connection the assignment path records exposures on, so that concurrent assignments
/// share its group commits.
///
/// On SQLite its commits are durable against a crash of the server process (WAL,
/// `synchronous = NORMAL`: the WAL is written before the commit returns) but may lose the last
/// group on an OS crash or power loss; everything else commits with `synchronous = FULL`. That
/// trade lets the groups cost no fsync; a lost exposure only delays a user's count to their
/// next assignment. On PostgreSQL the commits are as durable as every other.
pub struct ExposureWriter {
    conn: Connection,
}

impl ExposureWriter {
    pub async fn open(pool: &Pool) -> Result<ExposureWriter, DbError> {
        let mut conn = pool.acquire().await?.detach();
        if Backend::of(pool) == Backend::Sqlite {
            sqlx::query("PRAGMA synchronous = NORMAL")
                .execute(&mut conn)
                .await?;
        }
        Ok(ExposureWriter { conn })
    }

    /// As [`record_exposures`], on this connection.
    pub async fn record(
        &mut self,
        exposures: &[Exposure],
        at: DateTime<Utc>,
    ) -> Result<u64, DbError> {
        record_on(&mut self.conn, exposures, at).await
    }
}

async fn record_on(
    conn: &mut Connection,
    exposures: &[Exposure],
    at: DateTime<Utc>,
) -> Result<u64, DbError> {
    if exposures.is_empty() {
        return Ok(0);
    }
    let rows: Vec<(String, &str, usize)> = exposures
        .iter()
        .map(|e| {
            (
                e.experiment_id.to_string(),
                e.user_id.as_str(),
                e.variant_index,
            )
        })
        .collect();
    let json = serde_json::to_string(&rows).expect("exposures serialize");
    // Each experiment of the group is locked (in id order, so two groups never wait on each
    // other) against its status changes: an exposure is counted only while it runs.
    let mut experiments: Vec<String> = rows.iter().map(|(id, _, _)| id.clone()).collect();
    experiments.sort();
    experiments.dedup();
    let backend = Backend::of_connection(conn);
    let mut tx = begin_write_on(&mut *conn, &format!("experiment:{}", experiments[0])).await?;
    for id in &experiments[1..] {
        lock_scope(&mut tx, &format!("experiment:{id}")).await?;
    }
    let sql = sql_for!(backend, |b| format!(
        "INSERT INTO experiment_exposures (experiment_id, user_id, variant_index, first_seen)
         SELECT j.value ->> 0, j.value ->> 1, CAST(j.value ->> 2 AS BIGINT), $2
         FROM {}
         WHERE EXISTS (SELECT 1 FROM experiments e
                       WHERE e.id = j.value ->> 0 AND e.status = 'running')
         ON CONFLICT DO NOTHING
         RETURNING experiment_id, variant_index",
        b.json_rows("$1")
    ));
    let inserted: Vec<(String, i64)> = sqlx::query_as(sql)
        .bind(json)
        .bind(Time(at))
        .fetch_all(&mut *tx)
        .await?;
    let mut counts: HashMap<(&str, i64), i64> = HashMap::new();
    for (experiment_id, variant_index) in &inserted {
        *counts.entry((experiment_id, *variant_index)).or_default() += 1;
    }
    for ((experiment_id, variant_index), count) in counts {
        sqlx::query(
            "INSERT INTO experiment_exposure_counts (experiment_id, variant_index, count)
             VALUES ($1, $2, $3)
             ON CONFLICT (experiment_id, variant_index) DO UPDATE
                 SET count = experiment_exposure_counts.count + excluded.count",
        )
        .bind(experiment_id)
        .bind(variant_index)
        .bind(count)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(inserted.len() as u64)
}
