//! Accounts over REST (admins): list, create, change.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::{get, patch},
};
use domain::access::{NewUser, User, UserChange};
use serde::Serialize;
use service::{App, access::users};

use super::{ApiError, caller::ApiCaller, json::ApiJson, params::path_id};
use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/users", get(list).post(create))
        .route("/users/{id}", patch(update))
}

#[derive(Serialize)]
struct UserList {
    users: Vec<User>,
}

async fn list(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
) -> Result<Json<UserList>, ApiError> {
    Ok(Json(UserList {
        users: users::list(&caller, &app).await?,
    }))
}

async fn create(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    ApiJson(body): ApiJson<NewUser>,
) -> Result<(StatusCode, Json<User>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(users::create(&caller, &app, body).await?),
    ))
}

async fn update(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UserChange>,
) -> Result<Json<User>, ApiError> {
    Ok(Json(
        users::update(&caller, &app, path_id("user", &id)?, body).await?,
    ))
}
