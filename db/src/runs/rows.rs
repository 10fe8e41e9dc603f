//! Row shapes of the run tables and their conversion into domain records.

use chrono::{DateTime, Utc};
use domain::eval::{
    record::{Progress, Run},
    result::{SampleResult, Score},
    status::RunStatus,
};
use serde::Deserialize;
use sqlx::FromRow;
use uuid::Uuid;

use crate::DbError;
use crate::store::{Flag, Id, MaybeTime, Time, json_flag};

/// Columns of `RunRow`: the run with the names of what it pins.
pub(crate) const RUN_SELECT: &str = "SELECT r.id, r.name, r.dataset_id, d.name AS dataset,
        r.dataset_version, p.name AS prompt_name, v.version AS prompt_version,
        r.prompt_version_id, r.endpoint_id, e.name AS endpoint, r.model_name, r.metrics,
        r.parameters, r.status, r.total, r.done, r.passed, r.errored, r.results, r.error,
        r.schedule_id, r.check_result, r.created_at, r.queued_at, r.start_time, r.end_time
    FROM runs r
    JOIN datasets d ON d.id = r.dataset_id
    JOIN prompt_versions v ON v.id = r.prompt_version_id
    JOIN prompts p ON p.id = v.prompt_id
    JOIN endpoints e ON e.id = r.endpoint_id";

#[derive(FromRow)]
pub(crate) struct RunRow {
    id: Id,
    name: String,
    dataset_id: Id,
    dataset: String,
    dataset_version: i64,
    prompt_name: String,
    prompt_version: String,
    prompt_version_id: Id,
    endpoint_id: Id,
    endpoint: String,
    model_name: String,
    metrics: String,
    parameters: String,
    status: String,
    total: i64,
    done: i64,
    passed: i64,
    errored: i64,
    results: Option<String>,
    error: Option<String>,
    schedule_id: Option<Id>,
    check_result: Option<String>,
    #[sqlx(try_from = "Time")]
    created_at: DateTime<Utc>,
    #[sqlx(try_from = "MaybeTime")]
    queued_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeTime")]
    start_time: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeTime")]
    end_time: Option<DateTime<Utc>>,
}

impl TryFrom<RunRow> for Run {
    type Error = DbError;

    fn try_from(row: RunRow) -> Result<Self, DbError> {
        Ok(Run {
            id: row.id.into_uuid(),
            name: row.name,
            dataset_id: row.dataset_id.into_uuid(),
            dataset: row.dataset,
            dataset_version: row.dataset_version,
            prompt_name: row.prompt_name,
            prompt_version: row.prompt_version,
            prompt_version_id: row.prompt_version_id.into_uuid(),
            endpoint_id: row.endpoint_id.into_uuid(),
            endpoint: row.endpoint,
            model_name: row.model_name,
            metrics: serde_json::from_str(&row.metrics)
                .map_err(DbError::corrupt("runs.metrics"))?,
            parameters: serde_json::from_str(&row.parameters)
                .map_err(DbError::corrupt("runs.parameters"))?,
            status: RunStatus::parse(&row.status).ok_or(DbError::Invalid {
                column: "runs.status",
            })?,
            progress: Progress {
                total: row.total as u64,
                done: row.done as u64,
                passed: row.passed as u64,
                errored: row.errored as u64,
            },
            results: row
                .results
                .map(|results| serde_json::from_str(&results))
                .transpose()
                .map_err(DbError::corrupt("runs.results"))?,
            error: row.error,
            schedule_id: row.schedule_id.map(Id::into_uuid),
            check: row
                .check_result
                .map(|check| serde_json::from_str(&check))
                .transpose()
                .map_err(DbError::corrupt("runs.check_result"))?,
            created_at: row.created_at,
            queued_at: row.queued_at,
            start_time: row.start_time,
            end_time: row.end_time,
        })
    }
}

pub(crate) const RESULT_SELECT: &str = "SELECT sample_id, position, input, expected_output,
        rendered, output, scores, passed, errored, error, latency_ms, prompt_tokens,
        completion_tokens, attempts, finished_at
    FROM run_results";

#[derive(FromRow)]
pub(crate) struct ResultRow {
    sample_id: Id,
    position: i64,
    input: String,
    expected_output: String,
    rendered: Option<String>,
    output: Option<String>,
    scores: String,
    #[sqlx(try_from = "Flag")]
    passed: bool,
    #[sqlx(try_from = "Flag")]
    errored: bool,
    error: Option<String>,
    latency_ms: Option<i64>,
    prompt_tokens: Option<i64>,
    completion_tokens: Option<i64>,
    attempts: i64,
    #[sqlx(try_from = "Time")]
    finished_at: DateTime<Utc>,
}

impl TryFrom<ResultRow> for SampleResult {
    type Error = DbError;

    fn try_from(row: ResultRow) -> Result<Self, DbError> {
        Ok(SampleResult {
            sample_id: row.sample_id.into_uuid(),
            position: row.position,
            input: row.input,
            expected_output: row.expected_output,
            rendered: row
                .rendered
                .map(|rendered| serde_json::from_str(&rendered))
                .transpose()
                .map_err(DbError::corrupt("run_results.rendered"))?,
            output: row.output,
            scores: serde_json::from_str(&row.scores)
                .map_err(DbError::corrupt("run_results.scores"))?,
            passed: row.passed,
            errored: row.errored,
            error: row.error,
            latency_ms: row.latency_ms.map(|v| v as u64),
            prompt_tokens: row.prompt_tokens.map(|v| v as u64),
            completion_tokens: row.completion_tokens.map(|v| v as u64),
            attempts: row.attempts as u32,
            finished_at: row.finished_at,
        })
    }
}

/// A result without its texts, as `scored_results` reads it: one JSON array per row.
#[derive(Deserialize)]
pub(crate) struct ScoredRow(
    Uuid,
    i64,
    #[serde(deserialize_with = "json_flag")] bool,
    #[serde(deserialize_with = "json_flag")] bool,
    Option<String>,
    Vec<Score>,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    u32,
    DateTime<Utc>,
);

impl From<ScoredRow> for SampleResult {
    fn from(row: ScoredRow) -> Self {
        let ScoredRow(
            sample_id,
            position,
            passed,
            errored,
            error,
            scores,
            latency_ms,
            prompt_tokens,
            completion_tokens,
            attempts,
            finished_at,
        ) = row;
        SampleResult {
            sample_id,
            position,
            input: String::new(),
            expected_output: String::new(),
            rendered: None,
            output: None,
            scores,
            passed,
            errored,
            error,
            latency_ms,
            prompt_tokens,
            completion_tokens,
            attempts,
            finished_at,
        }
    }
}

/// The texts of one result, which [`super::read::scored_results`] leaves out.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultTexts {
    pub input: String,
    pub expected_output: String,
    pub output: Option<String>,
}
