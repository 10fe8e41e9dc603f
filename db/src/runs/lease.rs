//! The run queue across nodes: a node claims a run with a lease, renews it while it works,
//! and hands it back when it stops. A run whose lease lapsed, because its node died, is
//! claimed again like a queued one and resumes where its results end.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::DbError;
use crate::store::{Backend, Id, Pool, Time, sql_for};

/// Claims the oldest run that needs a node, queued or orphaned, for `node` until
/// `lease_until`, and marks it running. None when no run needs one.
///
/// On PostgreSQL the candidate row is locked and nodes claiming at the same moment skip it, so
/// each run goes to exactly one of them.
pub async fn claim_next(
    pool: &Pool,
    node: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> Result<Option<Uuid>, DbError> {
    let sql = sql_for!(Backend::of(pool), |backend| format!(
        "UPDATE runs SET status = 'running', start_time = COALESCE(start_time, $1),
             lease_owner = $2, lease_expires_at = $3
         WHERE id = (SELECT id FROM runs
                     WHERE (status = 'pending' AND queued_at IS NOT NULL)
                        OR (status = 'running'
                            AND (lease_expires_at IS NULL OR lease_expires_at < $1))
                     ORDER BY queued_at, id LIMIT 1{})
         RETURNING id",
        backend.skip_locked()
    ));
    let id: Option<Id> = sqlx::query_scalar(sql)
        .bind(Time(now))
        .bind(node)
        .bind(Time(lease_until))
        .fetch_optional(pool)
        .await?;
    Ok(id.map(Id::into_uuid))
}

/// Extends every lease `node` holds on a running run to `lease_until`; the ids of those runs.
/// A run the node works on that is missing was cancelled, finished, or taken over after its
/// lease lapsed: the node must stop working on it.
pub async fn renew_leases(
    pool: &Pool,
    node: &str,
    lease_until: DateTime<Utc>,
) -> Result<Vec<Uuid>, DbError> {
    let ids: Vec<Id> = sqlx::query_scalar(
        "UPDATE runs SET lease_expires_at = $1 WHERE lease_owner = $2 AND status = 'running'
         RETURNING id",
    )
    .bind(Time(lease_until))
    .bind(node)
    .fetch_all(pool)
    .await?;
    Ok(ids.into_iter().map(Id::into_uuid).collect())
}

/// Hands back every run `node` holds (a graceful stop): another node may claim them at once.
pub async fn release_leases(pool: &Pool, node: &str) -> Result<u64, DbError> {
    Ok(sqlx::query(
        "UPDATE runs SET lease_owner = NULL, lease_expires_at = NULL
         WHERE lease_owner = $1 AND status = 'running'",
    )
    .bind(node)
    .execute(pool)
    .await?
    .rows_affected())
}

/// Hands back every lease: an SQLite file has one node, so at its start every run still marked
/// running was left by a process that is gone.
pub async fn release_all_leases(pool: &Pool) -> Result<u64, DbError> {
    Ok(sqlx::query(
        "UPDATE runs SET lease_owner = NULL, lease_expires_at = NULL WHERE status = 'running'",
    )
    .execute(pool)
    .await?
    .rows_affected())
}
