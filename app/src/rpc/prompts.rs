//! Server functions behind the prompt pages.

use domain::prompt::{
    compare::VersionDiff,
    draft::NewVersion,
    record::{PromptDetail, PromptSummary, PromptVersion},
    render::Rendered,
};
use leptos::{prelude::*, server_fn::codec::Json};
use serde_json::{Map, Value};

use crate::AppError;

#[cfg(feature = "ssr")]
use {
    super::{app, caller, respond},
    domain::prompt::{label::LabelName, new_prompt::NewPrompt, selector::VersionSelector},
    service::prompts,
};

#[server(prefix = "/rpc", endpoint = "list_prompts")]
pub async fn list_prompts() -> Result<Vec<PromptSummary>, AppError> {
    respond(async move { Ok(prompts::list(&caller(), &app()?).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "get_prompt")]
pub async fn get_prompt(name: String) -> Result<PromptDetail, AppError> {
    respond(async move { Ok(prompts::get(&caller(), &app()?, &name).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "get_version")]
pub async fn get_version(name: String, version: String) -> Result<PromptVersion, AppError> {
    respond(async move {
        let selector = VersionSelector::parse(&version)?;
        Ok(prompts::version(&caller(), &app()?, &name, &selector).await?)
    })
    .await
}

/// Creates a prompt with its first version; returns the prompt's name.
#[server(prefix = "/rpc", endpoint = "create_prompt", input = Json)]
pub async fn create_prompt(
    name: String,
    description: String,
    first: NewVersion,
) -> Result<String, AppError> {
    respond(async move {
        let new = NewPrompt {
            name,
            description,
            first,
        };
        Ok(prompts::create(&caller(), &app()?, new).await?.name)
    })
    .await
}

/// Adds a version; returns its version string.
#[server(prefix = "/rpc", endpoint = "create_version", input = Json)]
pub async fn create_version(
    name: String,
    draft: NewVersion,
    activate: bool,
) -> Result<String, AppError> {
    respond(async move {
        let created = prompts::create_version(&caller(), &app()?, &name, draft, activate).await?;
        Ok(created.version)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "activate_version")]
pub async fn activate_version(name: String, version: String) -> Result<String, AppError> {
    respond(async move {
        let selector = VersionSelector::parse(&version)?;
        let activated = prompts::activate(&caller(), &app()?, &name, &selector).await?;
        Ok(activated.version)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "set_label")]
pub async fn set_label(name: String, label: String, version: String) -> Result<(), AppError> {
    respond(async move {
        let label = LabelName::parse(&label)?;
        let selector = VersionSelector::parse(&version)?;
        prompts::set_label(&caller(), &app()?, &name, &label, &selector).await?;
        Ok(())
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "remove_label")]
pub async fn remove_label(name: String, label: String) -> Result<(), AppError> {
    respond(async move {
        let label = LabelName::parse(&label)?;
        Ok(prompts::remove_label(&caller(), &app()?, &name, &label).await?)
    })
    .await
}

/// Renders as the REST API does (`POST /prompts/{name}/render`), through the same cache.
#[server(prefix = "/rpc", endpoint = "render_preview", input = Json)]
pub async fn render_preview(
    name: String,
    version: String,
    variables: Map<String, Value>,
) -> Result<Rendered, AppError> {
    respond(async move {
        let selector = VersionSelector::parse(&version)?;
        let rendered = prompts::render(&caller(), &app()?, &name, &selector, &variables).await?;
        Ok(rendered.output)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "diff_versions")]
pub async fn diff_versions(
    name: String,
    from: String,
    to: String,
) -> Result<VersionDiff, AppError> {
    respond(async move {
        let (from, to) = (VersionSelector::parse(&from)?, VersionSelector::parse(&to)?);
        Ok(prompts::diff(&caller(), &app()?, &name, &from, &to).await?)
    })
    .await
}
