//! Firing a schedule: one write transaction (`store::begin_write`, scoped to the schedule)
//! moves `last_fired_at` from the value the scheduler read to the tick (compare-and-set),
//! refuses while the schedule's previous run is unfinished, and inserts the queued run. Two schedulers looking at the same tick create one
//! run; a schedule never has two unfinished runs.

use chrono::{DateTime, Utc};
use domain::eval::{record::Run, status::RunStatus};
use sqlx::{Any, Transaction};
use uuid::Uuid;

use super::read::unfinished_run;
use crate::DbError;
use crate::runs::{NewRunRow, insert, read::fetch};
use crate::store::{Flag, Id, MaybeTime, Pool, Time, begin_write};

/// What starts a run of a schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// A cron tick; `expected` is the `last_fired_at` the scheduler read.
    Tick {
        expected: Option<DateTime<Utc>>,
        tick: DateTime<Utc>,
    },
    /// "Run now": `last_fired_at` does not move.
    Manual,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FireOutcome {
    /// The run was created and queued.
    Fired(Box<Run>),
    /// The schedule's previous run is still pending or running; a tick is consumed (and the
    /// skip recorded in `last_error`), a manual run is refused.
    Busy { run_id: Uuid, status: RunStatus },
    /// `last_fired_at` moved since the scheduler read it: this tick was fired already.
    AlreadyFired,
    /// The schedule was deleted or disabled since the scheduler read it.
    Gone,
}

/// Creates the run `row` describes for the schedule (the row's `schedule_id` and `queue` are
/// set here), unless the outcome says why not.
pub async fn fire(
    pool: &Pool,
    schedule_id: Uuid,
    trigger: Trigger,
    row: &NewRunRow<'_>,
) -> Result<FireOutcome, DbError> {
    let mut tx = begin_write(pool, &format!("schedule:{schedule_id}")).await?;
    if let Some(outcome) = refusal(&mut tx, schedule_id, trigger).await? {
        tx.commit().await?;
        return Ok(outcome);
    }
    let row = NewRunRow {
        queue: true,
        schedule_id: Some(schedule_id),
        ..*row
    };
    let run_id = insert(&mut tx, &row).await?;
    if let Trigger::Tick { tick, .. } = trigger {
        sqlx::query("UPDATE schedules SET last_fired_at = $1, last_error = NULL WHERE id = $2")
            .bind(Time(tick))
            .bind(Id(schedule_id))
            .execute(&mut *tx)
            .await?;
    }
    let run = fetch(&mut tx, run_id).await?;
    tx.commit().await?;
    Ok(FireOutcome::Fired(Box::new(run)))
}

/// Consumes the tick without a run when the previous run is unfinished, before the caller
/// spends time resolving the next one. None when the schedule is free to fire.
pub async fn skip_if_busy(
    pool: &Pool,
    schedule_id: Uuid,
    trigger: Trigger,
) -> Result<Option<FireOutcome>, DbError> {
    let mut tx = begin_write(pool, &format!("schedule:{schedule_id}")).await?;
    let outcome = refusal(&mut tx, schedule_id, trigger).await?;
    tx.commit().await?;
    Ok(outcome)
}

/// Consumes the tick without a run because the run could not be created; `error` says why and
/// stays in `last_error` until a fire succeeds. False when the tick was consumed already.
pub async fn fail_tick(
    pool: &Pool,
    schedule_id: Uuid,
    expected: Option<DateTime<Utc>>,
    tick: DateTime<Utc>,
    error: &str,
) -> Result<bool, DbError> {
    let mut tx = begin_write(pool, &format!("schedule:{schedule_id}")).await?;
    if not_due(&mut tx, schedule_id, expected).await?.is_some() {
        return Ok(false);
    }
    consume(&mut tx, schedule_id, tick, error).await?;
    tx.commit().await?;
    Ok(true)
}

/// Why the schedule cannot fire now, consuming the tick when the previous run is busy.
async fn refusal(
    tx: &mut Transaction<'static, Any>,
    schedule_id: Uuid,
    trigger: Trigger,
) -> Result<Option<FireOutcome>, DbError> {
    match trigger {
        Trigger::Tick { expected, .. } => {
            if let Some(outcome) = not_due(tx, schedule_id, expected).await? {
                return Ok(Some(outcome));
            }
        }
        Trigger::Manual => {
            let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM schedules WHERE id = $1")
                .bind(Id(schedule_id))
                .fetch_optional(&mut **tx)
                .await?;
            if exists.is_none() {
                return Err(DbError::not_found("schedule", schedule_id.to_string()));
            }
        }
    }
    let Some((run_id, status)) = unfinished_run(tx, schedule_id).await? else {
        return Ok(None);
    };
    if let Trigger::Tick { tick, .. } = trigger {
        let reason = format!(
            "skipped the tick of {}: the previous run {run_id} is still {}",
            tick.format("%Y-%m-%d %H:%M UTC"),
            status.as_str()
        );
        consume(tx, schedule_id, tick, &reason).await?;
    }
    Ok(Some(FireOutcome::Busy { run_id, status }))
}

/// None when the schedule is enabled and `last_fired_at` is still `expected`; otherwise why
/// the tick may not fire.
async fn not_due(
    tx: &mut Transaction<'static, Any>,
    schedule_id: Uuid,
    expected: Option<DateTime<Utc>>,
) -> Result<Option<FireOutcome>, DbError> {
    let row: Option<(Flag, MaybeTime)> =
        sqlx::query_as("SELECT enabled, last_fired_at FROM schedules WHERE id = $1")
            .bind(Id(schedule_id))
            .fetch_optional(&mut **tx)
            .await?;
    Ok(match row.map(|(enabled, fired)| (enabled.0, fired.0)) {
        None | Some((false, _)) => Some(FireOutcome::Gone),
        Some((true, fired)) if fired != expected => Some(FireOutcome::AlreadyFired),
        Some(_) => None,
    })
}

async fn consume(
    tx: &mut Transaction<'static, Any>,
    schedule_id: Uuid,
    tick: DateTime<Utc>,
    error: &str,
) -> Result<(), DbError> {
    sqlx::query("UPDATE schedules SET last_fired_at = $1, last_error = $2 WHERE id = $3")
        .bind(Time(tick))
        .bind(error)
        .bind(Id(schedule_id))
        .execute(&mut **tx)
        .await?;
    Ok(())
}
