//! The JSON REST API under /api/v1: thin handlers that parse a request, call its one service
//! function, and map the result (errors to one JSON shape).

mod api_keys;
mod audit;
mod auth;
mod caller;
mod compare;
mod datasets;
mod endpoints;
mod error;
mod experiments;
mod health;
mod json;
mod params;
mod prompts;
mod query;
mod runs;
mod schedules;
mod shares;
mod users;

use axum::{Router, extract::DefaultBodyLimit};

use crate::startup::AppState;

pub use error::ApiError;

pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .merge(health::routes())
        .merge(auth::routes())
        .merge(users::routes())
        .merge(api_keys::routes())
        .merge(audit::routes())
        .merge(prompts::routes())
        .merge(datasets::routes())
        .merge(endpoints::routes())
        .merge(runs::routes())
        .merge(compare::routes())
        .merge(shares::routes())
        .merge(schedules::routes())
        .merge(experiments::routes())
        .fallback(error::unknown_route)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(DefaultBodyLimit::max(state.limits.max_body_bytes))
}
