//! Reading datasets, their version history, and the samples of any version.

use domain::dataset::record::{Dataset, DatasetVersion, Sample, SamplePage};

use uuid::Uuid;

use super::rows::{AT_VERSION, DATASET_SELECT, DatasetRow, SampleRow, VersionRow};
use crate::DbError;
use crate::store::{Connection, Id, Pool};

/// All datasets, most recently changed first.
pub async fn list(pool: &Pool) -> Result<Vec<Dataset>, DbError> {
    let rows: Vec<DatasetRow> = sqlx::query_as(&format!(
        "{DATASET_SELECT} ORDER BY d.updated_at DESC, d.name"
    ))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(Dataset::try_from).collect()
}

pub async fn get(pool: &Pool, id: Uuid) -> Result<Dataset, DbError> {
    let mut conn = pool.acquire().await?;
    fetch(&mut conn, id).await
}

/// The dataset whose id or name is `key`.
pub async fn find(pool: &Pool, key: &str) -> Result<Dataset, DbError> {
    let id = Uuid::parse_str(key).ok().map(|id| id.to_string());
    sqlx::query_as::<_, DatasetRow>(&format!(
        "{DATASET_SELECT} WHERE d.name = $1 OR d.id = $2 LIMIT 1"
    ))
    .bind(key)
    .bind(id)
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| DbError::not_found("dataset", key))?
    .try_into()
}

/// Samples in one version of a dataset; an unknown version is NotFound.
pub async fn sample_count(pool: &Pool, id: Uuid, version: i64) -> Result<i64, DbError> {
    sqlx::query_scalar(
        "SELECT sample_count FROM dataset_versions WHERE dataset_id = $1 AND version = $2",
    )
    .bind(Id(id))
    .bind(version)
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| DbError::not_found("version", version.to_string()))
}

pub(crate) async fn fetch(conn: &mut Connection, id: Uuid) -> Result<Dataset, DbError> {
    sqlx::query_as::<_, DatasetRow>(&format!("{DATASET_SELECT} WHERE d.id = $1"))
        .bind(Id(id))
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| DbError::not_found("dataset", id.to_string()))?
        .try_into()
}

/// The version history, newest first, with what each version added, changed and removed.
pub async fn versions(pool: &Pool, id: Uuid) -> Result<Vec<DatasetVersion>, DbError> {
    get(pool, id).await?;
    let rows: Vec<VersionRow> = sqlx::query_as(
        "SELECT version, added, changed, removed, sample_count, message, created_at
         FROM dataset_versions WHERE dataset_id = $1 ORDER BY version DESC",
    )
    .bind(Id(id))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(DatasetVersion::from).collect())
}

/// The version a caller asked for, or the current one; versions that do not exist are not found.
pub(crate) fn resolve_version(dataset: &Dataset, requested: Option<i64>) -> Result<i64, DbError> {
    match requested {
        None => Ok(dataset.version),
        Some(v) if (0..=dataset.version).contains(&v) => Ok(v),
        Some(v) => Err(DbError::not_found("version", v.to_string())),
    }
}

/// One page of the samples of a version, in their stable order.
pub async fn page(
    pool: &Pool,
    id: Uuid,
    version: Option<i64>,
    offset: i64,
    limit: i64,
) -> Result<SamplePage, DbError> {
    let mut conn = pool.acquire().await?;
    let dataset = fetch(&mut conn, id).await?;
    let version = resolve_version(&dataset, version)?;
    let total: i64 = sqlx::query_scalar(
        "SELECT sample_count FROM dataset_versions WHERE dataset_id = $1 AND version = $2",
    )
    .bind(Id(id))
    .bind(version)
    .fetch_optional(&mut *conn)
    .await?
    .unwrap_or(0);
    let rows: Vec<SampleRow> = sqlx::query_as(&format!(
        "SELECT sample_id, position, input, expected_output, context, metadata
         FROM dataset_samples WHERE {AT_VERSION} ORDER BY position LIMIT $3 OFFSET $4"
    ))
    .bind(Id(id))
    .bind(version)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    Ok(SamplePage {
        dataset_id: id,
        version,
        offset,
        limit,
        total,
        samples: rows
            .into_iter()
            .map(Sample::try_from)
            .collect::<Result<_, _>>()?,
    })
}

/// Reads every sample of one version in its stable order, a chunk at a time, so that memory
/// stays flat however large the dataset is. Exports and evaluation runs read through it.
pub struct SampleCursor {
    pool: Pool,
    dataset_id: Uuid,
    version: i64,
    after_position: i64,
    chunk: i64,
    done: bool,
}

impl SampleCursor {
    /// Opens a cursor on `version` (the current one when `None`); fails when either is unknown.
    pub async fn open(
        pool: &Pool,
        dataset_id: Uuid,
        version: Option<i64>,
    ) -> Result<(Dataset, SampleCursor), DbError> {
        let dataset = get(pool, dataset_id).await?;
        let version = resolve_version(&dataset, version)?;
        let cursor = SampleCursor {
            pool: pool.clone(),
            dataset_id,
            version,
            after_position: -1,
            chunk: 1000,
            done: false,
        };
        Ok((dataset, cursor))
    }

    pub fn version(&self) -> i64 {
        self.version
    }

    /// The next samples in order; empty once every sample was read.
    pub async fn next_chunk(&mut self) -> Result<Vec<Sample>, DbError> {
        if self.done {
            return Ok(Vec::new());
        }
        let rows: Vec<SampleRow> = sqlx::query_as(&format!(
            "SELECT sample_id, position, input, expected_output, context, metadata
             FROM dataset_samples WHERE {AT_VERSION} AND position > $3
             ORDER BY position LIMIT $4"
        ))
        .bind(Id(self.dataset_id))
        .bind(self.version)
        .bind(self.after_position)
        .bind(self.chunk)
        .fetch_all(&self.pool)
        .await?;
        self.done = (rows.len() as i64) < self.chunk;
        if let Some(last) = rows.last() {
            self.after_position = last.position;
        }
        rows.into_iter().map(Sample::try_from).collect()
    }
}
