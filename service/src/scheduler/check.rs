//! Checking each scheduled run once it has ended, and queueing the webhook of a regression.

use chrono::{DateTime, Utc};
use db::DbError;
use db::schedules::NewDelivery;
use domain::eval::compare::{CompareError, DEFAULT_CONFIDENCE_LEVEL, RunComparison, compare_runs};
use domain::eval::{record::Run, status::RunStatus};
use domain::problem::Problem;
use domain::schedule::payload::ScheduleRef;
use domain::schedule::{CheckInput, RegressionPayload, RunCheck, Schedule};
use uuid::Uuid;

use super::Scheduler;

/// A check stored by a pass.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedRun {
    pub run_id: Uuid,
    pub check: RunCheck,
    /// A webhook delivery was queued with it.
    pub delivery_queued: bool,
}

impl Scheduler {
    /// Checks every scheduled run that ended (completed or failed) without a check: against
    /// the previous completed run of its schedule (McNemar and per-metric tests at 95 %) and
    /// the schedule's minimum pass rate. A failed run is a regression too. The check and, for
    /// a regression of a schedule with a webhook, its delivery are stored in one transaction.
    pub async fn check_finished(&self, now: DateTime<Utc>) -> Result<Vec<CheckedRun>, Problem> {
        let pool = &self.inner.pool;
        let mut checked = Vec::new();
        for run in db::schedules::unchecked_runs(pool).await? {
            let Some(schedule_id) = run.schedule_id else {
                continue;
            };
            // A deleted schedule's runs are still checked, without a minimum or a webhook.
            let schedule = match db::schedules::get(pool, schedule_id, now).await {
                Ok(schedule) => Some(schedule),
                Err(DbError::NotFound { .. }) => None,
                Err(error) => return Err(error.into()),
            };
            let previous = db::schedules::previous_completed_run(pool, &run).await?;
            let comparison = match &previous {
                Some(previous) if run.status == RunStatus::Completed => {
                    Some(self.compare(previous, &run).await?)
                }
                _ => None,
            };
            let check = CheckInput {
                run: &run,
                previous: previous.as_ref(),
                comparison: comparison.as_ref().map(Result::as_ref),
                min_pass_rate: schedule.as_ref().and_then(|s| s.min_pass_rate),
                checked_at: now,
            }
            .check();
            let payload = schedule
                .as_ref()
                .filter(|_| check.regression)
                .and_then(|schedule| self.payload(schedule, &run, &check));
            let delivery = payload.as_ref().map(|(url, payload)| NewDelivery {
                schedule_id,
                url,
                payload,
            });
            let delivery_queued = delivery.is_some();
            if db::schedules::store_check(pool, run.id, &check, delivery, now).await? {
                tracing::info!(run = %run.id, regression = check.regression, "scheduled run checked");
                checked.push(CheckedRun {
                    run_id: run.id,
                    check,
                    delivery_queued,
                });
            }
        }
        Ok(checked)
    }

    async fn compare(
        &self,
        previous: &Run,
        run: &Run,
    ) -> Result<Result<RunComparison, CompareError>, Problem> {
        let pool = &self.inner.pool;
        // The check needs scores and verdicts only, not the texts of every sample.
        let (previous_results, results) = tokio::try_join!(
            db::runs::scored_results(pool, previous.id),
            db::runs::scored_results(pool, run.id)
        )?;
        Ok(compare_runs(
            previous,
            &previous_results,
            run,
            &results,
            DEFAULT_CONFIDENCE_LEVEL,
        ))
    }

    /// The webhook URL and payload of a regression, when the schedule has a webhook.
    fn payload(
        &self,
        schedule: &Schedule,
        run: &Run,
        check: &RunCheck,
    ) -> Option<(String, RegressionPayload)> {
        let url = schedule.webhook_url.clone()?;
        let schedule = ScheduleRef {
            id: schedule.id,
            name: schedule.name.clone(),
        };
        let payload = RegressionPayload::new(schedule, run, check, &self.inner.public_url);
        Some((url, payload))
    }
}
