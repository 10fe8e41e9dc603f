//! Row shape of `experiments` and its conversion into the domain record.

use chrono::{DateTime, Utc};
use domain::experiment::{
    definition::NewExperiment,
    record::{Experiment, StatusChange, Variant},
    status::ExperimentStatus,
};
use sqlx::FromRow;

use crate::DbError;
use crate::store::{Backend, Id, MaybeTime, Time};

/// Columns of `ExperimentRow`: the experiment with its transitions as a JSON array.
pub(crate) fn experiment_select(backend: Backend) -> String {
    let change = backend.json_object(
        "'action', c.action, 'from', c.from_status, 'to', c.to_status, 'winner', c.winner, \
         'at', c.at",
    );
    format!(
        "SELECT e.id, e.name, e.definition, e.status, e.seed,
            e.winner, e.significance, e.confidence, e.created_at, e.updated_at, e.started_at,
            e.paused_at, e.resumed_at, e.completed_at, e.cancelled_at,
            (SELECT {} FROM experiment_status_changes c WHERE c.experiment_id = e.id) AS history
         FROM experiments e",
        backend.json_array_agg(&change, "c.seq")
    )
}

#[derive(FromRow)]
pub(crate) struct ExperimentRow {
    id: Id,
    name: String,
    definition: String,
    status: String,
    seed: String,
    winner: Option<String>,
    significance: Option<f64>,
    confidence: Option<f64>,
    #[sqlx(try_from = "Time")]
    created_at: DateTime<Utc>,
    #[sqlx(try_from = "Time")]
    updated_at: DateTime<Utc>,
    #[sqlx(try_from = "MaybeTime")]
    started_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeTime")]
    paused_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeTime")]
    resumed_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeTime")]
    completed_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeTime")]
    cancelled_at: Option<DateTime<Utc>>,
    history: String,
}

pub(crate) fn parse_status(raw: &str) -> Result<ExperimentStatus, DbError> {
    ExperimentStatus::parse(raw).map_err(|_| DbError::Invalid {
        column: "experiments.status",
    })
}

impl TryFrom<ExperimentRow> for Experiment {
    type Error = DbError;

    fn try_from(row: ExperimentRow) -> Result<Self, DbError> {
        let definition: NewExperiment = serde_json::from_str(&row.definition)
            .map_err(DbError::corrupt("experiments.definition"))?;
        let status = parse_status(&row.status)?;
        let status_history: Vec<StatusChange> = serde_json::from_str(&row.history)
            .map_err(DbError::corrupt("experiment_status_changes"))?;
        Ok(Experiment {
            id: row.id.into_uuid(),
            name: row.name,
            description: definition.description,
            status,
            variants: definition
                .variants
                .into_iter()
                .map(|v| Variant {
                    name: v.name.unwrap_or_else(|| v.id.clone()),
                    id: v.id,
                    prompt_name: v.prompt_name,
                    prompt_version: v.prompt_version,
                    model_name: v.model_name,
                    parameters: v.parameters,
                    is_control: v.is_control,
                })
                .collect(),
            traffic_split: definition.traffic_split,
            metrics: definition.metrics,
            target_metric: definition.target_metric,
            confidence_level: definition.confidence_level,
            min_sample_size: definition.min_sample_size,
            sequential: definition.sequential,
            seed: row.seed,
            winner: row.winner,
            significance: row.significance,
            confidence: row.confidence,
            allowed_actions: status.allowed_actions(),
            created_at: row.created_at,
            updated_at: row.updated_at,
            started_at: row.started_at,
            paused_at: row.paused_at,
            resumed_at: row.resumed_at,
            completed_at: row.completed_at,
            cancelled_at: row.cancelled_at,
            status_history,
        })
    }
}

/// The stored definition, validated again (it was valid when stored, so a failure means the
/// file was edited by hand).
pub(crate) fn valid_definition(
    definition: &str,
) -> Result<domain::experiment::definition::ValidExperiment, DbError> {
    let parsed: NewExperiment =
        serde_json::from_str(definition).map_err(DbError::corrupt("experiments.definition"))?;
    parsed.validate().map_err(|_| DbError::Invalid {
        column: "experiments.definition",
    })
}
