//! The check of a scheduled run, stored with the webhook delivery it queues, and the
//! deliveries' attempts.

use chrono::{DateTime, Duration, Utc};
use domain::schedule::delivery::{Attempt, Decision};
use domain::schedule::{RegressionPayload, RunCheck, WebhookDelivery};
use sqlx::SqlitePool;
use uuid::{Uuid, fmt::Hyphenated};

use super::rows::{DELIVERY_COLUMNS, DeliveryRow};
use crate::DbError;

/// A webhook post to queue with a check.
pub struct NewDelivery<'a> {
    pub schedule_id: Uuid,
    pub url: &'a str,
    pub payload: &'a RegressionPayload,
}

/// Stores the check of a run and, in the same transaction, queues its delivery (due at
/// `now`). A check is written once: false, and nothing queued, when the run has one already.
pub async fn store_check(
    pool: &SqlitePool,
    run_id: Uuid,
    check: &RunCheck,
    delivery: Option<NewDelivery<'_>>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let stored =
        sqlx::query("UPDATE runs SET check_result = ? WHERE id = ? AND check_result IS NULL")
            .bind(serde_json::to_string(check).expect("a check serializes"))
            .bind(run_id.hyphenated())
            .execute(&mut *tx)
            .await?;
    if stored.rows_affected() == 0 {
        return Ok(false);
    }
    if let Some(delivery) = delivery {
        sqlx::query(
            "INSERT INTO webhook_deliveries (id, schedule_id, run_id, url, payload, status,
                 next_attempt_at, created_at)
             VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)",
        )
        .bind(Uuid::now_v7().hyphenated())
        .bind(delivery.schedule_id.hyphenated())
        .bind(run_id.hyphenated())
        .bind(delivery.url)
        .bind(serde_json::to_string(delivery.payload).expect("a payload serializes"))
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// A delivery claimed for an attempt.
#[derive(Debug, Clone)]
pub struct DueDelivery {
    pub id: Uuid,
    pub url: String,
    /// The JSON body, exactly as it is posted.
    pub payload: String,
    /// Attempts made before this one.
    pub attempts: u32,
}

/// Claims up to `limit` pending deliveries due at `now`, oldest first. A claim moves the next
/// attempt to `now + lease`, so a delivery whose attempt is never recorded (the server
/// stopped mid-post) is tried again once the lease is over, and no other pass takes it
/// meanwhile.
pub async fn claim_deliveries(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> Result<Vec<DueDelivery>, DbError> {
    let rows: Vec<(Hyphenated, String, String, i64)> = sqlx::query_as(
        "UPDATE webhook_deliveries SET next_attempt_at = ?
         WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE status = 'pending' AND next_attempt_at <= ?
                      ORDER BY next_attempt_at, id LIMIT ?)
         RETURNING id, url, payload, attempts",
    )
    .bind(now + lease)
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, url, payload, attempts)| DueDelivery {
            id: id.into_uuid(),
            url,
            payload,
            attempts: attempts as u32,
        })
        .collect())
}

/// Records an attempt made at `now` (the delivery's `attempts`-th) and what the retry policy
/// decided; the delivery as it now stands.
pub async fn record_attempt(
    pool: &SqlitePool,
    id: Uuid,
    attempts: u32,
    attempt: &Attempt,
    decision: Decision,
    now: DateTime<Utc>,
) -> Result<WebhookDelivery, DbError> {
    let (status, next, finished) = match decision {
        Decision::Delivered => ("delivered", None, Some(now)),
        Decision::RetryAt(at) => ("pending", Some(at), None),
        Decision::Failed => ("failed", None, Some(now)),
    };
    let row: Option<DeliveryRow> = sqlx::query_as(&format!(
        "UPDATE webhook_deliveries SET status = ?, attempts = ?, response_status = ?,
             error = ?, next_attempt_at = ?, finished_at = ?
         WHERE id = ?
         RETURNING {DELIVERY_COLUMNS}"
    ))
    .bind(status)
    .bind(attempts)
    .bind(attempt.status())
    .bind(attempt.error())
    .bind(next)
    .bind(finished)
    .bind(id.hyphenated())
    .fetch_optional(pool)
    .await?;
    row.ok_or_else(|| DbError::not_found("delivery", id.to_string()))?
        .try_into()
}
