//! `GET /api/v1/health`: the process is up and the database answers.

use axum::{Json, Router, extract::State, routing::get};
use serde_json::{Value, json};

use super::ApiError;
use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/health", get(health))
}

async fn health(State(pool): State<db::SqlitePool>) -> Result<Json<Value>, ApiError> {
    db::pool::ping(&pool).await?;
    Ok(Json(json!({ "status": "ok", "database": "ok" })))
}
