//! The prompt page: versions with the active badge and labels, activation history, labels,
//! and a render preview.

use domain::access::Role;
use domain::prompt::record::PromptDetail;
use leptos::prelude::*;

use crate::components::can::IfCan;
use leptos_meta::Title;

use super::{labels::LabelsCard, name_param, preview::PreviewForm, versions_table::VersionsTable};
use crate::{
    components::{
        alerts::{LoadError, ProblemAlert},
        page_header::{Breadcrumbs, Crumb},
        time::when,
    },
    rpc::prompts::{ActivateVersion, RemoveLabel, SetLabel, get_prompt},
};

/// The actions of this page; the prompt is fetched again after any of them ran.
#[derive(Clone, Copy)]
pub struct PromptActions {
    pub activate: ServerAction<ActivateVersion>,
    pub set_label: ServerAction<SetLabel>,
    pub remove_label: ServerAction<RemoveLabel>,
}

#[component]
pub fn PromptPage() -> impl IntoView {
    let name = name_param();
    let actions = PromptActions {
        activate: ServerAction::new(),
        set_label: ServerAction::new(),
        remove_label: ServerAction::new(),
    };
    let prompt = Resource::new(
        move || {
            (
                name.get(),
                actions.activate.version().get(),
                actions.set_label.version().get(),
                actions.remove_label.version().get(),
            )
        },
        |(name, ..)| get_prompt(name),
    );
    let action_error = move || {
        let activate = actions.activate.value().get().and_then(Result::err);
        let set = actions.set_label.value().get().and_then(Result::err);
        let remove = actions.remove_label.value().get().and_then(Result::err);
        activate.or(set).or(remove)
    };
    view! {
        <Title text=move || name.get() />
        <Breadcrumbs crumbs=vec![Crumb::link("Prompts", "/prompts"), Crumb::here(name.get_untracked())] />
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || prompt.get().map(|result| match result {
                Ok(detail) => view! { <PromptView detail actions /> }.into_any(),
                Err(error) => view! { <LoadError error /> }.into_any(),
            })}
        </Transition>
        {move || action_error().map(|error| view! { <ProblemAlert problem=error.0 /> })}
    }
}

#[component]
fn PromptView(detail: PromptDetail, actions: PromptActions) -> impl IntoView {
    let name = detail.name.clone();
    let new_version_href = format!("/prompts/{name}/versions/new");
    let compare_href = match (detail.versions.get(1), detail.versions.first()) {
        (Some(older), Some(newest)) => Some(format!(
            "/prompts/{name}/diff?from={}&to={}",
            older.version, newest.version
        )),
        _ => None,
    };
    let versions = detail.versions.clone();
    let active = detail.active_version.clone();
    view! {
        <header class="page-header">
            <div>
                <h1>
                    {detail.name.clone()} " "
                    {active.clone().map(|v| view! { <span class="badge badge-success badge-mono" id="active-badge">"active " {v}</span> })}
                </h1>
                <p class="page-subtitle">
                    {if detail.description.is_empty() { "No description.".to_string() } else { detail.description.clone() }}
                </p>
            </div>
            <div class="page-actions">
                {compare_href.map(|href| view! { <a class="btn btn-secondary" href=href id="compare-versions">"Compare versions"</a> })}
                <IfCan role=Role::Editor><a class="btn btn-primary" href=new_version_href.clone() id="new-version">"New version"</a></IfCan>
            </div>
        </header>
        <section class="card">
            <div class="card-header">
                <h2>"Versions"</h2>
                <span class="muted small">{format!("{} in all · created {}", detail.versions.len(), when(&detail.created_at))}</span>
            </div>
            <div class="card-body flush table-wrap">
                <VersionsTable name=name.clone() versions=versions.clone() active=active.clone() activate=actions.activate />
            </div>
        </section>
        <div class="grid-2">
            <LabelsCard name=name.clone() labels=detail.labels.clone() versions=versions.clone() actions />
            <section class="card">
                <div class="card-header"><h2>"Activation history"</h2></div>
                <div class="card-body">
                    <ol class="timeline" id="activation-history">
                        {detail.activations.iter().map(|a| view! {
                            <li>
                                <div class="timeline-title">
                                    "Activated " <span class="mono">{a.version.clone()}</span>
                                    {a.previous_version.clone().map(|p| view! { <span class="muted">" (was " <span class="mono">{p}</span> ")"</span> })}
                                </div>
                                <div class="timeline-time">
                                    {when(&a.activated_at)}
                                    {a.activated_by.clone().map(|by| view! { <span class="activated-by">" by " {by}</span> })}
                                </div>
                            </li>
                        }).collect_view()}
                    </ol>
                </div>
            </section>
        </div>
        <PreviewForm name versions initial=active />
    }
}
