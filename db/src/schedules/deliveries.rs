//! The check of a scheduled run, stored with the webhook delivery it queues, and the
//! deliveries' attempts.

use chrono::{DateTime, Duration, Utc};
use domain::schedule::delivery::{Attempt, Decision};
use domain::schedule::{RegressionPayload, RunCheck, WebhookDelivery};
use uuid::Uuid;

use super::rows::{DELIVERY_COLUMNS, DeliveryRow};
use crate::DbError;
use crate::store::{Backend, Id, Pool, Time, begin_write, sql_for};

/// A webhook post to queue with a check.
pub struct NewDelivery<'a> {
    pub schedule_id: Uuid,
    pub url: &'a str,
    pub payload: &'a RegressionPayload,
}

/// Stores the check of a run and, in the same transaction, queues its delivery (due at
/// `now`). A check is written once: false, and nothing queued, when the run has one already.
pub async fn store_check(
    pool: &Pool,
    run_id: Uuid,
    check: &RunCheck,
    delivery: Option<NewDelivery<'_>>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let mut tx = begin_write(pool, &format!("run:{run_id}")).await?;
    let stored =
        sqlx::query("UPDATE runs SET check_result = $1 WHERE id = $2 AND check_result IS NULL")
            .bind(serde_json::to_string(check).expect("a check serializes"))
            .bind(Id(run_id))
            .execute(&mut *tx)
            .await?;
    if stored.rows_affected() == 0 {
        return Ok(false);
    }
    if let Some(delivery) = delivery {
        sqlx::query(
            "INSERT INTO webhook_deliveries (id, schedule_id, run_id, url, payload, status,
                 next_attempt_at, created_at)
             VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7)",
        )
        .bind(Id::new())
        .bind(Id(delivery.schedule_id))
        .bind(Id(run_id))
        .bind(delivery.url)
        .bind(serde_json::to_string(delivery.payload).expect("a payload serializes"))
        .bind(Time(now))
        .bind(Time(now))
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
    pool: &Pool,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> Result<Vec<DueDelivery>, DbError> {
    // Nodes claiming together skip each other's rows, so each attempt is made by one of them.
    let sql = sql_for!(Backend::of(pool), |backend| format!(
        "UPDATE webhook_deliveries SET next_attempt_at = $1
         WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE status = 'pending' AND next_attempt_at <= $2
                      ORDER BY next_attempt_at, id LIMIT $3{})
         RETURNING id, url, payload, attempts",
        backend.skip_locked()
    ));
    let rows: Vec<(Id, String, String, i64)> = sqlx::query_as(sql)
        .bind(Time(now + lease))
        .bind(Time(now))
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
    pool: &Pool,
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
        "UPDATE webhook_deliveries SET status = $1, attempts = $2, response_status = $3,
             error = $4, next_attempt_at = $5, finished_at = $6
         WHERE id = $7
         RETURNING {DELIVERY_COLUMNS}"
    ))
    .bind(status)
    .bind(i64::from(attempts))
    .bind(attempt.status().map(i64::from))
    .bind(attempt.error())
    .bind(next.map(Time))
    .bind(finished.map(Time))
    .bind(Id(id))
    .fetch_optional(pool)
    .await?;
    row.ok_or_else(|| DbError::not_found("delivery", id.to_string()))?
        .try_into()
}
