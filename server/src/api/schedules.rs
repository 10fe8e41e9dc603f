//! REST handlers for ScheduleRun: create, list, read, enable or disable, delete, run now, and
//! a schedule's runs and webhook deliveries.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::{get, post},
};
use domain::eval::record::Run;
use domain::schedule::{NewSchedule, Schedule, WebhookDelivery};
use serde::{Deserialize, Serialize};
use service::{App, schedules};

use super::{
    ApiError,
    caller::ApiCaller,
    json::ApiJson,
    params::{PagedQuery, path_id},
};
use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/schedules", get(list).post(create))
        .route("/schedules/{id}", get(show).patch(update).delete(remove))
        .route("/schedules/{id}/run", post(run_now))
        .route("/schedules/{id}/runs", get(runs))
        .route("/schedules/{id}/deliveries", get(deliveries))
}

#[derive(Serialize)]
struct ScheduleList {
    schedules: Vec<Schedule>,
}

#[derive(Serialize)]
struct RunList {
    runs: Vec<Run>,
}

#[derive(Serialize)]
struct DeliveryList {
    deliveries: Vec<WebhookDelivery>,
}

/// The one change a schedule accepts; to change its definition, delete it and create another.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SchedulePatch {
    enabled: bool,
}

/// The lists of a schedule take nothing but their page.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoFilter {}

async fn list(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
) -> Result<Json<ScheduleList>, ApiError> {
    Ok(Json(ScheduleList {
        schedules: schedules::list(&caller, &app).await?,
    }))
}

async fn create(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    ApiJson(body): ApiJson<NewSchedule>,
) -> Result<(StatusCode, Json<Schedule>), ApiError> {
    let created = schedules::create(&caller, &app, body).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn show(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
) -> Result<Json<Schedule>, ApiError> {
    let id = path_id("schedule", &id)?;
    Ok(Json(schedules::get(&caller, &app, id).await?))
}

async fn update(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<SchedulePatch>,
) -> Result<Json<Schedule>, ApiError> {
    let id = path_id("schedule", &id)?;
    Ok(Json(
        schedules::set_enabled(&caller, &app, id, body.enabled).await?,
    ))
}

async fn remove(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    schedules::delete(&caller, &app, path_id("schedule", &id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn run_now(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<Run>), ApiError> {
    let run = schedules::run_now(&caller, &app, path_id("schedule", &id)?).await?;
    Ok((StatusCode::ACCEPTED, Json(run)))
}

async fn runs(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
    PagedQuery(NoFilter {}, page): PagedQuery<NoFilter>,
) -> Result<Json<RunList>, ApiError> {
    let id = path_id("schedule", &id)?;
    Ok(Json(RunList {
        runs: schedules::runs(&caller, &app, id, page).await?,
    }))
}

async fn deliveries(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
    PagedQuery(NoFilter {}, page): PagedQuery<NoFilter>,
) -> Result<Json<DeliveryList>, ApiError> {
    let id = path_id("schedule", &id)?;
    Ok(Json(DeliveryList {
        deliveries: schedules::deliveries(&caller, &app, id, page).await?,
    }))
}
