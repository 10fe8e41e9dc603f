//! Row shapes of the schedule tables and their conversion into domain records.

use chrono::{DateTime, Utc};
use domain::eval::status::RunStatus;
use domain::schedule::{DeliveryStatus, Schedule, ScheduledRun, WebhookDelivery};
use sqlx::FromRow;

use crate::DbError;
use crate::store::{Backend, Flag, Id, MaybeTime, Time};

pub(crate) const SCHEDULE_SELECT: &str = "SELECT id, name, cron, dataset, dataset_version,
        prompt_name, prompt_version, endpoint, metrics, parameters, min_pass_rate, webhook_url,
        enabled, created_at, updated_at, enabled_at, last_fired_at, last_error
    FROM schedules";

#[derive(FromRow)]
pub(crate) struct ScheduleRow {
    id: Id,
    name: String,
    cron: String,
    dataset: String,
    dataset_version: Option<i64>,
    prompt_name: String,
    prompt_version: Option<String>,
    endpoint: String,
    metrics: String,
    parameters: String,
    min_pass_rate: Option<f64>,
    webhook_url: Option<String>,
    #[sqlx(try_from = "Flag")]
    enabled: bool,
    #[sqlx(try_from = "Time")]
    created_at: DateTime<Utc>,
    #[sqlx(try_from = "Time")]
    updated_at: DateTime<Utc>,
    #[sqlx(try_from = "Time")]
    enabled_at: DateTime<Utc>,
    #[sqlx(try_from = "MaybeTime")]
    last_fired_at: Option<DateTime<Utc>>,
    last_error: Option<String>,
}

impl TryFrom<ScheduleRow> for Schedule {
    type Error = DbError;

    /// Without `next_fire_at`, `last_run` and `last_delivery`, which the reader fills.
    fn try_from(row: ScheduleRow) -> Result<Self, DbError> {
        Ok(Schedule {
            id: row.id.into_uuid(),
            name: row.name,
            cron: row.cron,
            dataset: row.dataset,
            dataset_version: row.dataset_version,
            prompt_name: row.prompt_name,
            prompt_version: row.prompt_version,
            endpoint: row.endpoint,
            metrics: serde_json::from_str(&row.metrics)
                .map_err(DbError::corrupt("schedules.metrics"))?,
            parameters: serde_json::from_str(&row.parameters)
                .map_err(DbError::corrupt("schedules.parameters"))?,
            min_pass_rate: row.min_pass_rate,
            webhook_url: row.webhook_url,
            enabled: row.enabled,
            created_at: row.created_at,
            updated_at: row.updated_at,
            enabled_at: row.enabled_at,
            last_fired_at: row.last_fired_at,
            next_fire_at: None,
            last_run: None,
            last_delivery: None,
            last_error: row.last_error,
        })
    }
}

/// The newest run of each schedule (of one schedule when bound to its id, of all when bound
/// to NULL): one index lookup per schedule.
pub(crate) fn last_runs(backend: Backend) -> String {
    format!(
        "SELECT s.id AS schedule_id, r.id, r.name, r.status, {} AS pass_rate, r.check_result
         FROM schedules s
         JOIN runs r ON r.id = (SELECT id FROM runs WHERE schedule_id = s.id
                                ORDER BY created_at DESC, id DESC LIMIT 1)
         WHERE $1 IS NULL OR s.id = $1",
        backend.json_number("r.results", "pass_rate")
    )
}

#[derive(FromRow)]
pub(crate) struct LastRunRow {
    pub(crate) schedule_id: Id,
    id: Id,
    name: String,
    status: String,
    pass_rate: Option<f64>,
    check_result: Option<String>,
}

impl TryFrom<LastRunRow> for ScheduledRun {
    type Error = DbError;

    fn try_from(row: LastRunRow) -> Result<Self, DbError> {
        Ok(ScheduledRun {
            id: row.id.into_uuid(),
            name: row.name,
            status: RunStatus::parse(&row.status).ok_or(DbError::Invalid {
                column: "runs.status",
            })?,
            pass_rate: row.pass_rate,
            check: row
                .check_result
                .map(|check| serde_json::from_str(&check))
                .transpose()
                .map_err(DbError::corrupt("runs.check_result"))?,
        })
    }
}

pub(crate) const DELIVERY_COLUMNS: &str = "schedule_id, id, run_id, url, status, attempts,
    response_status, error, next_attempt_at, created_at, finished_at";

/// The newest delivery of each schedule, bound like [`last_runs`].
pub(crate) fn last_deliveries() -> String {
    let columns = DELIVERY_COLUMNS
        .split(',')
        .map(|column| format!("w.{}", column.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "SELECT {columns} FROM schedules s
         JOIN webhook_deliveries w ON w.id = (
             SELECT id FROM webhook_deliveries WHERE schedule_id = s.id
             ORDER BY created_at DESC, id DESC LIMIT 1)
         WHERE $1 IS NULL OR s.id = $1"
    )
}

#[derive(FromRow)]
pub(crate) struct DeliveryRow {
    pub(crate) schedule_id: Id,
    id: Id,
    run_id: Id,
    url: String,
    status: String,
    attempts: i64,
    response_status: Option<i64>,
    error: Option<String>,
    #[sqlx(try_from = "MaybeTime")]
    next_attempt_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "Time")]
    created_at: DateTime<Utc>,
    #[sqlx(try_from = "MaybeTime")]
    finished_at: Option<DateTime<Utc>>,
}

impl TryFrom<DeliveryRow> for WebhookDelivery {
    type Error = DbError;

    fn try_from(row: DeliveryRow) -> Result<Self, DbError> {
        Ok(WebhookDelivery {
            id: row.id.into_uuid(),
            run_id: row.run_id.into_uuid(),
            url: row.url,
            status: DeliveryStatus::parse(&row.status).ok_or(DbError::Invalid {
                column: "webhook_deliveries.status",
            })?,
            attempts: row.attempts as u32,
            response_status: row.response_status.map(|status| status as u16),
            error: row.error,
            next_attempt_at: row.next_attempt_at,
            created_at: row.created_at,
            finished_at: row.finished_at,
        })
    }
}
