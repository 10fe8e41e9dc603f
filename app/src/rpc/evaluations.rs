//! Server functions behind the endpoint and evaluation pages. Runs are created through the same
//! `runner::create::create_run` as the REST API, and started through the same worker.

use domain::eval::{
    endpoint::{Endpoint, NewEndpoint},
    new_run::NewRun,
    record::{ResultFilter, ResultPage, Run, RunFilter},
};
use leptos::{prelude::*, server_fn::codec::Json};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::AppError;

/// "Test connection" as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectionCheck {
    pub ok: bool,
    pub latency_ms: u64,
    pub reply: Option<String>,
    pub error: Option<String>,
}

/// A run's charts, drawn on the server as SVG.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunCharts {
    pub pass_fail: String,
    /// (metric key, histogram SVG) in the run's metric order.
    pub histograms: Vec<(String, String)>,
}

#[cfg(feature = "ssr")]
fn worker() -> Result<runner::Worker, AppError> {
    use_context::<runner::Worker>().ok_or_else(|| {
        tracing::error!("the worker was not provided to the server function");
        AppError(domain::problem::Problem::internal())
    })
}

#[server(prefix = "/rpc")]
pub async fn list_endpoints() -> Result<Vec<Endpoint>, AppError> {
    super::respond(async move { Ok(db::endpoints::list(&super::pool()?).await?) }).await
}

#[server(prefix = "/rpc", input = Json)]
pub async fn create_endpoint(new: NewEndpoint) -> Result<Endpoint, AppError> {
    super::respond(async move {
        let valid = new.validate()?;
        Ok(db::endpoints::create(&super::pool()?, &valid).await?)
    })
    .await
}

#[server(prefix = "/rpc")]
pub async fn check_endpoint(name: String) -> Result<ConnectionCheck, AppError> {
    super::respond(async move {
        let endpoint = db::endpoints::find(&super::pool()?, &name).await?;
        let report = runner::connection::test_connection(worker()?.client(), &endpoint).await;
        Ok(ConnectionCheck {
            ok: report.ok,
            latency_ms: report.latency_ms,
            reply: report.reply,
            error: report.error,
        })
    })
    .await
}

#[server(prefix = "/rpc", input = Json)]
pub async fn list_runs(filter: RunFilter) -> Result<Vec<Run>, AppError> {
    super::respond(async move { Ok(db::runs::list(&super::pool()?, &filter, 200).await?) }).await
}

#[server(prefix = "/rpc")]
pub async fn get_run(id: Uuid) -> Result<Run, AppError> {
    super::respond(async move { Ok(db::runs::get(&super::pool()?, id).await?) }).await
}

#[server(prefix = "/rpc", input = Json)]
pub async fn create_run(new: NewRun) -> Result<Run, AppError> {
    super::respond(async move {
        let run = runner::create::create_run(&super::pool()?, new).await?;
        if run.queued_at.is_some() {
            worker()?.wake();
        }
        Ok(run)
    })
    .await
}

#[server(prefix = "/rpc")]
pub async fn start_run(id: Uuid) -> Result<Run, AppError> {
    super::respond(async move {
        let run = db::runs::queue(&super::pool()?, id).await?;
        worker()?.wake();
        Ok(run)
    })
    .await
}

#[server(prefix = "/rpc")]
pub async fn cancel_run(id: Uuid) -> Result<Run, AppError> {
    super::respond(async move {
        let run = db::runs::cancel(&super::pool()?, id).await?;
        worker()?.cancel(run.id);
        Ok(run)
    })
    .await
}

#[server(prefix = "/rpc")]
pub async fn load_results(
    id: Uuid,
    filter: ResultFilter,
    offset: i64,
    limit: i64,
) -> Result<ResultPage, AppError> {
    super::respond(async move {
        let limit = limit.clamp(1, 200);
        Ok(db::runs::results(&super::pool()?, id, filter, offset.max(0), limit).await?)
    })
    .await
}

/// Charts of a finished run's summary (or of the results so far).
#[server(prefix = "/rpc")]
pub async fn load_run_charts(id: Uuid) -> Result<RunCharts, AppError> {
    super::respond(async move {
        let pool = super::pool()?;
        let run = db::runs::get(&pool, id).await?;
        Ok(draw_run_charts(&pool, &run).await?)
    })
    .await
}

/// The run page's charts; a shared run shows the same.
#[cfg(feature = "ssr")]
pub(super) async fn draw_run_charts(
    pool: &db::SqlitePool,
    run: &Run,
) -> Result<RunCharts, db::DbError> {
    let summary = match &run.results {
        Some(summary) => summary.clone(),
        None => {
            let results = db::runs::scored_results(pool, run.id).await?;
            domain::eval::summary::RunSummary::compute(&run.metrics, &results)
        }
    };
    Ok(RunCharts {
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
    })
}
