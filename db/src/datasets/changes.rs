//! Creating datasets and changing their samples. Every change is one transaction that writes
//! exactly one new version.

use chrono::Utc;
use domain::dataset::{
    new_dataset::ValidDataset,
    record::{Dataset, DatasetVersion, Sample},
    sample::ValidSample,
};
use uuid::Uuid;

use super::read::fetch;
use crate::store::{Connection, Id, Pool, Statement, Time, begin_write};
use crate::{DbError, error::conflict_on};

/// Samples per INSERT statement: 7 parameters each stays far below SQLite's parameter limit.
const INSERT_BATCH: usize = 200;

pub async fn create(pool: &Pool, new: &ValidDataset) -> Result<Dataset, DbError> {
    let now = Utc::now();
    let id = Uuid::now_v7();
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO datasets (id, name, type, description, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 0, $5, $6)",
    )
    .bind(Id(id))
    .bind(new.name.as_str())
    .bind(new.dataset_type.as_str())
    .bind(&new.description)
    .bind(Time(now))
    .bind(Time(now))
    .execute(&mut *tx)
    .await
    .map_err(conflict_on("name", || {
        format!("a dataset named `{}` already exists", new.name.as_str())
    }))?;
    sqlx::query(
        "INSERT INTO dataset_versions (dataset_id, version, sample_count, message, created_at)
         VALUES ($1, 0, 0, 'created', $2)",
    )
    .bind(Id(id))
    .bind(Time(now))
    .execute(&mut *tx)
    .await?;
    let created = fetch(&mut tx, id).await?;
    tx.commit().await?;
    Ok(created)
}

/// Adds samples as one new version.
pub async fn add_samples(
    pool: &Pool,
    dataset_id: Uuid,
    samples: &[ValidSample],
    message: Option<String>,
) -> Result<DatasetVersion, DbError> {
    let mut tx = begin_write(pool, &format!("dataset:{dataset_id}")).await?;
    let mut change = Change::begin(&mut tx, dataset_id, message).await?;
    change.add(&mut tx, samples).await?;
    let version = change.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(version)
}

/// Replaces a sample's content in a new version; the sample keeps its id and position.
pub async fn edit_sample(
    pool: &Pool,
    dataset_id: Uuid,
    sample_id: Uuid,
    sample: &ValidSample,
    message: Option<String>,
) -> Result<(DatasetVersion, Sample), DbError> {
    let mut tx = begin_write(pool, &format!("dataset:{dataset_id}")).await?;
    let mut change = Change::begin(&mut tx, dataset_id, message).await?;
    let position = change.retire(&mut tx, sample_id).await?;
    insert_rows(
        &mut tx,
        dataset_id,
        change.version,
        &[(sample_id, position, sample)],
    )
    .await?;
    change.changed += 1;
    let version = change.finish(&mut tx).await?;
    tx.commit().await?;
    let fields = sample.get();
    Ok((
        version,
        Sample {
            id: sample_id,
            input: fields.input.clone(),
            expected_output: fields.expected_output.clone(),
            context: fields.context.clone(),
            metadata: fields.metadata.clone(),
        },
    ))
}

pub async fn delete_sample(
    pool: &Pool,
    dataset_id: Uuid,
    sample_id: Uuid,
    message: Option<String>,
) -> Result<DatasetVersion, DbError> {
    let mut tx = begin_write(pool, &format!("dataset:{dataset_id}")).await?;
    let mut change = Change::begin(&mut tx, dataset_id, message).await?;
    change.retire(&mut tx, sample_id).await?;
    change.removed += 1;
    let version = change.finish(&mut tx).await?;
    tx.commit().await?;
    Ok(version)
}

/// One new version being written inside a transaction.
pub(crate) struct Change {
    dataset_id: Uuid,
    pub version: i64,
    previous_count: i64,
    next_position: i64,
    pub added: i64,
    pub changed: i64,
    pub removed: i64,
    message: Option<String>,
}

impl Change {
    pub(crate) async fn begin(
        conn: &mut Connection,
        dataset_id: Uuid,
        message: Option<String>,
    ) -> Result<Change, DbError> {
        let dataset = fetch(conn, dataset_id).await?;
        let next_position: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(position), -1) + 1 FROM dataset_samples WHERE dataset_id = $1",
        )
        .bind(Id(dataset_id))
        .fetch_one(&mut *conn)
        .await?;
        Ok(Change {
            dataset_id,
            version: dataset.version + 1,
            previous_count: dataset.sample_count,
            next_position,
            added: 0,
            changed: 0,
            removed: 0,
            message: message.filter(|m| !m.trim().is_empty()),
        })
    }

    /// Appends new samples with fresh ids after every existing position.
    pub(crate) async fn add(
        &mut self,
        conn: &mut Connection,
        samples: &[ValidSample],
    ) -> Result<(), DbError> {
        for batch in samples.chunks(INSERT_BATCH) {
            let rows: Vec<(Uuid, i64, &ValidSample)> = batch
                .iter()
                .enumerate()
                .map(|(i, sample)| (Uuid::now_v7(), self.next_position + i as i64, sample))
                .collect();
            insert_rows(conn, self.dataset_id, self.version, &rows).await?;
            self.next_position += batch.len() as i64;
            self.added += batch.len() as i64;
        }
        Ok(())
    }

    /// Ends the current row of a sample at this version and returns its position.
    async fn retire(&mut self, conn: &mut Connection, sample_id: Uuid) -> Result<i64, DbError> {
        sqlx::query_scalar(
            "UPDATE dataset_samples SET valid_to = $1
             WHERE dataset_id = $2 AND sample_id = $3 AND valid_to IS NULL
             RETURNING position",
        )
        .bind(self.version)
        .bind(Id(self.dataset_id))
        .bind(Id(sample_id))
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| DbError::not_found("sample", sample_id.to_string()))
    }

    /// Records the version with its summary and moves the dataset to it.
    pub(crate) async fn finish(self, conn: &mut Connection) -> Result<DatasetVersion, DbError> {
        let now = Utc::now();
        let sample_count = self.previous_count + self.added - self.removed;
        sqlx::query(
            "INSERT INTO dataset_versions
                (dataset_id, version, added, changed, removed, sample_count, message, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(Id(self.dataset_id))
        .bind(self.version)
        .bind(self.added)
        .bind(self.changed)
        .bind(self.removed)
        .bind(sample_count)
        .bind(&self.message)
        .bind(Time(now))
        .execute(&mut *conn)
        .await?;
        sqlx::query("UPDATE datasets SET version = $1, updated_at = $2 WHERE id = $3")
            .bind(self.version)
            .bind(Time(now))
            .bind(Id(self.dataset_id))
            .execute(&mut *conn)
            .await?;
        Ok(DatasetVersion {
            version: self.version,
            added: self.added,
            changed: self.changed,
            removed: self.removed,
            sample_count,
            message: self.message,
            created_at: now,
        })
    }
}

async fn insert_rows(
    conn: &mut Connection,
    dataset_id: Uuid,
    version: i64,
    rows: &[(Uuid, i64, &ValidSample)],
) -> Result<(), DbError> {
    let mut insert: Statement = Statement::new(
        "INSERT INTO dataset_samples
            (dataset_id, sample_id, position, input, expected_output, context, metadata, valid_from) ",
    );
    insert.push_values(rows, |row, (sample_id, position, sample)| {
        let fields = sample.get();
        row.push_bind(Id(dataset_id))
            .push_bind(Id(*sample_id))
            .push_bind(*position)
            .push_bind(&fields.input)
            .push_bind(&fields.expected_output)
            .push_bind(&fields.context)
            .push_bind(serde_json::to_string(&fields.metadata).expect("a JSON map serializes"))
            .push_bind(version);
    });
    insert.query().execute(conn).await?;
    Ok(())
}
