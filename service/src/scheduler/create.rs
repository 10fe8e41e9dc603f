//! CreateSchedule: validate the request, check that what it names exists, and store it.

use chrono::{DateTime, Utc};
use db::Pool;
use domain::problem::Problem;
use domain::schedule::{NewSchedule, Schedule};

use crate::runs::resolve_run;

/// Stores a schedule created at `now` after checking it the way a run is checked: the cron
/// expression and every field (422 naming each), then the dataset, a pinned dataset version,
/// the prompt and a pinned prompt version, the endpoint (404 naming the field) and that the
/// dataset can feed the prompt today. Nothing is stored on error. Call
/// [`super::Scheduler::wake`] afterwards so an enabled schedule is seen at once.
pub async fn create_schedule(
    pool: &Pool,
    new: NewSchedule,
    now: DateTime<Utc>,
) -> Result<Schedule, Problem> {
    let valid = new.validate()?;
    resolve_run(pool, &valid.run).await?;
    Ok(db::schedules::create(pool, &valid, now).await?)
}
