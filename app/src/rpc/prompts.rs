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

#[server(prefix = "/rpc")]
pub async fn list_prompts() -> Result<Vec<PromptSummary>, AppError> {
    super::respond(async move { Ok(db::prompts::list(&super::pool()?).await?) }).await
}

#[server(prefix = "/rpc")]
pub async fn get_prompt(name: String) -> Result<PromptDetail, AppError> {
    super::respond(async move { Ok(db::prompts::get(&super::pool()?, &name).await?) }).await
}

#[server(prefix = "/rpc")]
pub async fn get_version(name: String, version: String) -> Result<PromptVersion, AppError> {
    super::respond(async move {
        let selector = domain::prompt::selector::VersionSelector::parse(&version)?;
        Ok(db::prompts::get_version(&super::pool()?, &name, &selector).await?)
    })
    .await
}

/// Creates a prompt with its first version; returns the prompt's name.
#[server(prefix = "/rpc", input = Json)]
pub async fn create_prompt(
    name: String,
    description: String,
    first: NewVersion,
) -> Result<String, AppError> {
    super::respond(async move {
        use domain::prompt::new_prompt::NewPrompt;
        let valid = NewPrompt {
            name,
            description,
            first,
        }
        .validate()?;
        let created = db::prompts::create(
            &super::pool()?,
            &valid.name,
            &valid.description,
            valid.first,
        )
        .await?;
        Ok(created.name)
    })
    .await
}

/// Adds a version; returns its version string.
#[server(prefix = "/rpc", input = Json)]
pub async fn create_version(
    name: String,
    draft: NewVersion,
    activate: bool,
) -> Result<String, AppError> {
    super::respond(async move {
        let valid = draft.validate()?;
        let created = db::prompts::create_version(&super::pool()?, &name, valid, activate).await?;
        Ok(created.version)
    })
    .await
}

#[server(prefix = "/rpc")]
pub async fn activate_version(name: String, version: String) -> Result<String, AppError> {
    super::respond(async move {
        let selector = domain::prompt::selector::VersionSelector::parse(&version)?;
        let activated = db::prompts::activate(&super::pool()?, &name, &selector).await?;
        Ok(activated.version)
    })
    .await
}

#[server(prefix = "/rpc")]
pub async fn set_label(name: String, label: String, version: String) -> Result<(), AppError> {
    super::respond(async move {
        use domain::prompt::{label::LabelName, selector::VersionSelector};
        let label = LabelName::parse(&label)?;
        let selector = VersionSelector::parse(&version)?;
        db::prompts::set_label(&super::pool()?, &name, &label, &selector).await?;
        Ok(())
    })
    .await
}

#[server(prefix = "/rpc")]
pub async fn remove_label(name: String, label: String) -> Result<(), AppError> {
    super::respond(async move {
        let label = domain::prompt::label::LabelName::parse(&label)?;
        db::prompts::remove_label(&super::pool()?, &name, &label).await?;
        Ok(())
    })
    .await
}

#[server(prefix = "/rpc", input = Json)]
pub async fn render_preview(
    name: String,
    version: String,
    variables: Map<String, Value>,
) -> Result<Rendered, AppError> {
    super::respond(async move {
        let selector = domain::prompt::selector::VersionSelector::parse(&version)?;
        let version = db::prompts::get_version(&super::pool()?, &name, &selector).await?;
        let rendered = tokio::task::spawn_blocking(move || {
            domain::prompt::render::render(&version.template, &version.variables, &variables)
        })
        .await
        .map_err(|_| AppError(domain::problem::Problem::internal()))?;
        Ok(rendered?)
    })
    .await
}

#[server(prefix = "/rpc")]
pub async fn diff_versions(
    name: String,
    from: String,
    to: String,
) -> Result<VersionDiff, AppError> {
    super::respond(async move {
        use domain::prompt::selector::VersionSelector;
        let pool = super::pool()?;
        let old = db::prompts::get_version(&pool, &name, &VersionSelector::parse(&from)?).await?;
        let new = db::prompts::get_version(&pool, &name, &VersionSelector::parse(&to)?).await?;
        Ok(VersionDiff::between(&old, &new))
    })
    .await
}
