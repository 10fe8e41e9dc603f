//! Evaluation runs: create (and start), list, read, read results, start, cancel.

mod resolve;

use domain::eval::{
    new_run::NewRun,
    record::{ResultFilter, ResultPage, Run, RunFilter},
    summary::RunSummary,
};
use domain::page::{PageBounds, PageRequest};
use domain::problem::Problem;
use uuid::Uuid;

use crate::access::audit::{self, Target};
use crate::{App, Caller, Permission};

pub use resolve::{ResolvedRun, resolve_run};

/// Runs in one list when the caller does not say, and at most.
pub const RUN_LISTS: PageBounds = PageBounds::new(100, 1000);
/// Results in one page when the caller does not say, and at most.
pub const RESULT_PAGES: PageBounds = PageBounds::new(50, 1000);

/// Creates the run, and queues it for the worker when the request says `start`. Every name is
/// checked before anything is written; a problem names the request field at fault.
pub async fn create(caller: &Caller, app: &App, new: NewRun) -> Result<Run, Problem> {
    caller.require(Permission::Edit)?;
    let request = new.validate()?;
    let resolved = resolve_run(app.pool(), &request).await?;
    let run = db::runs::create(app.pool(), &resolved.row(request.start)).await?;
    if run.queued_at.is_some() {
        app.worker().wake();
    }
    audit::record(
        app,
        caller,
        "run.create",
        Target::new("run", run.id, &run.name),
    )
    .await;
    Ok(run)
}

/// The newest runs first, filtered.
pub async fn list(
    caller: &Caller,
    app: &App,
    filter: &RunFilter,
    page: PageRequest,
) -> Result<Vec<Run>, Problem> {
    caller.require(Permission::View)?;
    let limit = page.first_page(RUN_LISTS)?;
    Ok(db::runs::list(app.pool(), filter, limit).await?)
}

pub async fn get(caller: &Caller, app: &App, id: Uuid) -> Result<Run, Problem> {
    caller.require(Permission::View)?;
    Ok(db::runs::get(app.pool(), id).await?)
}

/// A page of the run's per-sample results, in sample order.
pub async fn results(
    caller: &Caller,
    app: &App,
    id: Uuid,
    filter: ResultFilter,
    page: PageRequest,
) -> Result<ResultPage, Problem> {
    caller.require(Permission::View)?;
    let page = page.within(RESULT_PAGES)?;
    Ok(db::runs::results(app.pool(), id, filter, page.offset, page.limit).await?)
}

/// The run with its summary: the stored one once it has ended, else the results so far.
pub async fn with_summary(
    caller: &Caller,
    app: &App,
    id: Uuid,
) -> Result<(Run, RunSummary), Problem> {
    caller.require(Permission::View)?;
    let run = db::runs::get(app.pool(), id).await?;
    let summary = summary_of(app, &run).await?;
    Ok((run, summary))
}

pub(crate) async fn summary_of(app: &App, run: &Run) -> Result<RunSummary, Problem> {
    Ok(match &run.results {
        Some(summary) => summary.clone(),
        None => {
            let results = db::runs::scored_results(app.pool(), run.id).await?;
            RunSummary::compute(&run.metrics, &results)
        }
    })
}

/// Queues a pending run for the worker.
pub async fn start(caller: &Caller, app: &App, id: Uuid) -> Result<Run, Problem> {
    caller.require(Permission::Edit)?;
    let run = db::runs::queue(app.pool(), id).await?;
    app.worker().wake();
    audit::record(
        app,
        caller,
        "run.start",
        Target::new("run", run.id, &run.name),
    )
    .await;
    Ok(run)
}

/// Cancels a pending or running run; the worker stops calling the model for it at once.
pub async fn cancel(caller: &Caller, app: &App, id: Uuid) -> Result<Run, Problem> {
    caller.require(Permission::Edit)?;
    let run = db::runs::cancel(app.pool(), id).await?;
    app.worker().cancel(run.id);
    audit::record(
        app,
        caller,
        "run.cancel",
        Target::new("run", run.id, &run.name),
    )
    .await;
    Ok(run)
}
