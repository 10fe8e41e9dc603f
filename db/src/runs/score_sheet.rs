//! A completed run's score sheet: the scores and flags of every result, without their texts,
//! packed into one blob when the run completes.
//!
//! A comparison needs all of this and none of the texts. Read from the result rows, the scores
//! of two 10,000-sample runs took 70-117 ms of a comparison here; unpacked from their sheets,
//! about 20 ms. Results never change once their run has finished, so a sheet cannot go
//! stale. Runs that ended before sheets existed, and runs that failed or were cancelled, have
//! none, and a sheet that cannot be unpacked is passed over: the scores are then read from the
//! rows. Completed runs without a sheet of the current format get one from [`backfill`], which
//! the worker calls for each of them when it starts.

use chrono::DateTime;
use domain::eval::result::{SampleResult, Score};
use domain::eval::status::RunStatus;
use serde::{Deserialize, Serialize};

use uuid::Uuid;

use super::read::{scored_rows, status_of};
use crate::DbError;
use crate::store::{Connection, Id, Pool, begin_write};

/// The layout of [`Entry`]. A sheet of another format is ignored (the rows are read instead),
/// so changing the layout only needs a new number here.
const FORMAT: i64 = 1;

/// One result as the sheet stores it. Every field is always written: the packed form has no
/// field names, so it cannot skip one.
#[derive(Serialize, Deserialize)]
struct Entry {
    sample_id: Uuid,
    position: i64,
    passed: bool,
    errored: bool,
    error: Option<String>,
    scores: Vec<EntryScore>,
    latency_ms: Option<u64>,
    prompt_tokens: Option<u64>,
    completion_tokens: Option<u64>,
    attempts: u32,
    /// `finished_at` as seconds and nanoseconds since the epoch: exact, and read back without
    /// parsing text.
    finished_secs: i64,
    finished_nanos: u32,
}

#[derive(Serialize, Deserialize)]
struct EntryScore {
    metric: String,
    value: Option<f64>,
    passed: Option<bool>,
    error: Option<String>,
}

/// Stores the sheet of a run from its result rows, in the caller's transaction.
pub(crate) async fn write_from_rows(conn: &mut Connection, run_id: Uuid) -> Result<(), DbError> {
    let results = scored_rows(conn, run_id).await?;
    sqlx::query(
        "INSERT INTO run_score_sheets (run_id, format, body) VALUES ($1, $2, $3)
         ON CONFLICT (run_id) DO UPDATE SET format = excluded.format, body = excluded.body",
    )
    .bind(Id(run_id))
    .bind(FORMAT)
    .bind(pack(&results))
    .execute(conn)
    .await?;
    Ok(())
}

/// The run's results without their texts, when it has a readable sheet of the current format.
pub(crate) async fn read(
    conn: &mut Connection,
    run_id: Uuid,
) -> Result<Option<Vec<SampleResult>>, DbError> {
    let body: Option<Vec<u8>> =
        sqlx::query_scalar("SELECT body FROM run_score_sheets WHERE run_id = $1 AND format = $2")
            .bind(Id(run_id))
            .bind(FORMAT)
            .fetch_optional(conn)
            .await?;
    Ok(body.and_then(|body| unpack(run_id, &body)))
}

/// Completed runs that have no sheet of the current format, oldest first.
pub async fn completed_without_sheet(pool: &Pool) -> Result<Vec<Uuid>, DbError> {
    let ids: Vec<Id> = sqlx::query_scalar(
        "SELECT r.id FROM runs r
         WHERE r.status = 'completed' AND NOT EXISTS (
             SELECT 1 FROM run_score_sheets s WHERE s.run_id = r.id AND s.format = $1)
         ORDER BY r.created_at",
    )
    .bind(FORMAT)
    .fetch_all(pool)
    .await?;
    Ok(ids.into_iter().map(Id::into_uuid).collect())
}

/// Writes the sheet of a completed run from its rows; any other run is left alone.
pub async fn backfill(pool: &Pool, run_id: Uuid) -> Result<(), DbError> {
    let mut tx = begin_write(pool, &format!("run:{run_id}")).await?;
    let (status, _) = status_of(&mut tx, run_id).await?;
    if status == RunStatus::Completed {
        write_from_rows(&mut tx, run_id).await?;
    }
    tx.commit().await?;
    Ok(())
}

fn pack(results: &[SampleResult]) -> Vec<u8> {
    let entries: Vec<Entry> = results.iter().map(Entry::from).collect();
    postcard::to_stdvec(&entries).expect("a score sheet always serializes")
}

fn unpack(run_id: Uuid, body: &[u8]) -> Option<Vec<SampleResult>> {
    let results = postcard::from_bytes::<Vec<Entry>>(body)
        .ok()
        .and_then(|entries| entries.into_iter().map(Entry::into_result).collect());
    if results.is_none() {
        tracing::warn!(run = %run_id, "unreadable score sheet: reading the rows");
    }
    results
}

impl From<&SampleResult> for Entry {
    fn from(result: &SampleResult) -> Self {
        Entry {
            sample_id: result.sample_id,
            position: result.position,
            passed: result.passed,
            errored: result.errored,
            error: result.error.clone(),
            scores: result
                .scores
                .iter()
                .map(|score| EntryScore {
                    metric: score.metric.clone(),
                    value: score.value,
                    passed: score.passed,
                    error: score.error.clone(),
                })
                .collect(),
            latency_ms: result.latency_ms,
            prompt_tokens: result.prompt_tokens,
            completion_tokens: result.completion_tokens,
            attempts: result.attempts,
            finished_secs: result.finished_at.timestamp(),
            finished_nanos: result.finished_at.timestamp_subsec_nanos(),
        }
    }
}

impl Entry {
    /// None when the time is out of range, which only a damaged sheet can hold.
    fn into_result(self) -> Option<SampleResult> {
        Some(SampleResult {
            sample_id: self.sample_id,
            position: self.position,
            input: String::new(),
            expected_output: String::new(),
            rendered: None,
            output: None,
            scores: self
                .scores
                .into_iter()
                .map(|score| Score {
                    metric: score.metric,
                    value: score.value,
                    passed: score.passed,
                    error: score.error,
                })
                .collect(),
            passed: self.passed,
            errored: self.errored,
            error: self.error,
            latency_ms: self.latency_ms,
            prompt_tokens: self.prompt_tokens,
            completion_tokens: self.completion_tokens,
            attempts: self.attempts,
            finished_at: DateTime::from_timestamp(self.finished_secs, self.finished_nanos)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;

    fn result(position: i64, scores: Vec<Score>, error: Option<&str>) -> SampleResult {
        SampleResult {
            sample_id: Uuid::now_v7(),
            position,
            input: String::new(),
            expected_output: String::new(),
            rendered: None,
            output: None,
            passed: error.is_none(),
            errored: error.is_some(),
            error: error.map(str::to_owned),
            scores,
            latency_ms: Some(12),
            prompt_tokens: None,
            completion_tokens: Some(7),
            attempts: 2,
            finished_at: Utc::now(),
        }
    }

    #[test]
    fn a_sheet_gives_back_every_field_it_packed() {
        let results = vec![
            result(
                0,
                vec![
                    Score {
                        metric: "exact_match".into(),
                        value: Some(1.0),
                        passed: Some(true),
                        error: None,
                    },
                    Score {
                        metric: "regex#2".into(),
                        value: None,
                        passed: None,
                        error: Some("no match".into()),
                    },
                ],
                None,
            ),
            result(1, Vec::new(), Some("the model timed out")),
        ];
        assert_eq!(unpack(Uuid::nil(), &pack(&results)), Some(results));
    }

    #[test]
    fn a_damaged_sheet_is_passed_over() {
        let packed = pack(&[result(0, Vec::new(), None)]);
        assert_eq!(unpack(Uuid::nil(), &packed[..packed.len() / 2]), None);
    }
}
