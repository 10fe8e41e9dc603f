//! REST handlers for model endpoints: list, create, read, replace, and test the connection.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::{get, post},
};
use domain::eval::{
    connection::ConnectionReport,
    endpoint::{Endpoint, NewEndpoint},
};
use serde::Serialize;
use service::{App, endpoints};

use super::{ApiError, caller::ApiCaller, json::ApiJson};
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

async fn list(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
) -> Result<Json<EndpointList>, ApiError> {
    Ok(Json(EndpointList {
        endpoints: endpoints::list(&caller, &app).await?,
    }))
}

async fn create(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    ApiJson(body): ApiJson<NewEndpoint>,
) -> Result<(StatusCode, Json<Endpoint>), ApiError> {
    let created = endpoints::create(&caller, &app, body).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn show(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(name): Path<String>,
) -> Result<Json<Endpoint>, ApiError> {
    Ok(Json(endpoints::get(&caller, &app, &name).await?))
}

async fn replace(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(name): Path<String>,
    ApiJson(body): ApiJson<NewEndpoint>,
) -> Result<Json<Endpoint>, ApiError> {
    Ok(Json(endpoints::replace(&caller, &app, &name, body).await?))
}

async fn test(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(name): Path<String>,
) -> Result<Json<ConnectionReport>, ApiError> {
    Ok(Json(
        endpoints::test_connection(&caller, &app, &name).await?,
    ))
}
