//! The audit log over REST (admins), newest first, filterable.

use axum::{Json, Router, extract::State, routing::get};
use domain::access::{AuditFilter, AuditPage};
use service::{App, access::audit};

use super::{ApiError, caller::ApiCaller, query::ApiQuery};
use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/audit", get(list))
}

async fn list(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    ApiQuery(filter): ApiQuery<AuditFilter>,
) -> Result<Json<AuditPage>, ApiError> {
    Ok(Json(audit::list(&caller, &app, filter).await?))
}
