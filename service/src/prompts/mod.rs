//! Prompts: list, read, create, version, activate, label, render and compare versions.

pub(crate) mod cache;

use domain::problem::Problem;
use domain::prompt::{
    compare::VersionDiff,
    draft::NewVersion,
    label::LabelName,
    model_config::ModelConfig,
    new_prompt::NewPrompt,
    record::{PromptDetail, PromptSummary, PromptVersion},
    render::Rendered,
    selector::VersionSelector,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::access::audit::{self, Target};
use crate::{App, Caller, Permission};

/// A version rendered with the caller's variables, with the settings to call the model with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenderedPrompt {
    pub name: String,
    pub version: String,
    #[serde(flatten)]
    pub output: Rendered,
    pub model_config: ModelConfig,
}

pub async fn list(caller: &Caller, app: &App) -> Result<Vec<PromptSummary>, Problem> {
    caller.require(Permission::View)?;
    Ok(db::prompts::list(app.pool()).await?)
}

pub async fn get(caller: &Caller, app: &App, name: &str) -> Result<PromptDetail, Problem> {
    caller.require(Permission::View)?;
    Ok(db::prompts::get(app.pool(), name).await?)
}

pub async fn version(
    caller: &Caller,
    app: &App,
    name: &str,
    selector: &VersionSelector,
) -> Result<PromptVersion, Problem> {
    caller.require(Permission::View)?;
    Ok(db::prompts::get_version(app.pool(), name, selector).await?)
}

/// Creates a prompt and its first version, which becomes active.
pub async fn create(caller: &Caller, app: &App, new: NewPrompt) -> Result<PromptDetail, Problem> {
    caller.require(Permission::Edit)?;
    let valid = new.validate()?;
    let prompt = db::prompts::create(
        app.pool(),
        &valid.name,
        &valid.description,
        valid.first,
        by(caller),
    )
    .await?;
    audit::record(
        app,
        caller,
        "prompt.create",
        Target::new("prompt", &prompt.name, &prompt.name),
    )
    .await;
    Ok(prompt)
}

/// Adds a version (its string derived when the draft has none), active at once if `activate`.
pub async fn create_version(
    caller: &Caller,
    app: &App,
    name: &str,
    draft: NewVersion,
    activate: bool,
) -> Result<PromptVersion, Problem> {
    caller.require(Permission::Edit)?;
    let valid = draft.validate()?;
    let version =
        db::prompts::create_version(app.pool(), name, valid, activate, by(caller)).await?;
    let shown = version_name(&version);
    audit::record(
        app,
        caller,
        "prompt_version.create",
        Target::new("prompt", &version.name, &shown),
    )
    .await;
    Ok(version)
}

pub async fn activate(
    caller: &Caller,
    app: &App,
    name: &str,
    selector: &VersionSelector,
) -> Result<PromptVersion, Problem> {
    caller.require(Permission::Edit)?;
    let version = db::prompts::activate(app.pool(), name, selector, by(caller)).await?;
    let shown = version_name(&version);
    audit::record(
        app,
        caller,
        "prompt.activate",
        Target::new("prompt", &version.name, &shown),
    )
    .await;
    Ok(version)
}

pub async fn set_label(
    caller: &Caller,
    app: &App,
    name: &str,
    label: &LabelName,
    selector: &VersionSelector,
) -> Result<PromptVersion, Problem> {
    caller.require(Permission::Edit)?;
    let version = db::prompts::set_label(app.pool(), name, label, selector).await?;
    let shown = format!("{} ({label})", version_name(&version));
    audit::record(
        app,
        caller,
        "prompt.set_label",
        Target::new("prompt", &version.name, &shown),
    )
    .await;
    Ok(version)
}

pub async fn remove_label(
    caller: &Caller,
    app: &App,
    name: &str,
    label: &LabelName,
) -> Result<(), Problem> {
    caller.require(Permission::Edit)?;
    db::prompts::remove_label(app.pool(), name, label).await?;
    let shown = format!("{name} ({label})");
    audit::record(
        app,
        caller,
        "prompt.remove_label",
        Target::new("prompt", name, &shown),
    )
    .await;
    Ok(())
}

/// How the audit log names a version: `greeting@1.2.0`.
fn version_name(version: &PromptVersion) -> String {
    format!("{}@{}", version.name, version.version)
}

/// Renders a version with `variables` through the compiled-version cache. Rendering runs
/// inline: a compiled prompt renders in microseconds, and its fuel stops even a runaway
/// template within tens of milliseconds.
pub async fn render(
    caller: &Caller,
    app: &App,
    name: &str,
    selector: &VersionSelector,
    variables: &Map<String, Value>,
) -> Result<RenderedPrompt, Problem> {
    caller.require(Permission::ServeTraffic)?;
    let version = db::prompts::get_version(app.pool(), name, selector).await?;
    render_version(app, version, variables)
}

/// Renders an already loaded version (experiment serving loads it on its own path).
pub(crate) fn render_version(
    app: &App,
    version: PromptVersion,
    variables: &Map<String, Value>,
) -> Result<RenderedPrompt, Problem> {
    let output = app
        .prompt_cache()
        .get_or_compile(&version)?
        .render(variables)?;
    Ok(RenderedPrompt {
        name: version.name,
        version: version.version,
        output,
        model_config: version.model_config,
    })
}

/// What changed from one version to another.
pub async fn diff(
    caller: &Caller,
    app: &App,
    name: &str,
    from: &VersionSelector,
    to: &VersionSelector,
) -> Result<VersionDiff, Problem> {
    caller.require(Permission::View)?;
    let (old, new) = tokio::try_join!(
        db::prompts::get_version(app.pool(), name, from),
        db::prompts::get_version(app.pool(), name, to)
    )?;
    Ok(VersionDiff::between(&old, &new))
}

/// How a version's activation names who made it: as the audit log does.
fn by(caller: &Caller) -> &str {
    caller.actor().2
}
