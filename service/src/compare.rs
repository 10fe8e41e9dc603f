//! CompareRuns with the store behind it: load two runs and the scores of every result of both,
//! compare, then read the texts of the samples that changed.
//! The REST API, the comparison page, shared comparisons and the scheduler's checks call this.

use db::{DbError, Pool};

use crate::{App, Caller, Permission};
use domain::eval::compare::{RunComparison, Side, compare_runs};
use domain::eval::record::Run;
use domain::problem::{ErrorCode, Problem};
use uuid::Uuid;

/// The two runs and their comparison.
pub struct Compared {
    pub base: Run,
    pub candidate: Run,
    pub comparison: RunComparison,
}

/// Compares `candidate` with `base` at `confidence_level`. An unknown run is a 404 naming
/// `base` or `candidate`; runs that cannot be compared are a 422 naming the one at fault.
pub async fn compare(
    caller: &Caller,
    app: &App,
    base_id: Uuid,
    candidate_id: Uuid,
    confidence_level: f64,
) -> Result<Compared, Problem> {
    caller.require(Permission::View)?;
    compare_stored(app.pool(), base_id, candidate_id, confidence_level).await
}

/// [`compare`] for the service's own callers (shared pages, the scheduler's checks).
pub async fn compare_stored(
    pool: &Pool,
    base_id: Uuid,
    candidate_id: Uuid,
    confidence_level: f64,
) -> Result<Compared, Problem> {
    let (base, candidate) = tokio::try_join!(
        load_run(pool, Side::Base, base_id),
        load_run(pool, Side::Candidate, candidate_id)
    )?;
    // Checked before the results are read, so an unfinished run costs nothing.
    compare_runs(&base, &[], &candidate, &[], confidence_level)?;
    let (base_results, candidate_results) = tokio::try_join!(
        db::runs::scored_results(pool, base_id),
        db::runs::scored_results(pool, candidate_id)
    )?;
    let comparison = tokio::task::spawn_blocking(move || {
        compare_runs(
            &base,
            &base_results,
            &candidate,
            &candidate_results,
            confidence_level,
        )
        .map(|comparison| Compared {
            base,
            candidate,
            comparison,
        })
    })
    .await
    .map_err(|error| {
        tracing::error!(%error, "the comparison task failed");
        Problem::internal()
    })??;
    fill_texts(pool, comparison).await
}

/// Puts the inputs, expected outputs and both outputs into the samples the comparison lists:
/// only those are read, not the texts of every sample.
async fn fill_texts(pool: &Pool, mut compared: Compared) -> Result<Compared, Problem> {
    let comparison = &mut compared.comparison;
    let ids: Vec<Uuid> = comparison
        .regressions
        .iter()
        .chain(&comparison.improvements)
        .map(|change| change.sample_id)
        .collect();
    if ids.is_empty() {
        return Ok(compared);
    }
    let (mut base_texts, mut candidate_texts) = tokio::try_join!(
        db::runs::result_texts(pool, comparison.base_id, &ids),
        db::runs::result_texts(pool, comparison.candidate_id, &ids)
    )?;
    for change in comparison
        .regressions
        .iter_mut()
        .chain(comparison.improvements.iter_mut())
    {
        if let Some(candidate) = candidate_texts.remove(&change.sample_id) {
            change.input = candidate.input;
            change.expected_output = candidate.expected_output;
            change.candidate_output = candidate.output;
        }
        if let Some(base) = base_texts.remove(&change.sample_id) {
            change.base_output = base.output;
        }
    }
    Ok(compared)
}

async fn load_run(pool: &Pool, side: Side, id: Uuid) -> Result<Run, Problem> {
    db::runs::get(pool, id).await.map_err(|error| match error {
        DbError::NotFound { .. } => unknown_run(side, &id.to_string()),
        other => other.into(),
    })
}

/// A 404 naming the side whose run does not exist (also for an id that is not a UUID).
pub fn unknown_run(side: Side, raw: &str) -> Problem {
    Problem::new(
        ErrorCode::NotFound,
        format!("{} run `{raw}` was not found", side.as_str()),
    )
    .with_field(side.as_str(), "not found")
}
