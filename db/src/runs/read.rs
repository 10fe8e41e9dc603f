//! Reading runs, their lists and filters, and their per-sample results.

use std::collections::{HashMap, HashSet};

use domain::eval::{
    record::{ResultFilter, ResultPage, Run, RunFilter},
    result::SampleResult,
    status::RunStatus,
};
use uuid::Uuid;

use super::rows::{RESULT_SELECT, RUN_SELECT, ResultRow, ResultTexts, RunRow, ScoredRow};
use super::score_sheet;
use crate::DbError;
use crate::store::{Backend, Connection, Flag, Id, Pool, Statement, sql_for};

pub async fn get(pool: &Pool, id: Uuid) -> Result<Run, DbError> {
    let mut conn = pool.acquire().await?;
    fetch(&mut conn, id).await
}

pub(crate) async fn fetch(conn: &mut Connection, id: Uuid) -> Result<Run, DbError> {
    sqlx::query_as::<_, RunRow>(&format!("{RUN_SELECT} WHERE r.id = $1"))
        .bind(Id(id))
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| DbError::not_found("run", id.to_string()))?
        .try_into()
}

/// (status, queued) of a run, for the transitions.
pub(crate) async fn status_of(
    conn: &mut Connection,
    id: Uuid,
) -> Result<(RunStatus, bool), DbError> {
    let row: Option<(String, Flag)> =
        sqlx::query_as("SELECT status, queued_at IS NOT NULL FROM runs WHERE id = $1")
            .bind(Id(id))
            .fetch_optional(conn)
            .await?;
    let (status, Flag(queued)) = row.ok_or_else(|| DbError::not_found("run", id.to_string()))?;
    let status = RunStatus::parse(&status).ok_or(DbError::Invalid {
        column: "runs.status",
    })?;
    Ok((status, queued))
}

/// Runs newest first. Dataset and prompt match by name (or id for the dataset); model matches
/// the model name or the endpoint name.
pub async fn list(pool: &Pool, filter: &RunFilter, limit: i64) -> Result<Vec<Run>, DbError> {
    let mut query: Statement = Statement::new(RUN_SELECT);
    query.push(" WHERE 1 = 1");
    if let Some(status) = filter.status {
        query.push(" AND r.status = ").push_bind(status.as_str());
    }
    if let Some(dataset) = &filter.dataset {
        query
            .push(" AND (d.name = ")
            .push_bind(dataset.clone())
            .push(" OR d.id = ")
            .push_bind(dataset.clone())
            .push(")");
    }
    if let Some(prompt) = &filter.prompt {
        query.push(" AND p.name = ").push_bind(prompt.clone());
    }
    if let Some(model) = &filter.model {
        query
            .push(" AND (r.model_name = ")
            .push_bind(model.clone())
            .push(" OR e.name = ")
            .push_bind(model.clone())
            .push(")");
    }
    query
        .push(" ORDER BY r.created_at DESC, r.id DESC LIMIT ")
        .push_bind(limit);
    let rows: Vec<RunRow> = query.query_as().fetch_all(pool).await?;
    rows.into_iter().map(Run::try_from).collect()
}

pub async fn count(pool: &Pool) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM runs")
        .fetch_one(pool)
        .await?)
}

fn filter_clause(filter: ResultFilter) -> &'static str {
    match filter {
        ResultFilter::All => "",
        ResultFilter::Failed => " AND NOT passed",
        ResultFilter::Errored => " AND errored",
    }
}

/// One page of a run's results in dataset order.
pub async fn results(
    pool: &Pool,
    run_id: Uuid,
    filter: ResultFilter,
    offset: i64,
    limit: i64,
) -> Result<ResultPage, DbError> {
    let mut conn = pool.acquire().await?;
    status_of(&mut conn, run_id).await?;
    let clause = filter_clause(filter);
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM run_results WHERE run_id = $1{clause}"
    ))
    .bind(Id(run_id))
    .fetch_one(&mut *conn)
    .await?;
    let rows: Vec<ResultRow> = sqlx::query_as(&format!(
        "{RESULT_SELECT} WHERE run_id = $1{clause} ORDER BY position LIMIT $2 OFFSET $3"
    ))
    .bind(Id(run_id))
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    Ok(ResultPage {
        run_id,
        filter,
        offset,
        limit,
        total,
        results: rows
            .into_iter()
            .map(SampleResult::try_from)
            .collect::<Result<_, _>>()?,
    })
}

/// Every result of a run in dataset order, for its summary.
pub async fn all_results(pool: &Pool, run_id: Uuid) -> Result<Vec<SampleResult>, DbError> {
    let rows: Vec<ResultRow> = sqlx::query_as(&format!(
        "{RESULT_SELECT} WHERE run_id = $1 ORDER BY position"
    ))
    .bind(Id(run_id))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(SampleResult::try_from).collect()
}

/// Every result of a run in dataset order **without its texts**: input, expected output and
/// output are empty and the rendered prompt is absent. This is all a comparison computes on;
/// [`result_texts`] then fetches the texts of the samples it lists. A completed run's come from
/// its score sheet, other runs' from the result rows.
pub async fn scored_results(pool: &Pool, run_id: Uuid) -> Result<Vec<SampleResult>, DbError> {
    let mut conn = pool.acquire().await?;
    match score_sheet::read(&mut conn, run_id).await? {
        Some(results) => Ok(results),
        None => scored_rows(&mut conn, run_id).await,
    }
}

/// [`scored_results`] read from the result rows.
pub(crate) async fn scored_rows(
    conn: &mut Connection,
    run_id: Uuid,
) -> Result<Vec<SampleResult>, DbError> {
    // The database assembles the rows as one JSON array, which serde reads in one pass: half
    // the time of decoding ten thousand rows one by one through the driver.
    let sql = sql_for!(Backend::of_connection(conn), |b| {
        let row = b.json_array(&format!(
            "sample_id, position, passed, errored, error, {}, latency_ms, prompt_tokens,
             completion_tokens, attempts, finished_at",
            b.json_value("scores")
        ));
        format!(
            "SELECT {} FROM run_results WHERE run_id = $1",
            b.json_array_agg(&row, "position")
        )
    });
    let json: String = sqlx::query_scalar(sql)
        .bind(Id(run_id))
        .fetch_one(conn)
        .await?;
    let rows: Vec<ScoredRow> =
        serde_json::from_str(&json).map_err(DbError::corrupt("run_results"))?;
    Ok(rows.into_iter().map(SampleResult::from).collect())
}

/// (input, expected output, output) of the given samples of a run, by sample id.
pub async fn result_texts(
    pool: &Pool,
    run_id: Uuid,
    sample_ids: &[Uuid],
) -> Result<HashMap<Uuid, ResultTexts>, DbError> {
    if sample_ids.is_empty() {
        return Ok(HashMap::new());
    }
    // The ids travel as one JSON array, so any number of them is one statement and one
    // primary-key lookup each.
    let ids = serde_json::to_string(sample_ids).expect("ids serialize");
    let sql = sql_for!(Backend::of(pool), |b| format!(
        "SELECT sample_id, input, expected_output, output FROM run_results
         WHERE run_id = $1 AND sample_id IN (SELECT value FROM {})",
        b.json_text_rows("$2")
    ));
    let rows: Vec<(Id, String, String, Option<String>)> = sqlx::query_as(sql)
        .bind(Id(run_id))
        .bind(ids)
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, input, expected_output, output)| {
            let texts = ResultTexts {
                input,
                expected_output,
                output,
            };
            (id.into_uuid(), texts)
        })
        .collect())
}

/// Samples of a run that already have a result: a resumed run does not call the model for them.
pub async fn finished_samples(pool: &Pool, run_id: Uuid) -> Result<HashSet<Uuid>, DbError> {
    let ids: Vec<Id> = sqlx::query_scalar("SELECT sample_id FROM run_results WHERE run_id = $1")
        .bind(Id(run_id))
        .fetch_all(pool)
        .await?;
    Ok(ids.into_iter().map(Id::into_uuid).collect())
}
