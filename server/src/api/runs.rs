//! REST handlers for evaluation runs: create (and start), list with filters, read with
//! progress and results, per-sample results, start and cancel.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::{get, post},
};
use domain::eval::{
    new_run::NewRun,
    record::{ResultFilter, ResultPage, Run, RunFilter},
    status::RunStatus,
};
use domain::page::bad_parameter;
use serde::{Deserialize, Serialize};
use service::{App, runs};

use super::{
    ApiError,
    caller::ApiCaller,
    json::ApiJson,
    params::{PagedQuery, path_id},
};
use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/runs", get(list).post(create))
        .route("/runs/{id}", get(show))
        .route("/runs/{id}/results", get(results))
        .route("/runs/{id}/start", post(start))
        .route("/runs/{id}/cancel", post(cancel))
}

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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResultsQuery {
    filter: Option<String>,
}

async fn list(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    PagedQuery(query, page): PagedQuery<ListQuery>,
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
    let nonempty = |value: Option<String>| value.filter(|v| !v.is_empty());
    let filter = RunFilter {
        status,
        dataset: nonempty(query.dataset),
        prompt: nonempty(query.prompt),
        model: nonempty(query.model),
    };
    Ok(Json(RunList {
        runs: runs::list(&caller, &app, &filter, page).await?,
    }))
}

async fn create(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    ApiJson(body): ApiJson<NewRun>,
) -> Result<(StatusCode, Json<Run>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(runs::create(&caller, &app, body).await?),
    ))
}

async fn show(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
) -> Result<Json<Run>, ApiError> {
    Ok(Json(runs::get(&caller, &app, path_id("run", &id)?).await?))
}

async fn results(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
    PagedQuery(query, page): PagedQuery<ResultsQuery>,
) -> Result<Json<ResultPage>, ApiError> {
    let filter = match query.filter.as_deref() {
        None | Some("") => ResultFilter::All,
        Some(raw) => ResultFilter::parse(raw)
            .ok_or_else(|| bad_parameter("filter", "must be all, failed or errored"))?,
    };
    let id = path_id("run", &id)?;
    Ok(Json(runs::results(&caller, &app, id, filter, page).await?))
}

async fn start(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<Run>), ApiError> {
    let run = runs::start(&caller, &app, path_id("run", &id)?).await?;
    Ok((StatusCode::ACCEPTED, Json(run)))
}

async fn cancel(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
) -> Result<Json<Run>, ApiError> {
    Ok(Json(
        runs::cancel(&caller, &app, path_id("run", &id)?).await?,
    ))
}
