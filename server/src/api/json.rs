//! A JSON body extractor whose failures name the field at fault and use the API's error shape.

use axum::{
    body::Bytes,
    extract::{FromRequest, Request, rejection::BytesRejection},
    http::{HeaderMap, header::CONTENT_TYPE},
};
use domain::problem::{ErrorCode, Problem};
use serde::de::DeserializeOwned;

use super::ApiError;

pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        require_json(request.headers())?;
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(body_problem)?;
        parse(&bytes).map(ApiJson)
    }
}

/// A JSON body that may be absent: `None` for an empty body; otherwise it must be sent as
/// `application/json` and match `T`, as with [`ApiJson`].
pub fn optional_json<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Option<T>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    require_json(headers)?;
    parse(body).map(Some)
}

fn require_json(headers: &HeaderMap) -> Result<(), ApiError> {
    let is_json = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().starts_with("application/json"));
    if is_json {
        Ok(())
    } else {
        Err(ApiError(
            Problem::new(
                ErrorCode::UnsupportedMediaType,
                "the body must be JSON sent with `Content-Type: application/json`",
            )
            .with_field("body", "expected application/json"),
        ))
    }
}

fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_data() {
            let field = field_at_fault(&path, &inner.to_string());
            Problem::new(ErrorCode::ValidationFailed, format!("{field}: {inner}"))
                .with_field(field, inner.to_string())
        } else {
            Problem::new(
                ErrorCode::InvalidJson,
                format!("the body is not valid JSON: {inner}"),
            )
            .with_field("body", inner.to_string())
        }
    })?;
    deserializer.end().map_err(|error| {
        Problem::new(
            ErrorCode::InvalidJson,
            format!("the body is not valid JSON: {error}"),
        )
        .with_field("body", error.to_string())
    })?;
    Ok(value)
}

/// serde reports a missing field at the path of the object that lacks it; the field itself
/// is what the caller must fix, so it is appended to the path.
fn field_at_fault(path: &str, message: &str) -> String {
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    match (path, missing) {
        (".", Some(name)) => name.to_string(),
        (_, Some(name)) => format!("{path}.{name}"),
        (".", None) => "body".to_string(),
        (_, None) => path.to_string(),
    }
}

fn body_problem(rejection: BytesRejection) -> ApiError {
    if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        ApiError(
            Problem::new(
                ErrorCode::PayloadTooLarge,
                "the body exceeds the size limit",
            )
            .with_field("body", "too large"),
        )
    } else {
        ApiError(
            Problem::new(ErrorCode::BadRequest, "the body could not be read")
                .with_field("body", rejection.body_text()),
        )
    }
}
