//! REST handlers for datasets: create, list, read any version, change samples, import, export.

mod export;
mod import;

use axum::{
    Json, Router,
    extract::{DefaultBodyLimit, Path, State},
    http::StatusCode,
    routing::{get, post, put},
};
use domain::dataset::{
    new_dataset::NewDataset,
    record::{Dataset, DatasetVersion, Sample, SamplePage},
    sample::SampleInput,
};
use serde::{Deserialize, Serialize};
use service::{App, datasets};

use super::{
    ApiError,
    caller::ApiCaller,
    json::ApiJson,
    params::{PagedQuery, path_id},
    query::ApiQuery,
};
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
struct VersionQuery {
    version: Option<i64>,
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

async fn list(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
) -> Result<Json<DatasetList>, ApiError> {
    Ok(Json(DatasetList {
        datasets: datasets::list(&caller, &app).await?,
    }))
}

async fn create(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    ApiJson(body): ApiJson<NewDataset>,
) -> Result<(StatusCode, Json<Dataset>), ApiError> {
    let created = datasets::create(&caller, &app, body).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn show(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
) -> Result<Json<Dataset>, ApiError> {
    let id = path_id("dataset", &id)?;
    Ok(Json(datasets::get(&caller, &app, id).await?))
}

async fn versions(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
) -> Result<Json<VersionList>, ApiError> {
    let id = path_id("dataset", &id)?;
    let versions = datasets::versions(&caller, &app, id).await?;
    Ok(Json(VersionList { versions }))
}

async fn samples(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
    PagedQuery(query, page): PagedQuery<VersionQuery>,
) -> Result<Json<SamplePage>, ApiError> {
    let id = path_id("dataset", &id)?;
    Ok(Json(
        datasets::samples(&caller, &app, id, query.version, page).await?,
    ))
}

async fn add_samples(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AddSamples>,
) -> Result<(StatusCode, Json<Changed>), ApiError> {
    let id = path_id("dataset", &id)?;
    let (samples, message) = match body {
        AddSamples::Bare(samples) => (samples, None),
        AddSamples::WithMessage { samples, message } => (samples, message),
    };
    let version = datasets::add_samples(&caller, &app, id, samples, message).await?;
    let changed = Changed {
        version,
        sample: None,
    };
    Ok((StatusCode::CREATED, Json(changed)))
}

async fn edit_sample(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path((id, sample_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<EditSample>,
) -> Result<Json<Changed>, ApiError> {
    let id = path_id("dataset", &id)?;
    let sample_id = path_id("sample", &sample_id)?;
    let sample = SampleInput {
        input: body.input,
        expected_output: body.expected_output,
        context: body.context,
        metadata: body.metadata,
    };
    let (version, sample) =
        datasets::edit_sample(&caller, &app, id, sample_id, sample, body.message).await?;
    Ok(Json(Changed {
        version,
        sample: Some(sample),
    }))
}

async fn delete_sample(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path((id, sample_id)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<ChangeQuery>,
) -> Result<Json<Changed>, ApiError> {
    let id = path_id("dataset", &id)?;
    let sample_id = path_id("sample", &sample_id)?;
    let version = datasets::delete_sample(&caller, &app, id, sample_id, query.message).await?;
    Ok(Json(Changed {
        version,
        sample: None,
    }))
}
