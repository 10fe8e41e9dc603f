//! API keys over REST: list, create (the answer is the only time the secret is shown),
//! revoke.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::{delete, get},
};
use domain::access::{ApiKey, CreatedApiKey, NewApiKey};
use serde::Serialize;
use service::{App, access::api_keys};

use super::{ApiError, caller::ApiCaller, json::ApiJson, params::path_id};
use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api-keys", get(list).post(create))
        .route("/api-keys/{id}", delete(revoke))
}

#[derive(Serialize)]
struct KeyList {
    api_keys: Vec<ApiKey>,
}

async fn list(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
) -> Result<Json<KeyList>, ApiError> {
    Ok(Json(KeyList {
        api_keys: api_keys::list(&caller, &app).await?,
    }))
}

async fn create(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    ApiJson(body): ApiJson<NewApiKey>,
) -> Result<(StatusCode, Json<CreatedApiKey>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(api_keys::create(&caller, &app, body).await?),
    ))
}

async fn revoke(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    api_keys::revoke(&caller, &app, path_id("api_key", &id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
