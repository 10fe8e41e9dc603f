//! RecordMetric: every value is checked against the definition first and the whole request is
//! refused when any is wrong (fields named `[3].value` in an array); then the values are stored
//! with the running statistics in one transaction. Allowed while running or paused.

use domain::experiment::observation::{NewObservation, check_batch_size, validate_batch};
use domain::problem::Problem;
use serde::Serialize;
use uuid::Uuid;

use crate::{App, Caller, Permission};

/// One metric value, or an array of them.
pub enum Observations {
    One(NewObservation),
    Many(Vec<NewObservation>),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recorded {
    pub experiment_id: Uuid,
    pub recorded: u64,
}

pub async fn record(
    caller: &Caller,
    app: &App,
    id: Uuid,
    observations: Observations,
) -> Result<Recorded, Problem> {
    caller.require(Permission::ServeTraffic)?;
    if let Observations::Many(all) = &observations {
        check_batch_size(all.len())?;
    }
    let experiment = app.experiment_cache().load(app.pool(), id).await?;
    let valid = match observations {
        Observations::One(observation) => vec![observation.validate(&experiment.definition)?],
        Observations::Many(all) => validate_batch(all, &experiment.definition)?,
    };
    let recorded = db::experiments::record_observations(app.pool(), id, &valid, app.now()).await?;
    Ok(Recorded {
        experiment_id: id,
        recorded,
    })
}
