//! REST handlers for A/B experiments: create, list, read, the lifecycle, assignment, serving a
//! variant's prompt, recording metric values and the results. The rules live in
//! `domain::experiment`, the storage in `db::experiments`; see docs/experiments.md.

use std::sync::Arc;

use axum::{
    Json, Router,
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode, header::CONTENT_TYPE},
    routing::{get, post},
};
use chrono::Utc;
use db::{SqlitePool, experiments::Exposure};
use domain::{
    error::ValidationError,
    experiment::{
        definition::NewExperiment,
        observation::{NewObservation, check_user_id, validate_batch},
        record::{Experiment, ExperimentReport, VariantAssignment},
        serving::{Assignment, serve as serve_status},
        status::ExperimentStatus,
    },
    problem::{ErrorCode, Problem},
    prompt::{model_config::ModelConfig, render::Rendered, selector::VersionSelector},
};
use serde::{Deserialize, Serialize, de};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::{ApiError, json::ApiJson, query::ApiQuery};
use crate::{
    experiment_cache::{ExperimentCache, LoadedExperiment},
    prompt_cache::PromptCache,
    startup::AppState,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/experiments", get(list).post(create))
        .route("/experiments/{id}", get(show))
        .route("/experiments/{id}/start", post(start))
        .route("/experiments/{id}/pause", post(pause))
        .route("/experiments/{id}/complete", post(complete))
        .route("/experiments/{id}/cancel", post(cancel))
        .route("/experiments/{id}/assign", post(assign))
        .route("/experiments/{id}/serve", post(serve))
        .route("/experiments/{id}/metrics", post(record_metrics))
        .route("/experiments/{id}/results", get(results))
}

const DEFAULT_LIST: i64 = 100;
const MAX_LIST: i64 = 1000;
/// Most metric values in one request.
pub const MAX_EVENTS_PER_REQUEST: usize = 10_000;

#[derive(Serialize)]
struct ExperimentList {
    experiments: Vec<Experiment>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListQuery {
    status: Option<String>,
    limit: Option<i64>,
}

async fn list(
    State(pool): State<SqlitePool>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Json<ExperimentList>, ApiError> {
    let status = match query.status.as_deref() {
        None | Some("") => None,
        Some(raw) => {
            Some(ExperimentStatus::parse(raw).map_err(|e| bad_parameter("status", e.message))?)
        }
    };
    let limit = query.limit.unwrap_or(DEFAULT_LIST);
    if !(1..=MAX_LIST).contains(&limit) {
        return Err(bad_parameter(
            "limit",
            format!("must be between 1 and {MAX_LIST}"),
        ));
    }
    Ok(Json(ExperimentList {
        experiments: db::experiments::list(&pool, status, limit).await?,
    }))
}

async fn create(
    State(pool): State<SqlitePool>,
    ApiJson(body): ApiJson<NewExperiment>,
) -> Result<(StatusCode, Json<Experiment>), ApiError> {
    let valid = body.validate()?;
    let problems = db::experiments::prompt_problems(&pool, &valid).await?;
    if !problems.is_empty() {
        let message = format!(
            "the experiment is invalid: {} {}",
            problems[0].field, problems[0].message
        );
        return Err(ValidationError::new(message, problems).into());
    }
    let experiment = db::experiments::create(&pool, &valid).await?;
    Ok((StatusCode::CREATED, Json(experiment)))
}

async fn show(
    State(pool): State<SqlitePool>,
    Path(id): Path<String>,
) -> Result<Json<Experiment>, ApiError> {
    Ok(Json(
        db::experiments::get(&pool, experiment_id(&id)?).await?,
    ))
}

async fn start(
    State(pool): State<SqlitePool>,
    Path(id): Path<String>,
) -> Result<Json<Experiment>, ApiError> {
    Ok(Json(
        db::experiments::start(&pool, experiment_id(&id)?).await?,
    ))
}

async fn pause(
    State(pool): State<SqlitePool>,
    Path(id): Path<String>,
) -> Result<Json<Experiment>, ApiError> {
    Ok(Json(
        db::experiments::pause(&pool, experiment_id(&id)?).await?,
    ))
}

async fn cancel(
    State(pool): State<SqlitePool>,
    Path(id): Path<String>,
) -> Result<Json<Experiment>, ApiError> {
    Ok(Json(
        db::experiments::cancel(&pool, experiment_id(&id)?).await?,
    ))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct CompleteRequest {
    #[serde(default)]
    winner: Option<String>,
}

/// The body is optional: none (or `{}`) completes without a winner.
async fn complete(
    State(pool): State<SqlitePool>,
    State(cache): State<Arc<ExperimentCache>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Experiment>, ApiError> {
    let id = experiment_id(&id)?;
    let request: CompleteRequest = optional_json(&headers, &body)?.unwrap_or_default();
    let loaded = cache.load(&pool, id).await?;
    let winner = loaded
        .definition
        .winner_index(request.winner.as_deref())
        .map_err(Problem::from)?;
    Ok(Json(db::experiments::complete(&pool, id, winner).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssignRequest {
    user_id: String,
}

async fn assign(
    State(pool): State<SqlitePool>,
    State(cache): State<Arc<ExperimentCache>>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AssignRequest>,
) -> Result<Json<VariantAssignment>, ApiError> {
    let id = experiment_id(&id)?;
    check_user_id(&body.user_id).map_err(Problem::from)?;
    let assigned = assign_user(&pool, &cache, id, body.user_id).await?;
    assigned.count_exposure(&cache).await?;
    Ok(Json(assigned.into_response()))
}

/// An assignment decided but not yet counted.
struct Assigned {
    experiment: Arc<LoadedExperiment>,
    user_id: String,
    status: ExperimentStatus,
    assignment: Assignment,
    /// Inside the experiment: an exposure to count (the writer ignores all but the first of
    /// each user).
    new_exposure: bool,
}

impl Assigned {
    async fn count_exposure(&self, cache: &ExperimentCache) -> Result<(), ApiError> {
        if self.new_exposure {
            cache
                .expose(Exposure {
                    experiment_id: self.experiment.id,
                    user_id: self.user_id.clone(),
                    variant_index: self.assignment.variant_index,
                })
                .await?;
        }
        Ok(())
    }

    fn into_response(self) -> VariantAssignment {
        let variant = self.experiment.variants[self.assignment.variant_index].clone();
        VariantAssignment {
            experiment_id: self.experiment.id,
            user_id: self.user_id,
            variant_id: variant.id.clone(),
            variant,
            in_experiment: self.assignment.in_experiment,
            status: self.status,
        }
    }
}

/// GrowthBook hash v2 of the user with the experiment's seed while it runs; the control when
/// paused; the winner (or the control) when completed. Drafts and cancelled experiments
/// assign nobody.
async fn assign_user(
    pool: &SqlitePool,
    cache: &ExperimentCache,
    id: Uuid,
    user_id: String,
) -> Result<Assigned, ApiError> {
    let (experiment, state) = cache.load_with_state(pool, id).await?;
    if matches!(
        state.status,
        ExperimentStatus::Draft | ExperimentStatus::Cancelled
    ) {
        let hint = match state.status {
            ExperimentStatus::Draft => "; start it first",
            _ => "",
        };
        let message = format!(
            "users cannot be assigned in an experiment that is {}{hint}",
            state.status
        );
        return Err(ApiError(
            Problem::new(ErrorCode::Conflict, message.clone()).with_field("status", message),
        ));
    }
    // Sticky without a lookup: the split and the seed never change, so the hash gives a
    // returning user the variant they were first counted in.
    let assignment = serve_status(
        state.status,
        experiment.control_index(),
        state.winner_index,
        &experiment.seed,
        &user_id,
        &experiment.weights,
    );
    Ok(Assigned {
        new_exposure: assignment.in_experiment,
        experiment,
        user_id,
        status: state.status,
        assignment,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ServeRequest {
    user_id: String,
    #[serde(default)]
    variables: Map<String, Value>,
}

#[derive(Serialize)]
struct ServeResponse {
    #[serde(flatten)]
    assignment: VariantAssignment,
    /// The variant's prompt rendered with the variables; `null` when the variant names none.
    prompt: Option<ServedPrompt>,
    model: ModelSettings,
}

#[derive(Serialize)]
struct ServedPrompt {
    name: String,
    version: String,
    #[serde(flatten)]
    output: Rendered,
    model_config: ModelConfig,
}

/// What to call the model with: the variant's model (else the prompt version's) and the
/// prompt version's parameters overridden by the variant's.
#[derive(Serialize)]
struct ModelSettings {
    model_name: Option<String>,
    parameters: Map<String, Value>,
}

async fn serve(
    State(pool): State<SqlitePool>,
    State(cache): State<Arc<ExperimentCache>>,
    State(prompts): State<Arc<PromptCache>>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ServeRequest>,
) -> Result<Json<ServeResponse>, ApiError> {
    let id = experiment_id(&id)?;
    check_user_id(&body.user_id).map_err(Problem::from)?;
    let assigned = assign_user(&pool, &cache, id, body.user_id).await?;
    let variant = &assigned.experiment.variants[assigned.assignment.variant_index];

    let mut parameters = Map::new();
    let mut model_name = variant.model_name.clone();
    let prompt = match &variant.prompt_name {
        None => None,
        Some(name) => {
            let selector = match &variant.prompt_version {
                Some(version) => VersionSelector::parse(version).map_err(Problem::from)?,
                None => VersionSelector::Active,
            };
            let version = db::prompts::get_version(&pool, name, &selector).await?;
            let output = prompts.get_or_compile(&version)?.render(&body.variables)?;
            if let Ok(Value::Object(config)) = serde_json::to_value(&version.model_config) {
                for (key, value) in config {
                    match key.as_str() {
                        "model" => {
                            if model_name.is_none() {
                                model_name = value.as_str().map(str::to_owned);
                            }
                        }
                        "extra" => {
                            if let Value::Object(extra) = value {
                                parameters.extend(extra);
                            }
                        }
                        _ => {
                            parameters.insert(key, value);
                        }
                    }
                }
            }
            Some(ServedPrompt {
                name: version.name,
                version: version.version,
                output,
                model_config: version.model_config,
            })
        }
    };
    parameters.extend(variant.parameters.clone());

    // Counted only once the prompt rendered: a user who got an error was not served.
    assigned.count_exposure(&cache).await?;
    Ok(Json(ServeResponse {
        assignment: assigned.into_response(),
        prompt,
        model: ModelSettings {
            model_name,
            parameters,
        },
    }))
}

/// One metric value, or an array of them.
enum ObservationBody {
    One(NewObservation),
    Many(Vec<NewObservation>),
}

impl<'de> Deserialize<'de> for ObservationBody {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrMany;
        impl<'de> de::Visitor<'de> for OneOrMany {
            type Value = ObservationBody;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a metric object or an array of metric objects")
            }

            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<ObservationBody, A::Error> {
                NewObservation::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(ObservationBody::One)
            }

            fn visit_seq<A: de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<ObservationBody, A::Error> {
                let mut all = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                while let Some(observation) = seq.next_element()? {
                    all.push(observation);
                }
                Ok(ObservationBody::Many(all))
            }
        }
        deserializer.deserialize_any(OneOrMany)
    }
}

#[derive(Serialize)]
struct Recorded {
    experiment_id: Uuid,
    recorded: u64,
}

/// RecordMetric: every value is checked against the definition first and the whole request is
/// refused when any is wrong (fields named `[3].value` in an array); then the values are stored
/// with the running statistics in one transaction. Allowed while running or paused.
async fn record_metrics(
    State(pool): State<SqlitePool>,
    State(cache): State<Arc<ExperimentCache>>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ObservationBody>,
) -> Result<Json<Recorded>, ApiError> {
    let id = experiment_id(&id)?;
    if let ObservationBody::Many(all) = &body
        && all.len() > MAX_EVENTS_PER_REQUEST
    {
        let message = format!(
            "at most {MAX_EVENTS_PER_REQUEST} metric values per request; found {}",
            all.len()
        );
        return Err(ApiError(
            Problem::new(ErrorCode::PayloadTooLarge, message.clone()).with_field("body", message),
        ));
    }
    let experiment = cache.load(&pool, id).await?;
    let valid = match body {
        ObservationBody::One(observation) => vec![observation.validate(&experiment.definition)?],
        ObservationBody::Many(all) => validate_batch(all, &experiment.definition)?,
    };
    let recorded = db::experiments::record_observations(&pool, id, &valid, Utc::now()).await?;
    Ok(Json(Recorded {
        experiment_id: id,
        recorded,
    }))
}

async fn results(
    State(pool): State<SqlitePool>,
    State(cache): State<Arc<ExperimentCache>>,
    Path(id): Path<String>,
) -> Result<Json<ExperimentReport>, ApiError> {
    let id = experiment_id(&id)?;
    // Every assignment answered before this call is counted in the sample-ratio check.
    cache.flush().await;
    Ok(Json(db::experiments::report(&pool, id).await?))
}

/// An experiment id in a path; anything that is not a UUID names no experiment.
fn experiment_id(raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| not_found(raw))
}

fn not_found(raw: &str) -> ApiError {
    ApiError(
        Problem::new(
            ErrorCode::NotFound,
            format!("experiment `{raw}` was not found"),
        )
        .with_field("experiment", "not found"),
    )
}

fn bad_parameter(field: &str, message: impl Into<String>) -> ApiError {
    let message = message.into();
    ApiError(
        Problem::new(ErrorCode::BadRequest, format!("{field} {message}"))
            .with_field(field, message),
    )
}

/// A JSON body that may be absent: `None` for an empty body; otherwise it must be sent as
/// `application/json` and match `T` (a wrong field is named).
fn optional_json<T: de::DeserializeOwned>(
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Option<T>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let is_json = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().starts_with("application/json"));
    if !is_json {
        return Err(ApiError(
            Problem::new(
                ErrorCode::UnsupportedMediaType,
                "the body must be JSON sent with `Content-Type: application/json`",
            )
            .with_field("body", "expected application/json"),
        ));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_data() {
            let field = if path == "." { "body".to_owned() } else { path };
            ApiError(
                Problem::new(ErrorCode::ValidationFailed, format!("{field}: {inner}"))
                    .with_field(field, inner.to_string()),
            )
        } else {
            ApiError(
                Problem::new(
                    ErrorCode::InvalidJson,
                    format!("the body is not valid JSON: {inner}"),
                )
                .with_field("body", inner.to_string()),
            )
        }
    })?;
    deserializer.end().map_err(|error| {
        ApiError(
            Problem::new(
                ErrorCode::InvalidJson,
                format!("the body is not valid JSON: {error}"),
            )
            .with_field("body", error.to_string()),
        )
    })?;
    Ok(Some(value))
}
