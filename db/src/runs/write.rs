//! Creating runs, moving them through their states, and recording per-sample results.

use chrono::Utc;
use domain::eval::{
    metric::MetricSpec, record::Run, result::SampleResult, status::RunStatus, summary::RunSummary,
};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::read::{fetch, status_of};
use super::score_sheet;
use crate::DbError;
use crate::store::{Connection, Flag, Id, Pool, Statement, Time, begin_write};

/// Everything a new run pins, resolved and checked by the caller.
#[derive(Debug, Clone, Copy)]
pub struct NewRunRow<'a> {
    pub name: &'a str,
    pub dataset_id: Uuid,
    pub dataset_version: i64,
    pub prompt_version_id: Uuid,
    pub endpoint_id: Uuid,
    pub model_name: &'a str,
    pub metrics: &'a [MetricSpec],
    pub parameters: &'a Map<String, Value>,
    pub total: i64,
    pub queue: bool,
    pub schedule_id: Option<Uuid>,
}

pub async fn create(pool: &Pool, new: &NewRunRow<'_>) -> Result<Run, DbError> {
    let mut conn = pool.acquire().await?;
    let id = insert(&mut conn, new).await?;
    fetch(&mut conn, id).await
}

/// Inserts a new run, created now (and queued now when `new.queue`); its id.
pub(crate) async fn insert(conn: &mut Connection, new: &NewRunRow<'_>) -> Result<Uuid, DbError> {
    let now = Utc::now();
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO runs (id, name, dataset_id, dataset_version, prompt_version_id,
             endpoint_id, model_name, metrics, parameters, status, total, schedule_id,
             created_at, queued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10, $11, $12, $13)",
    )
    .bind(Id(id))
    .bind(new.name)
    .bind(Id(new.dataset_id))
    .bind(new.dataset_version)
    .bind(Id(new.prompt_version_id))
    .bind(Id(new.endpoint_id))
    .bind(new.model_name)
    .bind(serde_json::to_string(new.metrics).expect("metrics serialize"))
    .bind(Value::Object(new.parameters.clone()).to_string())
    .bind(new.total)
    .bind(new.schedule_id.map(Id))
    .bind(Time(now))
    .bind(new.queue.then_some(Time(now)))
    .execute(conn)
    .await?;
    Ok(id)
}

/// StartRun: puts a pending run in the worker's queue.
pub async fn queue(pool: &Pool, id: Uuid) -> Result<Run, DbError> {
    change_status(
        pool,
        id,
        |status, queued| status.refuse_start(queued),
        "UPDATE runs SET queued_at = $1 WHERE id = $2",
    )
    .await
}

/// CancelRun: a pending or running run stops; results already written stay.
pub async fn cancel(pool: &Pool, id: Uuid) -> Result<Run, DbError> {
    change_status(
        pool,
        id,
        |status, _| status.refuse_cancel(),
        "UPDATE runs SET status = 'cancelled', end_time = $1 WHERE id = $2",
    )
    .await
}

/// Runs `update` (binding now and the id) when `refuse` finds nothing against the run's
/// current (status, queued); otherwise a `Conflict` on `status` with its reason. Reading and
/// writing share one write transaction (`store::begin_write`), so two requests cannot both
/// pass the check.
async fn change_status(
    pool: &Pool,
    id: Uuid,
    refuse: impl FnOnce(RunStatus, bool) -> Option<String>,
    update: &str,
) -> Result<Run, DbError> {
    let mut tx = begin_write(pool, &format!("run:{id}")).await?;
    let (status, queued) = status_of(&mut tx, id).await?;
    if let Some(reason) = refuse(status, queued) {
        return Err(DbError::Conflict {
            field: "status",
            message: reason,
        });
    }
    sqlx::query(update)
        .bind(Time::now())
        .bind(Id(id))
        .execute(&mut *tx)
        .await?;
    let run = fetch(&mut tx, id).await?;
    tx.commit().await?;
    Ok(run)
}

/// Rows per INSERT statement: 16 parameters each stays below SQLite's parameter limit.
const INSERT_BATCH: usize = 50;

/// Writes results in one transaction and moves the run's counters by the rows actually
/// written: a sample that already has a result keeps its first one.
pub async fn record_results(
    pool: &Pool,
    run_id: Uuid,
    results: &[SampleResult],
) -> Result<(), DbError> {
    let mut tx = begin_write(pool, &format!("run:{run_id}")).await?;
    for batch in results.chunks(INSERT_BATCH) {
        let mut insert: Statement = Statement::new(
            "INSERT INTO run_results (run_id, sample_id, position, input,
                 expected_output, rendered, output, scores, passed, errored, error, latency_ms,
                 prompt_tokens, completion_tokens, attempts, finished_at) ",
        );
        insert.push_values(batch, |row, result| {
            row.push_bind(Id(run_id))
                .push_bind(Id(result.sample_id))
                .push_bind(result.position)
                .push_bind(&result.input)
                .push_bind(&result.expected_output)
                .push_bind(
                    result
                        .rendered
                        .as_ref()
                        .map(|r| serde_json::to_string(r).expect("rendered serializes")),
                )
                .push_bind(&result.output)
                .push_bind(serde_json::to_string(&result.scores).expect("scores serialize"))
                .push_bind(result.passed)
                .push_bind(result.errored)
                .push_bind(&result.error)
                .push_bind(result.latency_ms.map(|v| v as i64))
                .push_bind(result.prompt_tokens.and_then(|v| i64::try_from(v).ok()))
                .push_bind(result.completion_tokens.and_then(|v| i64::try_from(v).ok()))
                .push_bind(result.attempts as i64)
                .push_bind(Time(result.finished_at));
        });
        insert.push(" ON CONFLICT DO NOTHING RETURNING passed, errored");
        let written: Vec<(Flag, Flag)> = insert.query_as().fetch_all(&mut *tx).await?;
        let passed = written.iter().filter(|(passed, _)| passed.0).count() as i64;
        let errored = written.iter().filter(|(_, errored)| errored.0).count() as i64;
        sqlx::query(
            "UPDATE runs SET done = done + $1, passed = passed + $2, errored = errored + $3
             WHERE id = $4",
        )
        .bind(written.len() as i64)
        .bind(passed)
        .bind(errored)
        .bind(Id(run_id))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Marks a running run failed with nothing but its error: the last resort when [`finish`]
/// itself fails, so that no run stays `running` with nothing executing it.
pub async fn abandon(pool: &Pool, id: Uuid, error: &str) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE runs SET status = 'failed', end_time = COALESCE(end_time, $1), error = $2
         WHERE id = $3 AND status = 'running'",
    )
    .bind(Time::now())
    .bind(error)
    .bind(Id(id))
    .execute(pool)
    .await?;
    Ok(())
}

/// Ends a running run as completed or failed; a run cancelled meanwhile keeps its status but
/// gets the figures so far. A completed run gets its score sheet in the same transaction.
/// Returns the run's final state.
pub async fn finish(
    pool: &Pool,
    id: Uuid,
    status: RunStatus,
    results: Option<&RunSummary>,
    error: Option<&str>,
) -> Result<Run, DbError> {
    let results = results.map(|r| serde_json::to_string(r).expect("summary serializes"));
    let mut tx = begin_write(pool, &format!("run:{id}")).await?;
    sqlx::query(
        "UPDATE runs SET
             status = CASE WHEN status = 'running' THEN $1 ELSE status END,
             end_time = COALESCE(end_time, $2),
             results = COALESCE($3, results),
             error = CASE WHEN status = 'running' THEN $4 ELSE error END
         WHERE id = $5",
    )
    .bind(status.as_str())
    .bind(Time::now())
    .bind(results)
    .bind(error)
    .bind(Id(id))
    .execute(&mut *tx)
    .await?;
    let run = fetch(&mut tx, id).await?;
    if run.status == RunStatus::Completed {
        score_sheet::write_from_rows(&mut tx, id).await?;
    }
    tx.commit().await?;
    Ok(run)
}
