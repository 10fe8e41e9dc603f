//! The caller of a REST request, for the service layer's policy checks.

use axum::{extract::FromRequestParts, http::request::Parts};
use service::Caller;

use super::ApiError;

/// Every request comes from the local operator until the API authenticates its callers.
pub struct ApiCaller(pub Caller);

impl<S: Send + Sync> FromRequestParts<S> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(_parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        Ok(ApiCaller(Caller::local_operator()))
    }
}
