//! CompareRuns with the store behind it: load two runs and every result of both, then compare.
//! The REST API, the comparison page, shared comparisons and the scheduler's checks call this.

use db::{DbError, SqlitePool};
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
pub async fn compare_stored(
    pool: &SqlitePool,
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
        db::runs::all_results(pool, base_id),
        db::runs::all_results(pool, candidate_id)
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
    Ok(comparison)
}

async fn load_run(pool: &SqlitePool, side: Side, id: Uuid) -> Result<Run, Problem> {
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
