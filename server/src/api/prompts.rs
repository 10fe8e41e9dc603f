//! REST handlers for prompts: create, read, version, activate, label and render.

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::{get, post, put},
};
use domain::prompt::{
    draft::NewVersion,
    label::LabelName,
    model_config::ModelConfig,
    new_prompt::NewPrompt,
    record::{PromptDetail, PromptSummary, PromptVersion},
    selector::VersionSelector,
    template::Template,
    variables::VariableSpec,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use service::{App, prompts, prompts::RenderedPrompt};

use super::{ApiError, caller::ApiCaller, json::ApiJson, params::not_found};
use crate::startup::AppState;

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
struct PromptList {
    prompts: Vec<PromptSummary>,
}

async fn list(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
) -> Result<Json<PromptList>, ApiError> {
    let prompts = prompts::list(&caller, &app).await?;
    Ok(Json(PromptList { prompts }))
}

async fn create(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    ApiJson(body): ApiJson<CreatePrompt>,
) -> Result<(StatusCode, Json<PromptDetail>), ApiError> {
    let new = NewPrompt {
        name: body.name,
        description: body.description,
        first: NewVersion {
            version: body.version,
            template: body.template,
            variables: body.variables,
            model_config: body.model_config,
            commit_message: body.commit_message,
        },
    };
    let created = prompts::create(&caller, &app, new).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn show(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(name): Path<String>,
) -> Result<Json<PromptDetail>, ApiError> {
    Ok(Json(prompts::get(&caller, &app, &name).await?))
}

async fn create_version(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(name): Path<String>,
    ApiJson(body): ApiJson<CreateVersion>,
) -> Result<(StatusCode, Json<PromptVersion>), ApiError> {
    let draft = NewVersion {
        version: body.version,
        template: body.template,
        variables: body.variables,
        model_config: body.model_config,
        commit_message: body.commit_message,
    };
    let created = prompts::create_version(&caller, &app, &name, draft, body.activate).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn show_version(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path((name, version)): Path<(String, String)>,
) -> Result<Json<PromptVersion>, ApiError> {
    let selector = selector_in_path(&version)?;
    Ok(Json(
        prompts::version(&caller, &app, &name, &selector).await?,
    ))
}

async fn activate(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path((name, version)): Path<(String, String)>,
) -> Result<Json<PromptVersion>, ApiError> {
    let selector = selector_in_path(&version)?;
    Ok(Json(
        prompts::activate(&caller, &app, &name, &selector).await?,
    ))
}

async fn set_label(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path((name, label)): Path<(String, String)>,
    ApiJson(body): ApiJson<SetLabel>,
) -> Result<Json<PromptVersion>, ApiError> {
    let label = LabelName::parse(&label)?;
    let selector = VersionSelector::parse(&body.version)?;
    Ok(Json(
        prompts::set_label(&caller, &app, &name, &label, &selector).await?,
    ))
}

async fn remove_label(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path((name, label)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let label = LabelName::parse(&label).map_err(|_| not_found("label", &label))?;
    prompts::remove_label(&caller, &app, &name, &label).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn render_prompt(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(name): Path<String>,
    ApiJson(body): ApiJson<RenderRequest>,
) -> Result<Json<RenderedPrompt>, ApiError> {
    let selector = match body.version.as_deref() {
        Some(raw) => VersionSelector::parse(raw)?,
        None => VersionSelector::Active,
    };
    Ok(Json(
        prompts::render(&caller, &app, &name, &selector, &body.variables).await?,
    ))
}

/// A version in a URL that cannot even be parsed names nothing that exists.
fn selector_in_path(raw: &str) -> Result<VersionSelector, ApiError> {
    VersionSelector::parse(raw).map_err(|_| not_found("version", raw))
}
