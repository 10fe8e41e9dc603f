//! Server functions behind the experiment pages: the same store calls as the REST API.

use domain::experiment::{
    definition::NewExperiment,
    record::{Experiment, ExperimentReport},
    status::{Action, ExperimentStatus},
};
use leptos::{prelude::*, server_fn::codec::Json};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::AppError;

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

#[server(prefix = "/rpc")]
pub async fn list_experiments(
    status: Option<ExperimentStatus>,
) -> Result<Vec<Experiment>, AppError> {
    super::respond(async move { Ok(db::experiments::list(&super::pool()?, status, 500).await?) })
        .await
}

#[server(prefix = "/rpc")]
pub async fn get_experiment(id: Uuid) -> Result<Experiment, AppError> {
    super::respond(async move { Ok(db::experiments::get(&super::pool()?, id).await?) }).await
}

#[server(prefix = "/rpc", input = Json)]
pub async fn create_experiment(new: NewExperiment) -> Result<Experiment, AppError> {
    super::respond(async move {
        let valid = new.validate()?;
        Ok(db::experiments::create(&super::pool()?, &valid).await?)
    })
    .await
}

/// Start (or resume), pause, complete with an optional winner, or cancel.
#[server(prefix = "/rpc", input = Json)]
pub async fn change_experiment(
    id: Uuid,
    action: Action,
    winner: Option<String>,
) -> Result<Experiment, AppError> {
    super::respond(async move {
        let pool = super::pool()?;
        let winner = match winner.filter(|w| !w.is_empty()) {
            None => None,
            Some(winner) => {
                let current = db::experiments::get(&pool, id).await?;
                let valid = current.to_definition().validate()?;
                valid.winner_index(Some(&winner))?
            }
        };
        Ok(db::experiments::transition(&pool, id, action, winner).await?)
    })
    .await
}

#[server(prefix = "/rpc")]
pub async fn load_experiment_results(id: Uuid) -> Result<ResultsView, AppError> {
    super::respond(async move {
        let pool = super::pool()?;
        let experiment = db::experiments::get(&pool, id).await?;
        let report = db::experiments::report(&pool, id).await?;
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
