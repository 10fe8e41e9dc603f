//! Share links over REST: list the active ones, create one, revoke one. The shared page itself
//! is the app's `/s/{token}` route.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::{delete, get},
};
use domain::share::{NewShare, Share};
use serde::Serialize;
use service::{App, shares};

use super::{ApiError, caller::ApiCaller, json::ApiJson};
use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/shares", get(list).post(create))
        .route("/shares/{token}", delete(revoke))
}

#[derive(Serialize)]
struct ShareList {
    shares: Vec<Share>,
}

async fn list(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
) -> Result<Json<ShareList>, ApiError> {
    Ok(Json(ShareList {
        shares: shares::list(&caller, &app).await?,
    }))
}

async fn create(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    ApiJson(body): ApiJson<NewShare>,
) -> Result<(StatusCode, Json<Share>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(shares::create(&caller, &app, body).await?),
    ))
}

async fn revoke(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(token): Path<String>,
) -> Result<StatusCode, ApiError> {
    shares::revoke(&caller, &app, &token).await?;
    Ok(StatusCode::NO_CONTENT)
}
