//! CompareRuns over REST: `GET /api/v1/compare?base={id}&candidate={id}[&confidence_level=0.95]`.

use axum::{Json, Router, extract::State, routing::get};
use db::SqlitePool;
use domain::eval::compare::{DEFAULT_CONFIDENCE_LEVEL, RunComparison, Side};
use runner::compare::{compare_stored, unknown_run};
use serde::Deserialize;
use uuid::Uuid;

use super::{ApiError, query::ApiQuery};
use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/compare", get(compare))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CompareQuery {
    base: String,
    candidate: String,
    confidence_level: Option<f64>,
}

async fn compare(
    State(pool): State<SqlitePool>,
    ApiQuery(query): ApiQuery<CompareQuery>,
) -> Result<Json<RunComparison>, ApiError> {
    let base = run_id(Side::Base, &query.base)?;
    let candidate = run_id(Side::Candidate, &query.candidate)?;
    let level = query.confidence_level.unwrap_or(DEFAULT_CONFIDENCE_LEVEL);
    let compared = compare_stored(&pool, base, candidate, level).await?;
    Ok(Json(compared.comparison))
}

fn run_id(side: Side, raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| ApiError(unknown_run(side, raw)))
}
