//! Recording metric values and reading the statistics GetResults needs.
//!
//! A batch is one write transaction (`store::begin_write`): the status is checked, the values
//! are appended to `experiment_events` with one statement, and the batch's statistics, computed in memory
//! per (variant, metric), are merged into `experiment_metric_stats` and into the current
//! minute of `experiment_metric_buckets` (read, merge with Chan et al.'s formula, write). The
//! write lock serializes concurrent batches, so counts stay exact; GetResults reads only these
//! small tables and its cost does not grow with the number of events.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeZone, Utc};
use domain::experiment::{
    definition::ValidExperiment,
    observation::ValidObservation,
    record::{Bucket, Experiment, ExperimentReport, StoredStatistics},
    status::ExperimentStatus,
    sufficient::MetricStats,
};

use uuid::Uuid;

use super::read::fetch;
use super::rows::parse_status;
use crate::DbError;
use crate::store::{Backend, Connection, Id, Pool, begin_write, sql_for};

/// Width of a timeline bucket, in seconds.
const BUCKET_SECONDS: i64 = 60;

/// Appends `observations` (checked against the experiment's definition by the caller) and
/// merges them into the running statistics, all or nothing. Values may be recorded while the
/// experiment is running or paused (late events of a paused test are real); a draft,
/// completed or cancelled experiment refuses them with a `Conflict` on `status`.
/// Returns the number of values recorded.
pub async fn record_observations(
    pool: &Pool,
    id: Uuid,
    observations: &[ValidObservation],
    at: DateTime<Utc>,
) -> Result<u64, DbError> {
    // Everything that needs no lock is prepared first: the rows as one JSON array (inserted by
    // one statement that reads the array) and the batch's statistics per (variant, metric).
    let mut batch: BTreeMap<(i64, i64), MetricStats> = BTreeMap::new();
    let rows: Vec<(usize, usize, f64, Option<&str>)> = observations
        .iter()
        .map(|o| {
            batch
                .entry((o.variant_index as i64, o.metric_index as i64))
                .or_default()
                .add(o.value);
            (
                o.variant_index,
                o.metric_index,
                o.value,
                o.user_id.as_deref(),
            )
        })
        .collect();
    let json = serde_json::to_string(&rows).expect("observations serialize");
    let bucket_start = at.timestamp().div_euclid(BUCKET_SECONDS) * BUCKET_SECONDS;
    let experiment_id = Id(id);

    let mut tx = begin_write(pool, &format!("experiment:{id}")).await?;
    let status: Option<String> = sqlx::query_scalar("SELECT status FROM experiments WHERE id = $1")
        .bind(experiment_id)
        .fetch_optional(&mut *tx)
        .await?;
    let status =
        parse_status(&status.ok_or_else(|| DbError::not_found("experiment", id.to_string()))?)?;
    if !matches!(status, ExperimentStatus::Running | ExperimentStatus::Paused) {
        return Err(DbError::Conflict {
            field: "status",
            message: format!(
                "metrics can be recorded only while the experiment is running or paused; \
                 it is {status}"
            ),
        });
    }
    if observations.is_empty() {
        return Ok(0);
    }

    let insert_events = sql_for!(Backend::of(pool), |b| format!(
        "INSERT INTO experiment_events
             (experiment_id, variant_index, metric_index, value, user_id, recorded_at_ms)
         SELECT $1, CAST(j.value ->> 0 AS BIGINT), CAST(j.value ->> 1 AS BIGINT),
                CAST(j.value ->> 2 AS DOUBLE PRECISION), j.value ->> 3, $2
         FROM {}",
        b.json_rows("$3")
    ));
    sqlx::query(insert_events)
        .bind(experiment_id)
        .bind(at.timestamp_millis())
        .bind(json)
        .execute(&mut *tx)
        .await?;

    let totals: Vec<(i64, i64, i64, f64, f64)> = sqlx::query_as(
        "SELECT variant_index, metric_index, count, mean, m2
         FROM experiment_metric_stats WHERE experiment_id = $1",
    )
    .bind(experiment_id)
    .fetch_all(&mut *tx)
    .await?;
    let mut totals: BTreeMap<(i64, i64), MetricStats> = totals
        .into_iter()
        .map(|(v, m, count, mean, m2)| ((v, m), stats(count, mean, m2)))
        .collect();
    let buckets: Vec<(i64, i64, i64, f64, f64)> = sqlx::query_as(
        "SELECT variant_index, metric_index, count, mean, m2
         FROM experiment_metric_buckets WHERE experiment_id = $1 AND bucket_start = $2",
    )
    .bind(experiment_id)
    .bind(bucket_start)
    .fetch_all(&mut *tx)
    .await?;
    let mut buckets: BTreeMap<(i64, i64), MetricStats> = buckets
        .into_iter()
        .map(|(v, m, count, mean, m2)| ((v, m), stats(count, mean, m2)))
        .collect();

    for ((variant, metric), added) in &batch {
        let total = totals.entry((*variant, *metric)).or_default();
        total.merge(added);
        sqlx::query(
            "INSERT INTO experiment_metric_stats
                 (experiment_id, variant_index, metric_index, count, mean, m2)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (experiment_id, variant_index, metric_index) DO UPDATE
                 SET count = excluded.count, mean = excluded.mean, m2 = excluded.m2",
        )
        .bind(experiment_id)
        .bind(variant)
        .bind(metric)
        .bind(total.count as i64)
        .bind(total.mean)
        .bind(total.m2)
        .execute(&mut *tx)
        .await?;

        let bucket = buckets.entry((*variant, *metric)).or_default();
        bucket.merge(added);
        sqlx::query(
            "INSERT INTO experiment_metric_buckets
                 (experiment_id, metric_index, variant_index, bucket_start, count, mean, m2)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (experiment_id, metric_index, variant_index, bucket_start) DO UPDATE
                 SET count = excluded.count, mean = excluded.mean, m2 = excluded.m2",
        )
        .bind(experiment_id)
        .bind(metric)
        .bind(variant)
        .bind(bucket_start)
        .bind(bucket.count as i64)
        .bind(bucket.mean)
        .bind(bucket.m2)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(observations.len() as u64)
}

fn stats(count: i64, mean: f64, m2: f64) -> MetricStats {
    MetricStats {
        count: count.max(0) as u64,
        mean,
        m2,
    }
}

/// The running statistics, exposure counters and target-metric buckets of one experiment:
/// a handful of rows per variant and metric, plus one per minute that recorded values.
pub async fn stored_statistics(
    conn: &mut Connection,
    id: Uuid,
    definition: &ValidExperiment,
) -> Result<StoredStatistics, DbError> {
    let variants = definition.variants.len();
    let metrics = definition.metrics.len();
    let mut stored = StoredStatistics {
        stats: vec![vec![MetricStats::new(); metrics]; variants],
        exposures: vec![0; variants],
        target_buckets: Vec::new(),
    };
    let rows: Vec<(i64, i64, i64, f64, f64)> = sqlx::query_as(
        "SELECT variant_index, metric_index, count, mean, m2
         FROM experiment_metric_stats WHERE experiment_id = $1",
    )
    .bind(Id(id))
    .fetch_all(&mut *conn)
    .await?;
    for (v, m, count, mean, m2) in rows {
        if let Some(cell) = stored
            .stats
            .get_mut(v as usize)
            .and_then(|row| row.get_mut(m as usize))
        {
            *cell = stats(count, mean, m2);
        }
    }
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT variant_index, count FROM experiment_exposure_counts WHERE experiment_id = $1",
    )
    .bind(Id(id))
    .fetch_all(&mut *conn)
    .await?;
    for (v, count) in rows {
        if let Some(cell) = stored.exposures.get_mut(v as usize) {
            *cell = count.max(0) as u64;
        }
    }
    let rows: Vec<(i64, i64, i64, f64, f64)> = sqlx::query_as(
        "SELECT variant_index, bucket_start, count, mean, m2
         FROM experiment_metric_buckets WHERE experiment_id = $1 AND metric_index = $2
         ORDER BY variant_index, bucket_start",
    )
    .bind(Id(id))
    .bind(definition.target_metric as i64)
    .fetch_all(&mut *conn)
    .await?;
    stored.target_buckets = rows
        .into_iter()
        .filter_map(|(v, start, count, mean, m2)| {
            Some(Bucket {
                variant_index: usize::try_from(v).ok()?,
                start: Utc.timestamp_opt(start, 0).single()?,
                stats: stats(count, mean, m2),
            })
        })
        .collect();
    Ok(stored)
}

/// GetResults: the experiment's analysis and timeline, read in one snapshot.
pub async fn report(pool: &Pool, id: Uuid) -> Result<ExperimentReport, DbError> {
    let mut tx = pool.begin().await?;
    let experiment: Experiment = fetch(&mut tx, id).await?;
    let valid = experiment
        .to_definition()
        .validate()
        .map_err(|_| DbError::Invalid {
            column: "experiments.definition",
        })?;
    let stored = stored_statistics(&mut tx, id, &valid).await?;
    tx.commit().await?;
    Ok(ExperimentReport::build(&experiment, &valid, &stored))
}

/// Number of recorded values of an experiment (scans its events; for checks, not for results).
pub async fn event_count(pool: &Pool, id: Uuid) -> Result<i64, DbError> {
    Ok(
        sqlx::query_scalar("SELECT count(*) FROM experiment_events WHERE experiment_id = $1")
            .bind(Id(id))
            .fetch_one(pool)
            .await?,
    )
}
