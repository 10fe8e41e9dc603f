//! Creating experiments and moving them through their lifecycle. Every transition is one
//! write transaction (`store::begin_write`) that checks the move against the domain's table,
//! stamps the time of the move and appends it to `experiment_status_changes`.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::Utc;
use domain::error::FieldError;
use domain::experiment::{
    definition::ValidExperiment,
    record::Experiment,
    status::{Action, ExperimentStatus},
};
use domain::prompt::selector::VersionSelector;
use uuid::Uuid;

use super::metrics::stored_statistics;
use super::read::fetch;
use super::rows::{parse_status, valid_definition};
use crate::store::{Id, Pool, Time, begin_write};
use crate::{DbError, error::conflict_on};

/// Bumped after every committed transition in this process, and whenever another node's
/// transition is heard of.
static LIFECYCLE_GENERATION: AtomicU64 = AtomicU64::new(0);

/// A number that changes whenever a transition (status or winner) commits, in this process or
/// (once heard of) on another node, whatever the experiment. A cache of statuses reads it
/// *before* reading a status from the database and trusts that status while the number is
/// unchanged: a transition bumps it only after its commit, so no stale status outlives the
/// transition's return.
pub fn lifecycle_generation() -> u64 {
    LIFECYCLE_GENERATION.load(Ordering::Acquire)
}

/// Records that some experiment may have changed: the caches read statuses again.
pub fn note_lifecycle_change() {
    LIFECYCLE_GENERATION.fetch_add(1, Ordering::AcqRel);
}

/// The variants whose prompt (or pinned version) does not exist, one problem each, named like
/// the definition's fields (`variants[1].prompt_name`, `variants[1].prompt_version`). Callers
/// check this before [`create`]: a variant that cannot be served is refused with the rest.
pub async fn prompt_problems(
    pool: &Pool,
    new: &ValidExperiment,
) -> Result<Vec<FieldError>, DbError> {
    let mut problems = Vec::new();
    for (index, variant) in new.variants.iter().enumerate() {
        let Some(name) = &variant.prompt_name else {
            continue;
        };
        let selector = match &variant.prompt_version {
            Some(version) => VersionSelector::Exact(version.clone()),
            None => VersionSelector::Active,
        };
        match crate::prompts::get_version(pool, name.as_str(), &selector).await {
            Ok(_) => {}
            Err(DbError::NotFound {
                entity: "prompt", ..
            }) => problems.push(FieldError::new(
                format!("variants[{index}].prompt_name"),
                format!("no prompt is named `{name}`"),
            )),
            Err(DbError::NotFound { .. }) => problems.push(FieldError::new(
                format!("variants[{index}].prompt_version"),
                format!("prompt `{name}` has no version `{selector}`"),
            )),
            Err(other) => return Err(other),
        }
    }
    Ok(problems)
}

/// Stores a validated definition as a draft. The seed is the declared one, else the new id.
pub async fn create(pool: &Pool, new: &ValidExperiment) -> Result<Experiment, DbError> {
    let now = Utc::now();
    let id = Uuid::now_v7();
    let seed = new.hash_seed(&id.to_string()).to_owned();
    let definition = serde_json::to_string(&new.to_definition()).expect("a definition serializes");
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO experiments (id, name, definition, status, seed, created_at, updated_at)
         VALUES ($1, $2, $3, 'draft', $4, $5, $6)",
    )
    .bind(Id(id))
    .bind(&new.name)
    .bind(definition)
    .bind(seed)
    .bind(Time(now))
    .bind(Time(now))
    .execute(&mut *tx)
    .await
    .map_err(conflict_on("name", || {
        format!("an experiment named `{}` already exists", new.name)
    }))?;
    let created = fetch(&mut tx, id).await?;
    tx.commit().await?;
    Ok(created)
}

pub async fn start(pool: &Pool, id: Uuid) -> Result<Experiment, DbError> {
    transition(pool, id, Action::Start, None).await
}

pub async fn pause(pool: &Pool, id: Uuid) -> Result<Experiment, DbError> {
    transition(pool, id, Action::Pause, None).await
}

/// Completes with an optional winner, given as the index of a variant (the caller checked it
/// with `ValidExperiment::winner_index`).
pub async fn complete(pool: &Pool, id: Uuid, winner: Option<usize>) -> Result<Experiment, DbError> {
    transition(pool, id, Action::Complete, winner).await
}

pub async fn cancel(pool: &Pool, id: Uuid) -> Result<Experiment, DbError> {
    transition(pool, id, Action::Cancel, None).await
}

/// Applies `action`; a move the lifecycle forbids is a `Conflict` on `status` whose message
/// names the current status ("cannot pause an experiment that is draft"). `winner` is only
/// used by `complete`; an index outside the variants is ignored.
///
/// Completing with a winner freezes its Holm-adjusted p-value (`significance`) and chance to
/// beat the control (`confidence`) on the target metric.
pub async fn transition(
    pool: &Pool,
    id: Uuid,
    action: Action,
    winner: Option<usize>,
) -> Result<Experiment, DbError> {
    let mut tx = begin_write(pool, &format!("experiment:{id}")).await?;
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT status, definition FROM experiments WHERE id = $1")
            .bind(Id(id))
            .fetch_optional(&mut *tx)
            .await?;
    let (status, definition) =
        row.ok_or_else(|| DbError::not_found("experiment", id.to_string()))?;
    let from = parse_status(&status)?;
    let to = from.apply(action).map_err(|error| DbError::Conflict {
        field: "status",
        message: error.to_string(),
    })?;

    let now = Utc::now();
    let (mut winner_id, mut significance, mut confidence) = (None, None, None);
    if action == Action::Complete
        && let Some(index) = winner
    {
        let valid = valid_definition(&definition)?;
        if let Some(variant) = valid.variants.get(index) {
            winner_id = Some(variant.id.to_string());
            if !variant.is_control {
                let stored = stored_statistics(&mut tx, id, &valid).await?;
                let input = domain::experiment::stats::AnalysisInput::from(&valid);
                let results =
                    domain::experiment::stats::analyze(&input, &stored.stats, &stored.exposures);
                let comparison = results.metrics.get(valid.target_metric).and_then(|m| {
                    m.comparisons
                        .iter()
                        .find(|c| c.variant_id == variant.id.as_str())
                });
                significance = comparison.and_then(|c| c.adjusted_p_value);
                confidence = comparison.and_then(|c| c.chance_to_beat_control);
            }
        }
    }
    let winner_index = winner_id.as_ref().and(winner).map(|i| i as i64);

    let stamp = match (from, action) {
        (ExperimentStatus::Draft, Action::Start) => "started_at",
        (_, Action::Start) => "resumed_at",
        (_, Action::Pause) => "paused_at",
        (_, Action::Complete) => "completed_at",
        (_, Action::Cancel) => "cancelled_at",
    };
    sqlx::query(&format!(
        "UPDATE experiments SET status = $1, updated_at = $2, {stamp} = $3,
             winner = COALESCE($4, winner), winner_index = COALESCE($5, winner_index),
             significance = COALESCE($6, significance), confidence = COALESCE($7, confidence)
         WHERE id = $8"
    ))
    .bind(to.as_str())
    .bind(Time(now))
    .bind(Time(now))
    .bind(&winner_id)
    .bind(winner_index)
    .bind(significance)
    .bind(confidence)
    .bind(Id(id))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO experiment_status_changes
             (experiment_id, seq, action, from_status, to_status, winner, at)
         VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM experiment_status_changes
                      WHERE experiment_id = $1), $2, $3, $4, $5, $6)",
    )
    .bind(Id(id))
    .bind(action.as_str())
    .bind(from.as_str())
    .bind(to.as_str())
    .bind(&winner_id)
    .bind(Time(now))
    .execute(&mut *tx)
    .await?;
    super::changes::notify(&mut tx, id).await?;
    let experiment = fetch(&mut tx, id).await?;
    tx.commit().await?;
    note_lifecycle_change();
    Ok(experiment)
}
