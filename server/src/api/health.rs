//! `GET /api/v1/health`: the process is up and the database answers, with the node's id and
//! its database backend. `GET /api/v1/ready`: this node can serve (503 while the database is
//! unreachable or its schema is not the one this binary knows), for load balancers.

use axum::{Json, Router, extract::State, routing::get};
use serde_json::{Value, json};
use service::App;

use super::{ApiError, caller::ApiCaller};
use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/ready", get(ready))
}

async fn health(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
) -> Result<Json<Value>, ApiError> {
    let node = service::health::check(&caller, &app).await?;
    Ok(Json(json!({
        "status": "ok",
        "database": "ok",
        "backend": node.database,
        "node_id": node.node_id,
    })))
}

async fn ready(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
) -> Result<Json<Value>, ApiError> {
    let node = service::health::ready(&caller, &app).await?;
    Ok(Json(json!({ "ready": true, "node_id": node.node_id })))
}
