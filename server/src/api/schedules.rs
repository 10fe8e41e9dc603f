//! REST handlers for ScheduleRun: create, list, read, enable or disable, delete, run now, and
//! a schedule's runs and webhook deliveries.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::{get, post},
};
use domain::eval::record::Run;
use domain::problem::{ErrorCode, Problem};
use domain::schedule::{NewSchedule, Schedule, WebhookDelivery};
use runner::Scheduler;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ApiError, json::ApiJson, query::ApiQuery};
use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/schedules", get(list).post(create))
        .route("/schedules/{id}", get(show).patch(update).delete(remove))
        .route("/schedules/{id}/run", post(run_now))
        .route("/schedules/{id}/runs", get(runs))
        .route("/schedules/{id}/deliveries", get(deliveries))
}

const DEFAULT_LIST: i64 = 50;
const MAX_LIST: i64 = 1000;

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LimitQuery {
    limit: Option<i64>,
}

async fn list(State(scheduler): State<Scheduler>) -> Result<Json<ScheduleList>, ApiError> {
    Ok(Json(ScheduleList {
        schedules: scheduler.list().await?,
    }))
}

async fn create(
    State(scheduler): State<Scheduler>,
    ApiJson(body): ApiJson<NewSchedule>,
) -> Result<(StatusCode, Json<Schedule>), ApiError> {
    Ok((StatusCode::CREATED, Json(scheduler.create(body).await?)))
}

async fn show(
    State(scheduler): State<Scheduler>,
    Path(id): Path<String>,
) -> Result<Json<Schedule>, ApiError> {
    Ok(Json(scheduler.get(schedule_id(&id)?).await?))
}

async fn update(
    State(scheduler): State<Scheduler>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<SchedulePatch>,
) -> Result<Json<Schedule>, ApiError> {
    let id = schedule_id(&id)?;
    Ok(Json(scheduler.set_enabled(id, body.enabled).await?))
}

async fn remove(
    State(scheduler): State<Scheduler>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    scheduler.delete(schedule_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn run_now(
    State(scheduler): State<Scheduler>,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<Run>), ApiError> {
    let run = scheduler.start_now(schedule_id(&id)?).await?;
    Ok((StatusCode::ACCEPTED, Json(run)))
}

async fn runs(
    State(scheduler): State<Scheduler>,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<LimitQuery>,
) -> Result<Json<RunList>, ApiError> {
    let id = schedule_id(&id)?;
    let limit = limit(query.limit)?;
    scheduler.get(id).await?;
    Ok(Json(RunList {
        runs: db::schedules::runs(scheduler.pool(), id, limit).await?,
    }))
}

async fn deliveries(
    State(scheduler): State<Scheduler>,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<LimitQuery>,
) -> Result<Json<DeliveryList>, ApiError> {
    let id = schedule_id(&id)?;
    let limit = limit(query.limit)?;
    scheduler.get(id).await?;
    Ok(Json(DeliveryList {
        deliveries: db::schedules::deliveries(scheduler.pool(), id, limit).await?,
    }))
}

fn limit(raw: Option<i64>) -> Result<i64, ApiError> {
    let limit = raw.unwrap_or(DEFAULT_LIST);
    if (1..=MAX_LIST).contains(&limit) {
        Ok(limit)
    } else {
        let message = format!("must be between 1 and {MAX_LIST}");
        Err(ApiError(
            Problem::new(ErrorCode::BadRequest, format!("limit {message}"))
                .with_field("limit", message),
        ))
    }
}

/// A schedule id in a path; anything that is not a UUID names no schedule.
fn schedule_id(raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| {
        ApiError(
            Problem::new(
                ErrorCode::NotFound,
                format!("schedule `{raw}` was not found"),
            )
            .with_field("schedule", "not found"),
        )
    })
}
