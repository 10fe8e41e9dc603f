//! Parameters every list and every item route shares: the page of a list, and ids in paths.

use axum::{
    extract::{FromRequestParts, Query},
    http::request::Parts,
};
use domain::page::PageRequest;
use domain::problem::{ErrorCode, Problem};
use serde::de::DeserializeOwned;

use super::ApiError;
use super::query::query_problem;

/// A list's query: `limit` and `offset` as a [`PageRequest`], and the list's own parameters as
/// `T` (unknown parameters are refused by `T`, as by [`super::query::ApiQuery`]).
pub struct PagedQuery<T>(pub T, pub PageRequest);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for PagedQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Query(pairs) = Query::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(query_problem)?;
        let mut page = PageRequest::default();
        let mut rest = Vec::with_capacity(pairs.len());
        for (key, value) in pairs {
            match key.as_str() {
                "limit" => page.limit = Some(integer("limit", &value)?),
                "offset" => page.offset = Some(integer("offset", &value)?),
                _ => rest.push((key, value)),
            }
        }
        let encoded =
            serde_urlencoded::to_string(&rest).map_err(|_| ApiError(Problem::internal()))?;
        let own = serde_urlencoded::from_str(&encoded).map_err(|error| {
            let message = error.to_string();
            let field = message.split('`').nth(1).unwrap_or("query").to_owned();
            ApiError(
                Problem::new(ErrorCode::BadRequest, message.clone()).with_field(field, message),
            )
        })?;
        Ok(PagedQuery(own, page))
    }
}

fn integer(field: &str, raw: &str) -> Result<i64, ApiError> {
    raw.trim()
        .parse()
        .map_err(|_| ApiError(domain::page::bad_parameter(field, "must be an integer")))
}

/// An id in a path; anything that is not a UUID names nothing that exists, so it is the same
/// 404 as an unknown id, naming the entity (`run`, `dataset`, ...).
pub fn path_id(entity: &str, raw: &str) -> Result<uuid::Uuid, ApiError> {
    uuid::Uuid::parse_str(raw).map_err(|_| not_found(entity, raw))
}

pub fn not_found(entity: &str, raw: &str) -> ApiError {
    ApiError(
        Problem::new(
            ErrorCode::NotFound,
            format!("{entity} `{raw}` was not found"),
        )
        .with_field(entity, "not found"),
    )
}
