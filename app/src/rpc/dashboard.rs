//! Figures for the dashboard and the sidebar counts.

pub use domain::overview::Overview;
use leptos::prelude::*;

use crate::AppError;

#[server(prefix = "/rpc", endpoint = "load_overview")]
pub async fn load_overview() -> Result<Overview, AppError> {
    super::respond(async move {
        Ok(service::overview::overview(&super::caller(), &super::app()?).await?)
    })
    .await
}
