//! Reading schedules with their newest run and delivery, and the runs of a schedule.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::eval::{record::Run, status::RunStatus};
use domain::schedule::{Schedule, ScheduledRun, WebhookDelivery};

use uuid::Uuid;

use super::rows::{
    DELIVERY_COLUMNS, DeliveryRow, LastRunRow, SCHEDULE_SELECT, ScheduleRow, last_deliveries,
    last_runs,
};
use crate::DbError;
use crate::runs::rows::{RUN_SELECT, RunRow};
use crate::store::{Backend, Connection, Id, Pool, Time, sql_for};

/// One schedule, with `next_fire_at` as of `now`.
pub async fn get(pool: &Pool, id: Uuid, now: DateTime<Utc>) -> Result<Schedule, DbError> {
    let mut conn = pool.acquire().await?;
    let row: ScheduleRow = sqlx::query_as(&format!("{SCHEDULE_SELECT} WHERE id = $1"))
        .bind(Id(id))
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| DbError::not_found("schedule", id.to_string()))?;
    let mut schedules = complete(&mut conn, vec![row], Some(id), now).await?;
    Ok(schedules.remove(0))
}

/// Every schedule, newest first, with `next_fire_at` as of `now`.
pub async fn list(pool: &Pool, now: DateTime<Utc>) -> Result<Vec<Schedule>, DbError> {
    let mut conn = pool.acquire().await?;
    let rows: Vec<ScheduleRow> = sqlx::query_as(&format!(
        "{SCHEDULE_SELECT} ORDER BY created_at DESC, id DESC"
    ))
    .fetch_all(&mut *conn)
    .await?;
    complete(&mut conn, rows, None, now).await
}

/// The enabled schedules as the scheduler needs them: without `last_run`, `last_delivery`
/// and `next_fire_at`.
pub async fn enabled(pool: &Pool) -> Result<Vec<Schedule>, DbError> {
    let rows: Vec<ScheduleRow> = sqlx::query_as(&format!(
        "{SCHEDULE_SELECT} WHERE enabled ORDER BY created_at, id"
    ))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(Schedule::try_from).collect()
}

/// Adds the newest run and delivery of each schedule and its next fire.
async fn complete(
    conn: &mut Connection,
    rows: Vec<ScheduleRow>,
    only: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Vec<Schedule>, DbError> {
    let only = only.map(Id);
    let runs: Vec<LastRunRow> = sqlx::query_as(sql_for!(Backend::of_connection(conn), last_runs))
        .bind(only)
        .fetch_all(&mut *conn)
        .await?;
    let mut runs = runs
        .into_iter()
        .map(|row| Ok((row.schedule_id.into_uuid(), ScheduledRun::try_from(row)?)))
        .collect::<Result<HashMap<_, _>, DbError>>()?;
    let deliveries: Vec<DeliveryRow> = sqlx::query_as(&last_deliveries())
        .bind(only)
        .fetch_all(&mut *conn)
        .await?;
    let mut deliveries = deliveries
        .into_iter()
        .map(|row| Ok((row.schedule_id.into_uuid(), WebhookDelivery::try_from(row)?)))
        .collect::<Result<HashMap<_, _>, DbError>>()?;
    rows.into_iter()
        .map(|row| {
            let mut schedule = Schedule::try_from(row)?;
            schedule.last_run = runs.remove(&schedule.id);
            schedule.last_delivery = deliveries.remove(&schedule.id);
            Ok(schedule.with_next_fire(now))
        })
        .collect()
}

/// The runs of a schedule, newest first.
pub async fn runs(pool: &Pool, schedule_id: Uuid, limit: i64) -> Result<Vec<Run>, DbError> {
    let rows: Vec<RunRow> = sqlx::query_as(&format!(
        "{RUN_SELECT} WHERE r.schedule_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT $2"
    ))
    .bind(Id(schedule_id))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(Run::try_from).collect()
}

/// The webhook deliveries of a schedule, newest first.
pub async fn deliveries(
    pool: &Pool,
    schedule_id: Uuid,
    limit: i64,
) -> Result<Vec<WebhookDelivery>, DbError> {
    let rows: Vec<DeliveryRow> = sqlx::query_as(&format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries WHERE schedule_id = $1
         ORDER BY created_at DESC, id DESC LIMIT $2"
    ))
    .bind(Id(schedule_id))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(WebhookDelivery::try_from).collect()
}

/// The pending or running run of a schedule, if it has one. (Looked up among the few
/// unfinished runs, not among every run of the schedule.)
pub(crate) async fn unfinished_run(
    conn: &mut Connection,
    schedule_id: Uuid,
) -> Result<Option<(Uuid, RunStatus)>, DbError> {
    let sql = sql_for!(Backend::of_connection(conn), |b| format!(
        "SELECT id, status FROM runs
         WHERE status IN ('pending', 'running') AND {} = $1
         ORDER BY created_at DESC LIMIT 1",
        b.unindexed("schedule_id")
    ));
    let row: Option<(Id, String)> = sqlx::query_as(sql)
        .bind(Id(schedule_id))
        .fetch_optional(conn)
        .await?;
    row.map(|(id, status)| {
        let status = RunStatus::parse(&status).ok_or(DbError::Invalid {
            column: "runs.status",
        })?;
        Ok((id.into_uuid(), status))
    })
    .transpose()
}

/// Scheduled runs that ended (completed or failed) and have no check yet, oldest first: a
/// check that a stopped server did not make is made at the next start. (The `+` keeps SQLite
/// on the small partial index `runs_unchecked` rather than the index on status.)
pub async fn unchecked_runs(pool: &Pool) -> Result<Vec<Run>, DbError> {
    let sql = sql_for!(Backend::of(pool), |b| format!(
        "{RUN_SELECT} WHERE r.schedule_id IS NOT NULL AND r.check_result IS NULL
           AND {} IN ('completed', 'failed')
         ORDER BY r.created_at, r.id",
        b.unindexed("r.status")
    ));
    let rows: Vec<RunRow> = sqlx::query_as(sql).fetch_all(pool).await?;
    rows.into_iter().map(Run::try_from).collect()
}

/// The newest completed run of the same schedule created before `run`.
pub async fn previous_completed_run(pool: &Pool, run: &Run) -> Result<Option<Run>, DbError> {
    let Some(schedule_id) = run.schedule_id else {
        return Ok(None);
    };
    let row: Option<RunRow> = sqlx::query_as(&format!(
        "{RUN_SELECT} WHERE r.schedule_id = $1 AND r.status = 'completed' AND r.id != $2
           AND (r.created_at < $3 OR (r.created_at = $4 AND r.id < $5))
         ORDER BY r.created_at DESC, r.id DESC LIMIT 1"
    ))
    .bind(Id(schedule_id))
    .bind(Id(run.id))
    .bind(Time(run.created_at))
    .bind(Time(run.created_at))
    .bind(Id(run.id))
    .fetch_optional(pool)
    .await?;
    row.map(Run::try_from).transpose()
}
