//! Row shapes of the dataset tables and their conversion into domain records.

use chrono::{DateTime, Utc};
use domain::dataset::{
    kind::DatasetType,
    record::{Dataset, DatasetVersion, Sample},
};
use sqlx::FromRow;

use crate::DbError;
use crate::store::{Id, Time};

#[derive(FromRow)]
pub(crate) struct DatasetRow {
    pub id: Id,
    pub name: String,
    #[sqlx(rename = "type")]
    pub dataset_type: String,
    pub description: String,
    pub version: i64,
    pub sample_count: i64,
    #[sqlx(try_from = "Time")]
    pub created_at: DateTime<Utc>,
    #[sqlx(try_from = "Time")]
    pub updated_at: DateTime<Utc>,
}

/// Columns of `DatasetRow`: the dataset with the sample count of its current version.
pub(crate) const DATASET_SELECT: &str = "SELECT d.id, d.name, d.type, d.description, d.version,
        COALESCE(v.sample_count, 0) AS sample_count, d.created_at, d.updated_at
    FROM datasets d LEFT JOIN dataset_versions v ON v.dataset_id = d.id AND v.version = d.version";

impl TryFrom<DatasetRow> for Dataset {
    type Error = DbError;

    fn try_from(row: DatasetRow) -> Result<Self, DbError> {
        Ok(Dataset {
            id: row.id.into_uuid(),
            name: row.name,
            dataset_type: DatasetType::parse(&row.dataset_type).map_err(|_| DbError::Invalid {
                column: "datasets.type",
            })?,
            description: row.description,
            version: row.version,
            sample_count: row.sample_count,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct SampleRow {
    pub sample_id: Id,
    pub position: i64,
    pub input: String,
    pub expected_output: String,
    pub context: String,
    pub metadata: String,
}

impl TryFrom<SampleRow> for Sample {
    type Error = DbError;

    fn try_from(row: SampleRow) -> Result<Self, DbError> {
        Ok(Sample {
            id: row.sample_id.into_uuid(),
            input: row.input,
            expected_output: row.expected_output,
            context: row.context,
            metadata: serde_json::from_str(&row.metadata).map_err(DbError::corrupt("metadata"))?,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct VersionRow {
    version: i64,
    added: i64,
    changed: i64,
    removed: i64,
    sample_count: i64,
    message: Option<String>,
    #[sqlx(try_from = "Time")]
    created_at: DateTime<Utc>,
}

impl From<VersionRow> for DatasetVersion {
    fn from(row: VersionRow) -> Self {
        DatasetVersion {
            version: row.version,
            added: row.added,
            changed: row.changed,
            removed: row.removed,
            sample_count: row.sample_count,
            message: row.message,
            created_at: row.created_at,
        }
    }
}

/// The samples of one version: a row written at or before it and not replaced by then.
pub(crate) const AT_VERSION: &str =
    "dataset_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)";
