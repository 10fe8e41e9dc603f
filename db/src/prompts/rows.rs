//! Row shapes of the prompt tables and their conversion into domain records.

use chrono::{DateTime, Utc};
use domain::prompt::record::{Activation, PromptSummary, PromptVersion};
use sqlx::FromRow;

use crate::DbError;
use crate::store::{Backend, Flag, Id, Time};

/// Every query that returns versions selects these columns, so one row type reads them all;
/// what follows (joins, `WHERE`) is appended.
pub(crate) fn version_select(backend: Backend) -> String {
    format!(
        "SELECT v.id, p.name, v.version, v.template, v.variables, v.model_config,
                v.commit_message, v.created_at,
                (p.active_version_id IS NOT DISTINCT FROM v.id) AS is_active,
                (SELECT {labels} FROM prompt_labels WHERE version_id = v.id) AS labels
         FROM prompt_versions v JOIN prompts p ON p.id = v.prompt_id ",
        labels = backend.json_array_agg("label", "label")
    )
}

#[derive(FromRow)]
pub(crate) struct VersionRow {
    id: Id,
    name: String,
    version: String,
    template: String,
    variables: String,
    model_config: String,
    commit_message: String,
    #[sqlx(try_from = "Time")]
    created_at: DateTime<Utc>,
    #[sqlx(try_from = "Flag")]
    is_active: bool,
    labels: String,
}

impl TryFrom<VersionRow> for PromptVersion {
    type Error = DbError;

    fn try_from(row: VersionRow) -> Result<Self, DbError> {
        let template: domain::prompt::template::Template =
            serde_json::from_str(&row.template).map_err(DbError::corrupt("template"))?;
        Ok(PromptVersion {
            id: row.id.into_uuid(),
            name: row.name,
            version: row.version,
            kind: template.kind(),
            template,
            variables: serde_json::from_str(&row.variables)
                .map_err(DbError::corrupt("variables"))?,
            model_config: serde_json::from_str(&row.model_config)
                .map_err(DbError::corrupt("model_config"))?,
            commit_message: row.commit_message,
            is_active: row.is_active,
            labels: serde_json::from_str(&row.labels).map_err(DbError::corrupt("labels"))?,
            created_at: row.created_at,
        })
    }
}

pub(crate) fn versions(rows: Vec<VersionRow>) -> Result<Vec<PromptVersion>, DbError> {
    rows.into_iter().map(PromptVersion::try_from).collect()
}

#[derive(FromRow)]
pub(crate) struct PromptRow {
    pub id: Id,
    pub name: String,
    pub description: String,
    #[sqlx(try_from = "Time")]
    pub created_at: DateTime<Utc>,
    #[sqlx(try_from = "Time")]
    pub updated_at: DateTime<Utc>,
}

#[derive(FromRow)]
pub(crate) struct SummaryRow {
    id: Id,
    name: String,
    description: String,
    active_version: Option<String>,
    version_count: i64,
    versions: String,
    #[sqlx(try_from = "Time")]
    created_at: DateTime<Utc>,
    #[sqlx(try_from = "Time")]
    updated_at: DateTime<Utc>,
}

impl TryFrom<SummaryRow> for PromptSummary {
    type Error = DbError;

    fn try_from(row: SummaryRow) -> Result<Self, DbError> {
        let versions: Vec<String> =
            serde_json::from_str(&row.versions).map_err(DbError::corrupt("versions"))?;
        Ok(PromptSummary {
            id: row.id.into_uuid(),
            name: row.name,
            description: row.description,
            active_version: row.active_version,
            latest_version: super::read::highest(&versions).unwrap_or_default(),
            version_count: row.version_count,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct ActivationRow {
    version: String,
    previous_version: Option<String>,
    #[sqlx(try_from = "Time")]
    activated_at: DateTime<Utc>,
    activated_by: Option<String>,
}

impl From<ActivationRow> for Activation {
    fn from(row: ActivationRow) -> Self {
        Activation {
            version: row.version,
            previous_version: row.previous_version,
            activated_at: row.activated_at,
            activated_by: row.activated_by,
        }
    }
}
