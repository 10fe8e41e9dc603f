//! REST handlers for evaluation runs: create (and start), list with filters, read with
//! progress and results, per-sample results, start and cancel.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::{get, post},
};
use db::SqlitePool;
use domain::eval::{
    new_run::NewRun,
    record::{ResultFilter, ResultPage, Run, RunFilter},
    status::RunStatus,
};
use domain::problem::{ErrorCode, Problem};
use runner::Worker;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ApiError, json::ApiJson, query::ApiQuery};
use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/runs", get(list).post(create))
        .route("/runs/{id}", get(show))
        .route("/runs/{id}/results", get(results))
        .route("/runs/{id}/start", post(start))
        .route("/runs/{id}/cancel", post(cancel))
}

const DEFAULT_LIST: i64 = 100;
const MAX_LIST: i64 = 1000;
const DEFAULT_PAGE: i64 = 50;
const MAX_PAGE: i64 = 1000;

#[derive(Serialize)]
struct RunList {
    runs: Vec<Run>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListQuery {
    status: Option<String>,
    dataset: Option<String>,
    prompt: Option<String>,
    model: Option<String>,
    limit: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResultsQuery {
    filter: Option<String>,
    #[serde(default)]
    offset: i64,
    limit: Option<i64>,
}

async fn list(
    State(pool): State<SqlitePool>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Json<RunList>, ApiError> {
    let status = match query.status.as_deref() {
        None | Some("") => None,
        Some(raw) => Some(RunStatus::parse(raw).ok_or_else(|| {
            bad_parameter(
                "status",
                "must be one of pending, running, completed, failed, cancelled",
            )
        })?),
    };
    let limit = query.limit.unwrap_or(DEFAULT_LIST);
    if !(1..=MAX_LIST).contains(&limit) {
        return Err(bad_parameter(
            "limit",
            format!("must be between 1 and {MAX_LIST}"),
        ));
    }
    let nonempty = |value: Option<String>| value.filter(|v| !v.is_empty());
    let filter = RunFilter {
        status,
        dataset: nonempty(query.dataset),
        prompt: nonempty(query.prompt),
        model: nonempty(query.model),
    };
    Ok(Json(RunList {
        runs: db::runs::list(&pool, &filter, limit).await?,
    }))
}

async fn create(
    State(pool): State<SqlitePool>,
    State(worker): State<Worker>,
    ApiJson(body): ApiJson<NewRun>,
) -> Result<(StatusCode, Json<Run>), ApiError> {
    let run = runner::create::create_run(&pool, body).await?;
    if run.queued_at.is_some() {
        worker.wake();
    }
    Ok((StatusCode::CREATED, Json(run)))
}

async fn show(
    State(pool): State<SqlitePool>,
    Path(id): Path<String>,
) -> Result<Json<Run>, ApiError> {
    Ok(Json(db::runs::get(&pool, run_id(&id)?).await?))
}

async fn results(
    State(pool): State<SqlitePool>,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<ResultsQuery>,
) -> Result<Json<ResultPage>, ApiError> {
    let filter = match query.filter.as_deref() {
        None | Some("") => ResultFilter::All,
        Some(raw) => ResultFilter::parse(raw)
            .ok_or_else(|| bad_parameter("filter", "must be all, failed or errored"))?,
    };
    let limit = query.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(bad_parameter(
            "limit",
            format!("must be between 1 and {MAX_PAGE}"),
        ));
    }
    if query.offset < 0 {
        return Err(bad_parameter("offset", "must not be negative"));
    }
    let page = db::runs::results(&pool, run_id(&id)?, filter, query.offset, limit).await?;
    Ok(Json(page))
}

async fn start(
    State(pool): State<SqlitePool>,
    State(worker): State<Worker>,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<Run>), ApiError> {
    let run = db::runs::queue(&pool, run_id(&id)?).await?;
    worker.wake();
    Ok((StatusCode::ACCEPTED, Json(run)))
}

async fn cancel(
    State(pool): State<SqlitePool>,
    State(worker): State<Worker>,
    Path(id): Path<String>,
) -> Result<Json<Run>, ApiError> {
    let run = db::runs::cancel(&pool, run_id(&id)?).await?;
    worker.cancel(run.id);
    Ok(Json(run))
}

/// A run id in a path; anything that is not a UUID names no run.
fn run_id(raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| {
        ApiError(
            Problem::new(ErrorCode::NotFound, format!("run `{raw}` was not found"))
                .with_field("run", "not found"),
        )
    })
}

fn bad_parameter(field: &str, message: impl Into<String>) -> ApiError {
    let message = message.into();
    ApiError(
        Problem::new(ErrorCode::BadRequest, format!("{field} {message}"))
            .with_field(field, message),
    )
}
