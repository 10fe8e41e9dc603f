//! Share links over REST: list the active ones, create one, revoke one. The shared page itself
//! is the app's `/s/{token}` route.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::{delete, get},
};
use chrono::Utc;
use db::SqlitePool;
use domain::share::{NewShare, Share};
use serde::Serialize;

use super::{ApiError, json::ApiJson};
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

async fn list(State(pool): State<SqlitePool>) -> Result<Json<ShareList>, ApiError> {
    Ok(Json(ShareList {
        shares: db::shares::list_active(&pool, Utc::now()).await?,
    }))
}

async fn create(
    State(pool): State<SqlitePool>,
    ApiJson(body): ApiJson<NewShare>,
) -> Result<(StatusCode, Json<Share>), ApiError> {
    let share = runner::share::create_share(&pool, body, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(share)))
}

async fn revoke(
    State(pool): State<SqlitePool>,
    Path(token): Path<String>,
) -> Result<StatusCode, ApiError> {
    db::shares::revoke(&pool, &token, Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
