//! Firing schedules: at their cron ticks, and by hand ("run now").

use chrono::{DateTime, Utc};
use db::schedules::{FireOutcome, Trigger};
use domain::eval::{record::Run, status::RunStatus};
use domain::problem::{ErrorCode, Problem};
use domain::schedule::Schedule;
use uuid::Uuid;

use super::Scheduler;
use crate::runs::resolve_run;

/// What became of one due schedule in a pass.
#[derive(Debug, Clone, PartialEq)]
pub struct FireReport {
    pub schedule_id: Uuid,
    pub tick: DateTime<Utc>,
    pub outcome: TickOutcome,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TickOutcome {
    /// The run was created and queued.
    Fired(Box<Run>),
    /// The previous run of the schedule is unfinished: the tick is skipped.
    Skipped { run_id: Uuid, status: RunStatus },
    /// The run could not be created (the prompt or the dataset is gone, ...): the tick is
    /// consumed and the reason kept in the schedule's `last_error`.
    Unresolvable(String),
    /// Another scheduler fired this tick first.
    AlreadyFired,
    /// The schedule was disabled or deleted meanwhile.
    Gone,
}

impl From<FireOutcome> for TickOutcome {
    fn from(outcome: FireOutcome) -> Self {
        match outcome {
            FireOutcome::Fired(run) => TickOutcome::Fired(run),
            FireOutcome::Busy { run_id, status } => TickOutcome::Skipped { run_id, status },
            FireOutcome::AlreadyFired => TickOutcome::AlreadyFired,
            FireOutcome::Gone => TickOutcome::Gone,
        }
    }
}

impl Scheduler {
    /// Fires every enabled schedule with a tick due at `now`, once, for its latest due tick;
    /// the worker is woken when a run was queued.
    pub async fn fire_due(&self, now: DateTime<Utc>) -> Result<Vec<FireReport>, Problem> {
        let pool = &self.inner.pool;
        let mut reports = Vec::new();
        for schedule in db::schedules::enabled(pool).await? {
            let Some(tick) = schedule.due(now) else {
                continue;
            };
            let outcome = self.fire_tick(&schedule, tick).await?;
            match &outcome {
                TickOutcome::Fired(run) => {
                    tracing::info!(schedule = %schedule.id, run = %run.id, %tick, "schedule fired");
                }
                TickOutcome::Skipped { run_id, .. } => {
                    tracing::warn!(schedule = %schedule.id, previous = %run_id, %tick, "tick skipped: the previous run is unfinished");
                }
                TickOutcome::Unresolvable(reason) => {
                    tracing::warn!(schedule = %schedule.id, %tick, reason, "tick created no run");
                }
                TickOutcome::AlreadyFired | TickOutcome::Gone => {}
            }
            reports.push(FireReport {
                schedule_id: schedule.id,
                tick,
                outcome,
            });
        }
        if reports
            .iter()
            .any(|report| matches!(report.outcome, TickOutcome::Fired(_)))
        {
            self.inner.worker.wake();
        }
        Ok(reports)
    }

    async fn fire_tick(
        &self,
        schedule: &Schedule,
        tick: DateTime<Utc>,
    ) -> Result<TickOutcome, Problem> {
        let pool = &self.inner.pool;
        let trigger = Trigger::Tick {
            expected: schedule.last_fired_at,
            tick,
        };
        // Resolving reads every sample; a busy schedule skips before that.
        if let Some(outcome) = db::schedules::skip_if_busy(pool, schedule.id, trigger).await? {
            return Ok(outcome.into());
        }
        let resolved = match schedule.run_request(schedule.run_name_at(tick)) {
            Ok(request) => resolve_run(pool, &request).await,
            Err(error) => Err(error.into()),
        };
        let resolved = match resolved {
            Ok(resolved) => resolved,
            Err(problem)
                if matches!(problem.code, ErrorCode::Internal | ErrorCode::Unavailable) =>
            {
                return Err(problem);
            }
            Err(problem) => {
                let reason = format!("the run could not be created: {}", problem.message);
                let consumed = db::schedules::fail_tick(
                    pool,
                    schedule.id,
                    schedule.last_fired_at,
                    tick,
                    &reason,
                )
                .await?;
                return Ok(if consumed {
                    TickOutcome::Unresolvable(reason)
                } else {
                    TickOutcome::AlreadyFired
                });
            }
        };
        let outcome = db::schedules::fire(pool, schedule.id, trigger, &resolved.row(true)).await?;
        Ok(outcome.into())
    }

    /// "Run now": creates and queues a run of the schedule at once (enabled or not), without
    /// moving its cron window. 409 while the schedule has an unfinished run; 404 for an
    /// unknown schedule; the problems of a run's creation otherwise.
    pub async fn run_now(&self, schedule_id: Uuid, now: DateTime<Utc>) -> Result<Run, Problem> {
        let pool = &self.inner.pool;
        let schedule = db::schedules::get(pool, schedule_id, now).await?;
        if let Some(outcome) =
            db::schedules::skip_if_busy(pool, schedule_id, Trigger::Manual).await?
        {
            return Err(refused(&schedule, outcome));
        }
        let request = schedule.run_request(schedule.manual_run_name(now))?;
        let resolved = resolve_run(pool, &request).await?;
        match db::schedules::fire(pool, schedule_id, Trigger::Manual, &resolved.row(true)).await? {
            FireOutcome::Fired(run) => {
                self.inner.worker.wake();
                Ok(*run)
            }
            other => Err(refused(&schedule, other)),
        }
    }
}

fn refused(schedule: &Schedule, outcome: FireOutcome) -> Problem {
    match outcome {
        FireOutcome::Busy { run_id, status } => {
            let message = format!(
                "schedule `{}` already has an unfinished run {run_id} ({}); wait for it or cancel it",
                schedule.name,
                status.as_str()
            );
            Problem::new(ErrorCode::Conflict, message.clone()).with_field("schedule", message)
        }
        other => {
            tracing::error!(schedule = %schedule.id, ?other, "a manual run was refused unexpectedly");
            Problem::internal()
        }
    }
}
