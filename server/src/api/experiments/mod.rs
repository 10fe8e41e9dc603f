//! REST handlers for A/B experiments: create, list, read, the lifecycle, assignment, serving a
//! variant's prompt, recording metric values and the results; see docs/experiments.md.

mod bodies;

use axum::{
    Json, Router,
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    routing::{get, post},
};
use domain::experiment::{
    definition::NewExperiment,
    record::{Experiment, ExperimentReport, VariantAssignment},
    status::{Action, ExperimentStatus},
};
use domain::page::bad_parameter;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use service::{App, experiments};

use super::{
    ApiError,
    caller::ApiCaller,
    json::{ApiJson, optional_json},
    params::{PagedQuery, path_id},
};
use crate::startup::AppState;
use bodies::ObservationBody;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/experiments", get(list).post(create))
        .route("/experiments/{id}", get(show))
        .route("/experiments/{id}/start", post(start))
        .route("/experiments/{id}/pause", post(pause))
        .route("/experiments/{id}/complete", post(complete))
        .route("/experiments/{id}/cancel", post(cancel))
        .route("/experiments/{id}/assign", post(assign))
        .route("/experiments/{id}/serve", post(serve))
        .route("/experiments/{id}/metrics", post(record_metrics))
        .route("/experiments/{id}/results", get(results))
}

#[derive(Serialize)]
struct ExperimentList {
    experiments: Vec<Experiment>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListQuery {
    status: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct CompleteRequest {
    #[serde(default)]
    winner: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssignRequest {
    user_id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ServeRequest {
    user_id: String,
    #[serde(default)]
    variables: Map<String, Value>,
}

async fn list(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    PagedQuery(query, page): PagedQuery<ListQuery>,
) -> Result<Json<ExperimentList>, ApiError> {
    let status = match query.status.as_deref() {
        None | Some("") => None,
        Some(raw) => {
            Some(ExperimentStatus::parse(raw).map_err(|e| bad_parameter("status", e.message))?)
        }
    };
    Ok(Json(ExperimentList {
        experiments: experiments::list(&caller, &app, status, page).await?,
    }))
}

async fn create(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    ApiJson(body): ApiJson<NewExperiment>,
) -> Result<(StatusCode, Json<Experiment>), ApiError> {
    let created = experiments::create(&caller, &app, body).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn show(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
) -> Result<Json<Experiment>, ApiError> {
    let id = path_id("experiment", &id)?;
    Ok(Json(experiments::get(&caller, &app, id).await?))
}

async fn start(
    caller: ApiCaller,
    app: State<App>,
    id: Path<String>,
) -> Result<Json<Experiment>, ApiError> {
    change(caller, app, id, Action::Start, None).await
}

async fn pause(
    caller: ApiCaller,
    app: State<App>,
    id: Path<String>,
) -> Result<Json<Experiment>, ApiError> {
    change(caller, app, id, Action::Pause, None).await
}

async fn cancel(
    caller: ApiCaller,
    app: State<App>,
    id: Path<String>,
) -> Result<Json<Experiment>, ApiError> {
    change(caller, app, id, Action::Cancel, None).await
}

/// The body is optional: none (or `{}`) completes without a winner.
async fn complete(
    caller: ApiCaller,
    app: State<App>,
    id: Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Experiment>, ApiError> {
    let request: CompleteRequest = optional_json(&headers, &body)?.unwrap_or_default();
    change(caller, app, id, Action::Complete, request.winner).await
}

async fn change(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
    action: Action,
    winner: Option<String>,
) -> Result<Json<Experiment>, ApiError> {
    let id = path_id("experiment", &id)?;
    Ok(Json(
        experiments::change(&caller, &app, id, action, winner.as_deref()).await?,
    ))
}

async fn assign(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AssignRequest>,
) -> Result<Json<VariantAssignment>, ApiError> {
    let id = path_id("experiment", &id)?;
    Ok(Json(
        experiments::assign(&caller, &app, id, body.user_id).await?,
    ))
}

async fn serve(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ServeRequest>,
) -> Result<Json<experiments::Served>, ApiError> {
    let id = path_id("experiment", &id)?;
    Ok(Json(
        experiments::serve(&caller, &app, id, body.user_id, &body.variables).await?,
    ))
}

async fn record_metrics(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ObservationBody>,
) -> Result<Json<experiments::Recorded>, ApiError> {
    let id = path_id("experiment", &id)?;
    Ok(Json(experiments::record(&caller, &app, id, body.0).await?))
}

async fn results(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
) -> Result<Json<ExperimentReport>, ApiError> {
    let id = path_id("experiment", &id)?;
    Ok(Json(experiments::results(&caller, &app, id).await?))
}
