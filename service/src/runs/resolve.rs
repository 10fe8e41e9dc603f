//! Resolving what a run request names, and checking the dataset can feed the prompt, so that a
//! run pins everything. CreateRun and every fire of a schedule resolve the same way.

use db::{DbError, Pool};
use domain::eval::{
    bindings::Coverage,
    metric::{MetricName, MetricSpec},
    new_run::RunRequest,
};
use domain::problem::{ErrorCode, Problem};
use domain::prompt::record::PromptVersion;
use serde_json::{Map, Value};
use uuid::Uuid;

/// What a run request resolves to at one moment: everything a new run pins.
#[derive(Debug, Clone)]
pub struct ResolvedRun {
    pub name: String,
    pub dataset_id: Uuid,
    pub dataset_version: i64,
    pub prompt_version_id: Uuid,
    pub endpoint_id: Uuid,
    pub model_name: String,
    pub metrics: Vec<MetricSpec>,
    pub parameters: Map<String, Value>,
    pub total: i64,
}

impl ResolvedRun {
    /// The row to insert, queued when `queue`.
    pub fn row(&self, queue: bool) -> db::runs::NewRunRow<'_> {
        db::runs::NewRunRow {
            name: &self.name,
            dataset_id: self.dataset_id,
            dataset_version: self.dataset_version,
            prompt_version_id: self.prompt_version_id,
            endpoint_id: self.endpoint_id,
            model_name: &self.model_name,
            metrics: &self.metrics,
            parameters: &self.parameters,
            total: self.total,
            queue,
            schedule_id: None,
        }
    }
}

/// Resolves what a request names as of now (the dataset's latest version and the prompt's
/// active version when the request leaves them open) and checks the dataset can feed the
/// prompt, writing nothing. A problem names the request field at fault.
pub async fn resolve_run(pool: &Pool, request: &RunRequest) -> Result<ResolvedRun, Problem> {
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
    let prompt = resolve_prompt(pool, request).await?;
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
    Ok(ResolvedRun {
        name,
        dataset_id: dataset.id,
        dataset_version: version,
        prompt_version_id: prompt.id,
        endpoint_id: endpoint.id,
        model_name: endpoint.model,
        metrics: request.metrics.clone(),
        parameters: request.parameters.clone(),
        total,
    })
}

async fn resolve_prompt(pool: &Pool, request: &RunRequest) -> Result<PromptVersion, Problem> {
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
    pool: &Pool,
    prompt: &PromptVersion,
    dataset_id: Uuid,
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
