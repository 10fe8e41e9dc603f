//! REST handlers for prompts: create, read, version, activate, label and render.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::{get, post, put},
};
use db::SqlitePool;
use domain::{
    problem::{ErrorCode, Problem},
    prompt::{
        draft::NewVersion,
        label::LabelName,
        model_config::ModelConfig,
        new_prompt::NewPrompt,
        record::{PromptDetail, PromptSummary, PromptVersion},
        render::Rendered,
        selector::VersionSelector,
        template::Template,
        variables::VariableSpec,
    },
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::sync::Arc;

use super::{ApiError, json::ApiJson};
use crate::{prompt_cache::PromptCache, startup::AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/prompts", get(list).post(create))
        .route("/prompts/{name}", get(show))
        .route("/prompts/{name}/versions", post(create_version))
        .route("/prompts/{name}/versions/{version}", get(show_version))
        .route(
            "/prompts/{name}/versions/{version}/activate",
            post(activate),
        )
        .route(
            "/prompts/{name}/labels/{label}",
            put(set_label).delete(remove_label),
        )
        .route("/prompts/{name}/render", post(render_prompt))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreatePrompt {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    version: Option<String>,
    template: Template,
    #[serde(default)]
    variables: Vec<VariableSpec>,
    #[serde(default)]
    model_config: ModelConfig,
    #[serde(default)]
    commit_message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateVersion {
    #[serde(default)]
    version: Option<String>,
    template: Template,
    #[serde(default)]
    variables: Vec<VariableSpec>,
    #[serde(default)]
    model_config: ModelConfig,
    #[serde(default)]
    commit_message: String,
    /// Make the new version the active one right away.
    #[serde(default)]
    activate: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetLabel {
    version: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RenderRequest {
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    variables: Map<String, Value>,
}

#[derive(Serialize)]
struct RenderResponse {
    name: String,
    version: String,
    #[serde(flatten)]
    output: Rendered,
    model_config: ModelConfig,
}

#[derive(Serialize)]
struct PromptList {
    prompts: Vec<PromptSummary>,
}

async fn list(State(pool): State<SqlitePool>) -> Result<Json<PromptList>, ApiError> {
    let prompts = db::prompts::list(&pool).await?;
    Ok(Json(PromptList { prompts }))
}

async fn create(
    State(pool): State<SqlitePool>,
    ApiJson(body): ApiJson<CreatePrompt>,
) -> Result<(StatusCode, Json<PromptDetail>), ApiError> {
    let valid = NewPrompt {
        name: body.name,
        description: body.description,
        first: NewVersion {
            version: body.version,
            template: body.template,
            variables: body.variables,
            model_config: body.model_config,
            commit_message: body.commit_message,
        },
    }
    .validate()?;
    let created = db::prompts::create(&pool, &valid.name, &valid.description, valid.first).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn show(
    State(pool): State<SqlitePool>,
    Path(name): Path<String>,
) -> Result<Json<PromptDetail>, ApiError> {
    Ok(Json(db::prompts::get(&pool, &name).await?))
}

async fn create_version(
    State(pool): State<SqlitePool>,
    Path(name): Path<String>,
    ApiJson(body): ApiJson<CreateVersion>,
) -> Result<(StatusCode, Json<PromptVersion>), ApiError> {
    let valid = NewVersion {
        version: body.version,
        template: body.template,
        variables: body.variables,
        model_config: body.model_config,
        commit_message: body.commit_message,
    }
    .validate()?;
    let created = db::prompts::create_version(&pool, &name, valid, body.activate).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn show_version(
    State(pool): State<SqlitePool>,
    Path((name, version)): Path<(String, String)>,
) -> Result<Json<PromptVersion>, ApiError> {
    let selector = selector_in_path(&version)?;
    Ok(Json(
        db::prompts::get_version(&pool, &name, &selector).await?,
    ))
}

async fn activate(
    State(pool): State<SqlitePool>,
    Path((name, version)): Path<(String, String)>,
) -> Result<Json<PromptVersion>, ApiError> {
    let selector = selector_in_path(&version)?;
    Ok(Json(db::prompts::activate(&pool, &name, &selector).await?))
}

async fn set_label(
    State(pool): State<SqlitePool>,
    Path((name, label)): Path<(String, String)>,
    ApiJson(body): ApiJson<SetLabel>,
) -> Result<Json<PromptVersion>, ApiError> {
    let label = LabelName::parse(&label)?;
    let selector = VersionSelector::parse(&body.version)?;
    Ok(Json(
        db::prompts::set_label(&pool, &name, &label, &selector).await?,
    ))
}

async fn remove_label(
    State(pool): State<SqlitePool>,
    Path((name, label)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let label = LabelName::parse(&label).map_err(|_| label_not_found(&label))?;
    db::prompts::remove_label(&pool, &name, &label).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn render_prompt(
    State(pool): State<SqlitePool>,
    State(cache): State<Arc<PromptCache>>,
    Path(name): Path<String>,
    ApiJson(body): ApiJson<RenderRequest>,
) -> Result<Json<RenderResponse>, ApiError> {
    let selector = match body.version.as_deref() {
        Some(raw) => VersionSelector::parse(raw)?,
        None => VersionSelector::Active,
    };
    let version = db::prompts::get_version(&pool, &name, &selector).await?;
    // Rendering runs inline: a compiled prompt renders in microseconds, and fuel stops even a
    // runaway template within tens of milliseconds.
    let output = cache.get_or_compile(&version)?.render(&body.variables)?;
    Ok(Json(RenderResponse {
        output,
        name: version.name,
        version: version.version,
        model_config: version.model_config,
    }))
}

/// A version in a URL that cannot even be parsed names nothing that exists.
fn selector_in_path(raw: &str) -> Result<VersionSelector, ApiError> {
    VersionSelector::parse(raw).map_err(|_| {
        ApiError(
            Problem::new(
                ErrorCode::NotFound,
                format!("version `{raw}` was not found"),
            )
            .with_field("version", "not found"),
        )
    })
}

fn label_not_found(label: &str) -> ApiError {
    ApiError(
        Problem::new(
            ErrorCode::NotFound,
            format!("label `{label}` was not found"),
        )
        .with_field("label", "not found"),
    )
}
