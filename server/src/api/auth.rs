//! Browser sessions over REST: sign in (sets the session cookie), sign out, set up the first
//! account, and who the caller is.

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use domain::access::{CallerInfo, Login, Setup, User};
use serde::Serialize;
use service::{
    App,
    access::{cookie, sessions},
};

use super::{ApiError, caller::ApiCaller, json::ApiJson};
use crate::guard;
use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/login", post(login))
        .route("/auth/logout", post(logout))
        .route("/auth/setup", post(setup))
        .route("/auth/me", get(me))
}

#[derive(Serialize)]
struct SignedIn {
    user: User,
    expires_at: chrono::DateTime<chrono::Utc>,
}

async fn login(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    ApiJson(body): ApiJson<Login>,
) -> Result<Response, ApiError> {
    let signed_in = sessions::login(&caller, &app, body).await?;
    Ok(with_session(&app, signed_in, StatusCode::OK))
}

async fn setup(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    ApiJson(body): ApiJson<Setup>,
) -> Result<Response, ApiError> {
    let signed_in = sessions::setup(&caller, &app, body).await?;
    Ok(with_session(&app, signed_in, StatusCode::CREATED))
}

fn with_session(app: &App, signed_in: sessions::SignedIn, status: StatusCode) -> Response {
    let cookie = cookie::set(
        &signed_in.token,
        signed_in.expires_at,
        chrono::Utc::now(),
        app.secure_cookies(),
    );
    let body = SignedIn {
        user: signed_in.user,
        expires_at: signed_in.expires_at,
    };
    (status, [(header::SET_COOKIE, cookie)], Json(body)).into_response()
}

async fn logout(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(token) = guard::session_token(&headers) {
        sessions::logout(&caller, &app, token).await?;
    }
    let clear = cookie::clear(app.secure_cookies());
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, clear)]).into_response())
}

async fn me(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
) -> Result<Json<CallerInfo>, ApiError> {
    Ok(Json(sessions::me(&caller, &app).await?))
}
