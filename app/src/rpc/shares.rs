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
#[server(prefix = "/rpc", input = Json)]
pub async fn create_share_link(
    target: ShareTarget,
    expires_in_hours: Option<u32>,
) -> Result<Share, AppError> {
    super::respond(async move {
        let now = Utc::now();
        let (run_id, base, candidate, experiment_id) = match target {
            ShareTarget::Run { run_id } => (Some(run_id), None, None, None),
            ShareTarget::Comparison { base, candidate } => {
                (None, Some(base), Some(candidate), None)
            }
            ShareTarget::Experiment { experiment_id } => (None, None, None, Some(experiment_id)),
        };
        let new = domain::share::NewShare {
            kind: target.kind().to_owned(),
            run_id,
            base,
            candidate,
            experiment_id,
            expires_at: expires_in_hours.map(|h| now + chrono::Duration::hours(i64::from(h))),
        };
        Ok(runner::share::create_share(&super::pool()?, new, now).await?)
    })
    .await
}

#[server(prefix = "/rpc")]
pub async fn list_share_links() -> Result<Vec<Share>, AppError> {
    super::respond(async move { Ok(db::shares::list_active(&super::pool()?, Utc::now()).await?) })
        .await
}

#[server(prefix = "/rpc")]
pub async fn revoke_share_link(token: String) -> Result<(), AppError> {
    super::respond(
        async move { Ok(db::shares::revoke(&super::pool()?, &token, Utc::now()).await?) },
    )
    .await
}

/// The page behind a token; an unknown, expired or revoked token is the same 404. Its path is
/// fixed, `/rpc/load_shared`, so a proxy can publish the shared pages alone.
#[server(prefix = "/rpc", endpoint = "load_shared")]
pub async fn load_shared(token: String) -> Result<SharedPage, AppError> {
    super::respond(async move {
        Ok(super::shared_view::build(&super::pool()?, &token, Utc::now()).await?)
    })
    .await
}
