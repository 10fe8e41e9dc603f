//! The API's error type: a domain `Problem` sent as `{"error": {...}}` with its HTTP status.

use axum::{
    Json,
    http::{StatusCode, Uri},
    response::{IntoResponse, Response},
};
use domain::problem::{ErrorCode, Problem};
use serde_json::json;

#[derive(Debug)]
pub struct ApiError(pub Problem);

impl<E: Into<Problem>> From<E> for ApiError {
    fn from(error: E) -> Self {
        ApiError(error.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.0.code.http_status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(json!({ "error": self.0 }))).into_response()
    }
}

pub async fn unknown_route(uri: Uri) -> ApiError {
    ApiError(Problem::new(
        ErrorCode::NotFound,
        format!("no API route matches {}", uri.path()),
    ))
}

pub async fn method_not_allowed(uri: Uri) -> Response {
    let problem = Problem::new(
        ErrorCode::BadRequest,
        format!("this method is not allowed on {}", uri.path()),
    );
    (
        StatusCode::METHOD_NOT_ALLOWED,
        Json(json!({ "error": problem })),
    )
        .into_response()
}
