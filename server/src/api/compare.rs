//! CompareRuns over REST: `GET /api/v1/compare?base={id}&candidate={id}[&confidence_level=0.95]`.

use axum::{Json, Router, extract::State, routing::get};
use domain::eval::compare::{DEFAULT_CONFIDENCE_LEVEL, RunComparison, Side};
use serde::Deserialize;
use service::App;
use service::compare::{compare, unknown_run};
use uuid::Uuid;

use super::{ApiError, caller::ApiCaller, query::ApiQuery};
use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/compare", get(compare_runs))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CompareQuery {
    base: String,
    candidate: String,
    confidence_level: Option<f64>,
}

async fn compare_runs(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    ApiQuery(query): ApiQuery<CompareQuery>,
) -> Result<Json<RunComparison>, ApiError> {
    let base = run_id(Side::Base, &query.base)?;
    let candidate = run_id(Side::Candidate, &query.candidate)?;
    let level = query.confidence_level.unwrap_or(DEFAULT_CONFIDENCE_LEVEL);
    let compared = compare(&caller, &app, base, candidate, level).await?;
    Ok(Json(compared.comparison))
}

fn run_id(side: Side, raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| ApiError(unknown_run(side, raw)))
}
