//! Server functions behind the schedules page and the "run on a schedule" form: the same
//! service functions as the REST API, so the scheduler hears of every change at once.

use domain::eval::record::Run;
use domain::schedule::{NewSchedule, Schedule};
use leptos::{prelude::*, server_fn::codec::Json};
use uuid::Uuid;

use crate::AppError;

#[cfg(feature = "ssr")]
use {
    super::{app, caller, respond},
    service::schedules,
};

#[server(prefix = "/rpc", endpoint = "list_schedules")]
pub async fn list_schedules() -> Result<Vec<Schedule>, AppError> {
    respond(async move { Ok(schedules::list(&caller(), &app()?).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "create_schedule", input = Json)]
pub async fn create_schedule(new: NewSchedule) -> Result<Schedule, AppError> {
    respond(async move { Ok(schedules::create(&caller(), &app()?, new).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "set_schedule_enabled")]
pub async fn set_schedule_enabled(id: Uuid, enabled: bool) -> Result<Schedule, AppError> {
    respond(async move { Ok(schedules::set_enabled(&caller(), &app()?, id, enabled).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "delete_schedule")]
pub async fn delete_schedule(id: Uuid) -> Result<(), AppError> {
    respond(async move { Ok(schedules::delete(&caller(), &app()?, id).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "run_schedule_now")]
pub async fn run_schedule_now(id: Uuid) -> Result<Run, AppError> {
    respond(async move { Ok(schedules::run_now(&caller(), &app()?, id).await?) }).await
}
