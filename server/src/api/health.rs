//! `GET /api/v1/health`: the process is up and the database answers.

use axum::{Json, Router, extract::State, routing::get};
use serde_json::{Value, json};
use service::App;

use super::{ApiError, caller::ApiCaller};
use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/health", get(health))
}

async fn health(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
) -> Result<Json<Value>, ApiError> {
    service::health::check(&caller, &app).await?;
    Ok(Json(json!({ "status": "ok", "database": "ok" })))
}
