//! The caller of a REST request, as the guard established it, for the service layer's policy
//! checks.

use axum::{extract::FromRequestParts, http::request::Parts};
use service::Caller;

use super::ApiError;

pub struct ApiCaller(pub Caller);

impl<S: Send + Sync> FromRequestParts<S> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let caller = parts.extensions.get::<Caller>().cloned();
        Ok(ApiCaller(caller.unwrap_or_else(Caller::anonymous)))
    }
}
