//! Server functions behind the experiment pages: the same service functions as the REST API.

use domain::experiment::{
    definition::NewExperiment,
    record::{Experiment, ExperimentReport},
    status::{Action, ExperimentStatus},
};
use leptos::{prelude::*, server_fn::codec::Json};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::AppError;

#[cfg(feature = "ssr")]
use {
    super::{app, caller, respond},
    domain::page::PageRequest,
    service::experiments,
};

/// Experiments the list page shows at most.
#[cfg(feature = "ssr")]
const LISTED_EXPERIMENTS: i64 = 500;

/// The results page: the report and its charts, drawn on the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultsView {
    pub report: ExperimentReport,
    pub experiment: Experiment,
    /// Per-variant means of the target metric with their intervals.
    pub means_chart: String,
    /// The cumulative target metric over time, per variant.
    pub timeline_chart: String,
    /// Expected against actual share of exposures.
    pub traffic_chart: String,
}

#[server(prefix = "/rpc", endpoint = "list_experiments")]
pub async fn list_experiments(
    status: Option<ExperimentStatus>,
) -> Result<Vec<Experiment>, AppError> {
    respond(async move {
        let page = PageRequest {
            offset: None,
            limit: Some(LISTED_EXPERIMENTS),
        };
        Ok(experiments::list(&caller(), &app()?, status, page).await?)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "get_experiment")]
pub async fn get_experiment(id: Uuid) -> Result<Experiment, AppError> {
    respond(async move { Ok(experiments::get(&caller(), &app()?, id).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "create_experiment", input = Json)]
pub async fn create_experiment(new: NewExperiment) -> Result<Experiment, AppError> {
    respond(async move { Ok(experiments::create(&caller(), &app()?, new).await?) }).await
}

/// Start (or resume), pause, complete with an optional winner, or cancel. The form sends an
/// empty winner for "no winner".
#[server(prefix = "/rpc", endpoint = "change_experiment", input = Json)]
pub async fn change_experiment(
    id: Uuid,
    action: Action,
    winner: Option<String>,
) -> Result<Experiment, AppError> {
    respond(async move {
        let winner = winner.filter(|w| !w.is_empty());
        Ok(experiments::change(&caller(), &app()?, id, action, winner.as_deref()).await?)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "load_experiment_results")]
pub async fn load_experiment_results(id: Uuid) -> Result<ResultsView, AppError> {
    respond(async move {
        let (caller, app) = (caller(), app()?);
        let (experiment, report) = tokio::try_join!(
            experiments::get(&caller, &app, id),
            experiments::results(&caller, &app, id)
        )?;
        let charts = super::experiment_charts::draw(&experiment, &report);
        Ok(ResultsView {
            report,
            experiment,
            means_chart: charts.means,
            timeline_chart: charts.timeline,
            traffic_chart: charts.traffic,
        })
    })
    .await
}
