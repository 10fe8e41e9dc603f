//! Share links from the pages: create one for what the page shows, list and revoke them, and
//! load a shared page by its token.

use chrono::{DateTime, Utc};
use domain::eval::{record::Progress, status::RunStatus, summary::RunSummary};
use domain::experiment::{stats::ExperimentResults, status::ExperimentStatus};
use domain::share::{Share, ShareTarget};
use leptos::{prelude::*, server_fn::codec::Json};
use serde::{Deserialize, Serialize};

use super::compare::{ComparisonView, RunLabel};
use super::evaluations::RunCharts;
use crate::AppError;

#[cfg(feature = "ssr")]
use {
    super::{app, caller, respond},
    service::shares,
};

/// A shared page: exactly what it shows, nothing more (no ids beyond the runs', no settings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedPage {
    pub title: String,
    /// For link previews (`<meta name="description">`).
    pub description: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub content: SharedContent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SharedContent {
    Run(Box<SharedRun>),
    Comparison(Box<ComparisonView>),
    Experiment(Box<SharedExperiment>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedRun {
    pub label: RunLabel,
    pub status: RunStatus,
    pub progress: Progress,
    pub results: Option<RunSummary>,
    pub charts: RunCharts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedExperiment {
    pub name: String,
    pub status: ExperimentStatus,
    pub winner: Option<String>,
    pub results: ExperimentResults,
    pub means_chart: String,
    pub timeline_chart: String,
    pub traffic_chart: String,
}

/// `expires_in_hours`: None for a link that lasts until revoked.
#[server(prefix = "/rpc", endpoint = "create_share_link", input = Json)]
pub async fn create_share_link(
    target: ShareTarget,
    expires_in_hours: Option<u32>,
) -> Result<Share, AppError> {
    respond(async move {
        let app = app()?;
        let expires_at = match expires_in_hours {
            Some(hours) => Some(shares::expiry_after_hours(&app, hours)?),
            None => None,
        };
        let new = domain::share::NewShare::of(target, expires_at);
        Ok(shares::create(&caller(), &app, new).await?)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "list_share_links")]
pub async fn list_share_links() -> Result<Vec<Share>, AppError> {
    respond(async move { Ok(shares::list(&caller(), &app()?).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "revoke_share_link")]
pub async fn revoke_share_link(token: String) -> Result<(), AppError> {
    respond(async move { Ok(shares::revoke(&caller(), &app()?, &token).await?) }).await
}

/// The page behind a token; an unknown, expired or revoked token is the same 404. Its path is
/// fixed, `/rpc/load_shared`, so a proxy can publish the shared pages alone.
#[server(prefix = "/rpc", endpoint = "load_shared")]
pub async fn load_shared(token: String) -> Result<SharedPage, AppError> {
    respond(async move {
        let opened = shares::open(&caller(), &app()?, &token).await?;
        Ok(super::shared_view::build(opened))
    })
    .await
}
