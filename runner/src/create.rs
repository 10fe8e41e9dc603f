//! CreateRun: resolve what a request names, check the dataset can feed the prompt, and store
//! the run with everything pinned.

use db::{DbError, SqlitePool};
use domain::eval::{
    bindings::Coverage,
    metric::MetricName,
    new_run::{NewRun, RunRequest},
    record::Run,
};
use domain::problem::{ErrorCode, Problem};
use domain::prompt::record::PromptVersion;

/// Creates the run (and queues it when the request says `start`). Every name is checked before
/// anything is written; a problem names the request field at fault.
pub async fn create_run(pool: &SqlitePool, new: NewRun) -> Result<Run, Problem> {
    let request = new.validate()?;
    let dataset = db::datasets::find(pool, &request.dataset)
        .await
        .map_err(|error| {
            not_found(
                error,
                "dataset",
                format!("no dataset `{}`", request.dataset),
            )
        })?;
    let version = request.dataset_version.unwrap_or(dataset.version);
    let total = db::datasets::sample_count(pool, dataset.id, version)
        .await
        .map_err(|error| {
            not_found(
                error,
                "dataset_version",
                format!(
                    "dataset `{}` has no version {version}; its latest is {}",
                    dataset.name, dataset.version
                ),
            )
        })?;
    if total == 0 {
        return Err(Problem::new(
            ErrorCode::ValidationFailed,
            format!(
                "version {version} of dataset `{}` has no samples",
                dataset.name
            ),
        )
        .with_field("dataset_version", "has no samples"));
    }
    let prompt = resolve_prompt(pool, &request).await?;
    let endpoint = db::endpoints::find(pool, &request.endpoint)
        .await
        .map_err(|error| {
            not_found(
                error,
                "endpoint",
                format!("no endpoint `{}`", request.endpoint),
            )
        })?;
    for (index, metric) in request.metrics.iter().enumerate() {
        if let (MetricName::LlmJudge, Some(judge)) = (metric.name, &metric.judge_endpoint) {
            db::endpoints::find(pool, judge).await.map_err(|error| {
                not_found(
                    error,
                    &format!("metrics[{index}].judge_endpoint"),
                    format!("no endpoint `{judge}`"),
                )
            })?;
        }
    }
    check_coverage(pool, &prompt, dataset.id, version).await?;
    let name = request.name.clone().unwrap_or_else(|| {
        format!(
            "{}@{} on {} v{version}",
            prompt.name, prompt.version, dataset.name
        )
    });
    let run = db::runs::create(
        pool,
        &db::runs::NewRunRow {
            name: &name,
            dataset_id: dataset.id,
            dataset_version: version,
            prompt_version_id: prompt.id,
            endpoint_id: endpoint.id,
            model_name: &endpoint.model,
            metrics: &request.metrics,
            parameters: &request.parameters,
            total,
            queue: request.start,
            schedule_id: None,
        },
    )
    .await?;
    Ok(run)
}

async fn resolve_prompt(pool: &SqlitePool, request: &RunRequest) -> Result<PromptVersion, Problem> {
    match db::prompts::get_version(pool, &request.prompt_name, &request.prompt_version).await {
        Ok(version) => Ok(version),
        Err(DbError::NotFound {
            entity: "prompt", ..
        }) => Err(Problem::new(
            ErrorCode::NotFound,
            format!("no prompt `{}`", request.prompt_name),
        )
        .with_field("prompt_name", "not found")),
        Err(DbError::NotFound { .. }) => Err(Problem::new(
            ErrorCode::NotFound,
            format!(
                "prompt `{}` has no version `{}`",
                request.prompt_name, request.prompt_version
            ),
        )
        .with_field("prompt_version", "not found")),
        Err(other) => Err(other.into()),
    }
}

/// Reads every sample of the version once and refuses a prompt whose variables it cannot supply.
async fn check_coverage(
    pool: &SqlitePool,
    prompt: &PromptVersion,
    dataset_id: uuid::Uuid,
    version: i64,
) -> Result<(), Problem> {
    let mut coverage = Coverage::new(&prompt.variables);
    let (_, mut cursor) = db::datasets::SampleCursor::open(pool, dataset_id, Some(version)).await?;
    loop {
        let chunk = cursor.next_chunk().await?;
        if chunk.is_empty() {
            break;
        }
        chunk.iter().for_each(|sample| coverage.observe(sample));
    }
    let problems = coverage.problems();
    if problems.is_empty() {
        Ok(())
    } else {
        let first = problems[0].message.clone();
        Err(Problem {
            code: ErrorCode::ValidationFailed,
            message: format!("the dataset cannot supply the prompt's variables: {first}"),
            details: problems,
        })
    }
}

fn not_found(error: DbError, field: &str, message: String) -> Problem {
    match error {
        DbError::NotFound { .. } => {
            Problem::new(ErrorCode::NotFound, message).with_field(field, "not found")
        }
        other => other.into(),
    }
}
