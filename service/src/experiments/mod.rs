//! A/B experiments: create, list, read, the lifecycle, assignment and serving, recording metric
//! values, and the results. The rules live in `domain::experiment`; see docs/experiments.md.

mod assign;
pub(crate) mod cache;
pub(crate) mod changes;
pub(crate) mod exposures;
mod metrics;

use domain::error::ValidationError;
use domain::experiment::{
    definition::NewExperiment,
    record::{Experiment, ExperimentReport},
    status::{Action, ExperimentStatus},
};
use domain::page::{PageBounds, PageRequest};
use domain::problem::Problem;
use uuid::Uuid;

use crate::access::audit::{self, Target};
use crate::{App, Caller, Permission};

pub use assign::{ModelSettings, Served, assign, serve};
pub use metrics::{Observations, Recorded, record};

/// Experiments in one list when the caller does not say, and at most.
pub const EXPERIMENT_LISTS: PageBounds = PageBounds::new(100, 1000);

/// Newest first, of one status or all.
pub async fn list(
    caller: &Caller,
    app: &App,
    status: Option<ExperimentStatus>,
    page: PageRequest,
) -> Result<Vec<Experiment>, Problem> {
    caller.require(Permission::View)?;
    let limit = page.first_page(EXPERIMENT_LISTS)?;
    Ok(db::experiments::list(app.pool(), status, limit).await?)
}

pub async fn get(caller: &Caller, app: &App, id: Uuid) -> Result<Experiment, Problem> {
    caller.require(Permission::View)?;
    Ok(db::experiments::get(app.pool(), id).await?)
}

/// Stores a draft. The definition is checked first, then that every variant's prompt (and
/// pinned version) exists: a variant that could not be served is refused with the rest.
pub async fn create(caller: &Caller, app: &App, new: NewExperiment) -> Result<Experiment, Problem> {
    caller.require(Permission::Edit)?;
    let valid = new.validate()?;
    let problems = db::experiments::prompt_problems(app.pool(), &valid).await?;
    if let Some(first) = problems.first() {
        let message = format!(
            "the experiment is invalid: {} {}",
            first.field, first.message
        );
        return Err(ValidationError::new(message, problems).into());
    }
    let experiment = db::experiments::create(app.pool(), &valid).await?;
    audit::record(
        app,
        caller,
        "experiment.create",
        Target::new("experiment", experiment.id, &experiment.name),
    )
    .await;
    Ok(experiment)
}

/// Start (or resume), pause, complete with an optional winner (a variant id), or cancel. A
/// move the lifecycle forbids is a 409 naming the current status; an unknown winner a 422.
pub async fn change(
    caller: &Caller,
    app: &App,
    id: Uuid,
    action: Action,
    winner: Option<&str>,
) -> Result<Experiment, Problem> {
    caller.require(Permission::Edit)?;
    let loaded = app.experiment_cache().load(app.pool(), id).await?;
    let winner = loaded.definition.winner_index(winner)?;
    let experiment = db::experiments::transition(app.pool(), id, action, winner).await?;
    let operation = format!("experiment.{}", action.as_str());
    audit::record(
        app,
        caller,
        &operation,
        Target::new("experiment", experiment.id, &experiment.name),
    )
    .await;
    Ok(experiment)
}

/// GetResults, from the running statistics only. Every assignment answered before the call is
/// counted in the sample-ratio check.
pub async fn results(caller: &Caller, app: &App, id: Uuid) -> Result<ExperimentReport, Problem> {
    caller.require(Permission::View)?;
    app.exposures().flush().await;
    Ok(db::experiments::report(app.pool(), id).await?)
}
