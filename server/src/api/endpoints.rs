//! REST handlers for model endpoints: list, create, read, replace, and test the connection.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::{get, post},
};
use db::SqlitePool;
use domain::eval::endpoint::{Endpoint, NewEndpoint};
use runner::{Worker, connection::ConnectionReport};
use serde::Serialize;

use super::{ApiError, json::ApiJson};
use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/endpoints", get(list).post(create))
        .route("/endpoints/{name}", get(show).put(replace))
        .route("/endpoints/{name}/test", post(test))
}

#[derive(Serialize)]
struct EndpointList {
    endpoints: Vec<Endpoint>,
}

async fn list(State(pool): State<SqlitePool>) -> Result<Json<EndpointList>, ApiError> {
    Ok(Json(EndpointList {
        endpoints: db::endpoints::list(&pool).await?,
    }))
}

async fn create(
    State(pool): State<SqlitePool>,
    ApiJson(body): ApiJson<NewEndpoint>,
) -> Result<(StatusCode, Json<Endpoint>), ApiError> {
    let valid = body.validate()?;
    Ok((
        StatusCode::CREATED,
        Json(db::endpoints::create(&pool, &valid).await?),
    ))
}

async fn show(
    State(pool): State<SqlitePool>,
    Path(name): Path<String>,
) -> Result<Json<Endpoint>, ApiError> {
    Ok(Json(db::endpoints::find(&pool, &name).await?))
}

async fn replace(
    State(pool): State<SqlitePool>,
    Path(name): Path<String>,
    ApiJson(body): ApiJson<NewEndpoint>,
) -> Result<Json<Endpoint>, ApiError> {
    let valid = body.validate()?;
    Ok(Json(db::endpoints::update(&pool, &name, &valid).await?))
}

async fn test(
    State(pool): State<SqlitePool>,
    State(worker): State<Worker>,
    Path(name): Path<String>,
) -> Result<Json<ConnectionReport>, ApiError> {
    let endpoint = db::endpoints::find(&pool, &name).await?;
    Ok(Json(
        runner::connection::test_connection(worker.client(), &endpoint).await,
    ))
}
