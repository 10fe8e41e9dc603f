//! A query-string extractor whose failures use the API's error shape and name the parameter.

use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use domain::problem::{ErrorCode, Problem};
use serde::de::DeserializeOwned;

use super::ApiError;

pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => Err(query_problem(rejection)),
        }
    }
}

/// serde_urlencoded names the parameter as "field `x`" or "`x`" in its message.
pub(super) fn query_problem(rejection: QueryRejection) -> ApiError {
    let message = rejection.body_text();
    let field = message.split('`').nth(1).unwrap_or("query").to_string();
    ApiError(Problem::new(ErrorCode::BadRequest, message.clone()).with_field(field, message))
}
