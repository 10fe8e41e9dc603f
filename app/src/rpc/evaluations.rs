//! Server functions behind the endpoint and evaluation pages: the same service functions as the
//! REST API, so a run created from the form takes exactly the path of one created by the API.

use domain::eval::{
    connection::ConnectionReport,
    endpoint::{Endpoint, NewEndpoint},
    new_run::NewRun,
    record::{ResultFilter, ResultPage, Run, RunFilter},
};
use leptos::{prelude::*, server_fn::codec::Json};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::AppError;

#[cfg(feature = "ssr")]
use {
    super::{app, caller, respond},
    domain::page::PageRequest,
    service::{endpoints, runs},
};

/// Runs the list page shows at most.
#[cfg(feature = "ssr")]
const LISTED_RUNS: i64 = 200;

/// A run's charts, drawn on the server as SVG.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunCharts {
    pub pass_fail: String,
    /// (metric key, histogram SVG) in the run's metric order.
    pub histograms: Vec<(String, String)>,
}

#[server(prefix = "/rpc", endpoint = "list_endpoints")]
pub async fn list_endpoints() -> Result<Vec<Endpoint>, AppError> {
    respond(async move { Ok(endpoints::list(&caller(), &app()?).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "create_endpoint", input = Json)]
pub async fn create_endpoint(new: NewEndpoint) -> Result<Endpoint, AppError> {
    respond(async move { Ok(endpoints::create(&caller(), &app()?, new).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "check_endpoint")]
pub async fn check_endpoint(name: String) -> Result<ConnectionReport, AppError> {
    respond(async move { Ok(endpoints::test_connection(&caller(), &app()?, &name).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "list_runs", input = Json)]
pub async fn list_runs(filter: RunFilter) -> Result<Vec<Run>, AppError> {
    respond(async move {
        let page = PageRequest {
            offset: None,
            limit: Some(LISTED_RUNS),
        };
        Ok(runs::list(&caller(), &app()?, &filter, page).await?)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "get_run")]
pub async fn get_run(id: Uuid) -> Result<Run, AppError> {
    respond(async move { Ok(runs::get(&caller(), &app()?, id).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "create_run", input = Json)]
pub async fn create_run(new: NewRun) -> Result<Run, AppError> {
    respond(async move { Ok(runs::create(&caller(), &app()?, new).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "start_run")]
pub async fn start_run(id: Uuid) -> Result<Run, AppError> {
    respond(async move { Ok(runs::start(&caller(), &app()?, id).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "cancel_run")]
pub async fn cancel_run(id: Uuid) -> Result<Run, AppError> {
    respond(async move { Ok(runs::cancel(&caller(), &app()?, id).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "load_results")]
pub async fn load_results(
    id: Uuid,
    filter: ResultFilter,
    offset: i64,
    limit: i64,
) -> Result<ResultPage, AppError> {
    respond(async move {
        let page = PageRequest::new(offset, limit);
        Ok(runs::results(&caller(), &app()?, id, filter, page).await?)
    })
    .await
}

/// Charts of a finished run's summary (or of the results so far).
#[server(prefix = "/rpc", endpoint = "load_run_charts")]
pub async fn load_run_charts(id: Uuid) -> Result<RunCharts, AppError> {
    respond(async move {
        let (_, summary) = runs::with_summary(&caller(), &app()?, id).await?;
        Ok(draw_run_charts(&summary))
    })
    .await
}

/// The run page's charts; a shared run shows the same.
#[cfg(feature = "ssr")]
pub(super) fn draw_run_charts(summary: &domain::eval::summary::RunSummary) -> RunCharts {
    RunCharts {
        pass_fail: charts::pass_fail(summary.passed, summary.failed, summary.errored),
        histograms: summary
            .metrics
            .iter()
            .map(|metric| {
                let title = format!("{} distribution", metric.metric);
                let svg = charts::score_histogram(&title, &metric.histogram, metric.threshold);
                (metric.metric.clone(), svg)
            })
            .collect(),
    }
}
