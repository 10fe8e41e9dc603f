//! What the REST API and the pages do with schedules, through the scheduler so that it hears
//! of every change at once.

use domain::eval::record::Run;
use domain::problem::Problem;
use domain::schedule::{NewSchedule, Schedule};
use uuid::Uuid;

use super::{Scheduler, create_schedule};

impl Scheduler {
    /// Every schedule, newest first, as of the scheduler's clock.
    pub async fn list(&self) -> Result<Vec<Schedule>, Problem> {
        Ok(db::schedules::list(&self.inner.pool, self.now()).await?)
    }

    pub async fn get(&self, id: Uuid) -> Result<Schedule, Problem> {
        Ok(db::schedules::get(&self.inner.pool, id, self.now()).await?)
    }

    /// [`create_schedule`], then a pass.
    pub async fn create(&self, new: NewSchedule) -> Result<Schedule, Problem> {
        let schedule = create_schedule(&self.inner.pool, new, self.now()).await?;
        self.wake();
        Ok(schedule)
    }

    /// Enables or disables a schedule; enabled again, it fires from its next tick on.
    pub async fn set_enabled(&self, id: Uuid, enabled: bool) -> Result<Schedule, Problem> {
        let schedule =
            db::schedules::set_enabled(&self.inner.pool, id, enabled, self.now()).await?;
        self.wake();
        Ok(schedule)
    }

    /// Deletes a schedule and its pending deliveries; its runs stay.
    pub async fn delete(&self, id: Uuid) -> Result<(), Problem> {
        Ok(db::schedules::delete(&self.inner.pool, id).await?)
    }

    /// [`Scheduler::run_now`] at the scheduler's clock.
    pub async fn start_now(&self, id: Uuid) -> Result<Run, Problem> {
        self.run_now(id, self.now()).await
    }
}
