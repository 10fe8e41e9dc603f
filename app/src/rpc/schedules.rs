//! Server functions behind the schedules page and the "run on a schedule" form, through the
//! same scheduler the REST API uses, so that it hears of every change at once.

use domain::eval::record::Run;
use domain::schedule::{NewSchedule, Schedule};
use leptos::{prelude::*, server_fn::codec::Json};
use uuid::Uuid;

use crate::AppError;

#[cfg(feature = "ssr")]
fn scheduler() -> Result<runner::scheduler::Scheduler, AppError> {
    use_context::<runner::scheduler::Scheduler>().ok_or_else(|| {
        tracing::error!("the scheduler was not provided to the server function");
        AppError(domain::problem::Problem::internal())
    })
}

#[server(prefix = "/rpc")]
pub async fn list_schedules() -> Result<Vec<Schedule>, AppError> {
    super::respond(async move { Ok(scheduler()?.list().await?) }).await
}

#[server(prefix = "/rpc", input = Json)]
pub async fn create_schedule(new: NewSchedule) -> Result<Schedule, AppError> {
    super::respond(async move { Ok(scheduler()?.create(new).await?) }).await
}

#[server(prefix = "/rpc")]
pub async fn set_schedule_enabled(id: Uuid, enabled: bool) -> Result<Schedule, AppError> {
    super::respond(async move { Ok(scheduler()?.set_enabled(id, enabled).await?) }).await
}

#[server(prefix = "/rpc")]
pub async fn delete_schedule(id: Uuid) -> Result<(), AppError> {
    super::respond(async move { Ok(scheduler()?.delete(id).await?) }).await
}

#[server(prefix = "/rpc")]
pub async fn run_schedule_now(id: Uuid) -> Result<Run, AppError> {
    super::respond(async move {
        let run = scheduler()?.start_now(id).await?;
        if let Some(worker) = use_context::<runner::Worker>() {
            worker.wake();
        }
        Ok(run)
    })
    .await
}
