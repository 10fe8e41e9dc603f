//! REST handlers for datasets: create, list, read any version, change samples, import, export.

mod export;
mod file_format;
mod import;
mod parse;

use axum::{
    Json, Router,
    extract::{DefaultBodyLimit, Path, State},
    http::StatusCode,
    routing::{get, post, put},
};
use db::SqlitePool;
use domain::{
    dataset::{
        new_dataset::NewDataset,
        record::{Dataset, DatasetVersion, Sample, SamplePage},
        sample::{SampleInput, validate_all},
    },
    problem::{ErrorCode, Problem},
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ApiError, json::ApiJson, query::ApiQuery};
use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/datasets", get(list).post(create))
        .route("/datasets/{id}", get(show))
        .route("/datasets/{id}/versions", get(versions))
        .route("/datasets/{id}/samples", get(samples).post(add_samples))
        .route(
            "/datasets/{id}/samples/{sample_id}",
            put(edit_sample).delete(delete_sample),
        )
        // Imports stream the request body, so the JSON body limit does not apply to them.
        .route(
            "/datasets/{id}/import",
            post(import::import).layer(DefaultBodyLimit::disable()),
        )
        .route("/datasets/{id}/export", get(export::export))
}

/// Samples per page when the caller does not say, and the most it may ask for.
const DEFAULT_PAGE: i64 = 50;
const MAX_PAGE: i64 = 1000;

#[derive(Serialize)]
struct DatasetList {
    datasets: Vec<Dataset>,
}

#[derive(Serialize)]
struct VersionList {
    versions: Vec<DatasetVersion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PageQuery {
    version: Option<i64>,
    #[serde(default)]
    offset: i64,
    limit: Option<i64>,
}

/// `POST .../samples` takes a bare array, or an object that also carries a version message.
#[derive(Deserialize)]
#[serde(untagged)]
enum AddSamples {
    Bare(Vec<SampleInput>),
    WithMessage {
        samples: Vec<SampleInput>,
        #[serde(default)]
        message: Option<String>,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EditSample {
    input: String,
    #[serde(default)]
    expected_output: String,
    #[serde(default)]
    context: String,
    #[serde(default)]
    metadata: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    message: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ChangeQuery {
    message: Option<String>,
}

#[derive(Serialize)]
struct Changed {
    version: DatasetVersion,
    #[serde(skip_serializing_if = "Option::is_none")]
    sample: Option<Sample>,
}

async fn list(State(pool): State<SqlitePool>) -> Result<Json<DatasetList>, ApiError> {
    Ok(Json(DatasetList {
        datasets: db::datasets::list(&pool).await?,
    }))
}

async fn create(
    State(pool): State<SqlitePool>,
    ApiJson(body): ApiJson<NewDataset>,
) -> Result<(StatusCode, Json<Dataset>), ApiError> {
    let valid = body.validate()?;
    Ok((
        StatusCode::CREATED,
        Json(db::datasets::create(&pool, &valid).await?),
    ))
}

async fn show(
    State(pool): State<SqlitePool>,
    Path(id): Path<String>,
) -> Result<Json<Dataset>, ApiError> {
    Ok(Json(db::datasets::get(&pool, dataset_id(&id)?).await?))
}

async fn versions(
    State(pool): State<SqlitePool>,
    Path(id): Path<String>,
) -> Result<Json<VersionList>, ApiError> {
    let versions = db::datasets::versions(&pool, dataset_id(&id)?).await?;
    Ok(Json(VersionList { versions }))
}

async fn samples(
    State(pool): State<SqlitePool>,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Json<SamplePage>, ApiError> {
    let limit = query.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(bad_parameter(
            "limit",
            format!("must be between 1 and {MAX_PAGE}"),
        ));
    }
    if query.offset < 0 {
        return Err(bad_parameter("offset", "must not be negative"));
    }
    let page =
        db::datasets::page(&pool, dataset_id(&id)?, query.version, query.offset, limit).await?;
    Ok(Json(page))
}

async fn add_samples(
    State(pool): State<SqlitePool>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AddSamples>,
) -> Result<(StatusCode, Json<Changed>), ApiError> {
    let (samples, message) = match body {
        AddSamples::Bare(samples) => (samples, None),
        AddSamples::WithMessage { samples, message } => (samples, message),
    };
    let valid = validate_all(samples)?;
    let version = db::datasets::add_samples(&pool, dataset_id(&id)?, &valid, message).await?;
    Ok((
        StatusCode::CREATED,
        Json(Changed {
            version,
            sample: None,
        }),
    ))
}

async fn edit_sample(
    State(pool): State<SqlitePool>,
    Path((id, sample_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<EditSample>,
) -> Result<Json<Changed>, ApiError> {
    let valid = SampleInput {
        input: body.input,
        expected_output: body.expected_output,
        context: body.context,
        metadata: body.metadata,
    }
    .validate("")
    .map_err(|details| Problem {
        code: ErrorCode::ValidationFailed,
        message: "the sample is invalid".into(),
        details,
    })?;
    let (version, sample) = db::datasets::edit_sample(
        &pool,
        dataset_id(&id)?,
        parse_sample_id(&sample_id)?,
        &valid,
        body.message,
    )
    .await?;
    Ok(Json(Changed {
        version,
        sample: Some(sample),
    }))
}

async fn delete_sample(
    State(pool): State<SqlitePool>,
    Path((id, sample_id)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<ChangeQuery>,
) -> Result<Json<Changed>, ApiError> {
    let version = db::datasets::delete_sample(
        &pool,
        dataset_id(&id)?,
        parse_sample_id(&sample_id)?,
        query.message,
    )
    .await?;
    Ok(Json(Changed {
        version,
        sample: None,
    }))
}

/// An id in a URL that is not even a UUID names nothing that exists.
fn dataset_id(raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| not_found("dataset", raw))
}

fn parse_sample_id(raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| not_found("sample", raw))
}

fn not_found(entity: &str, raw: &str) -> ApiError {
    ApiError(
        Problem::new(
            ErrorCode::NotFound,
            format!("{entity} `{raw}` was not found"),
        )
        .with_field(entity, "not found"),
    )
}

fn bad_parameter(field: &str, message: impl Into<String>) -> ApiError {
    let message = message.into();
    ApiError(
        Problem::new(ErrorCode::BadRequest, format!("{field} {message}"))
            .with_field(field, message),
    )
}
