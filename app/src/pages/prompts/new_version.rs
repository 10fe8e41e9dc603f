//! Adding a version to a prompt, starting from the active version (or `?from=` another one).

use domain::{
    problem::Problem,
    prompt::{record::PromptDetail, version::VersionString},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{
    editor::{EditorState, VersionEditor},
    name_param,
};
use crate::{
    components::{
        alerts::{LoadError, ProblemAlert},
        page_header::{Breadcrumbs, Crumb},
    },
    rpc::prompts::{CreateVersion, get_prompt},
};

#[component]
pub fn NewVersionPage() -> impl IntoView {
    let name = name_param();
    let prompt = Resource::new(move || name.get(), get_prompt);
    view! {
        <Title text=move || format!("New version of {}", name.get()) />
        <Breadcrumbs crumbs=vec![
            Crumb::link("Prompts", "/prompts"),
            Crumb::link(name.get_untracked(), format!("/prompts/{}", name.get_untracked())),
            Crumb::here("New version"),
        ] />
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || prompt.get().map(|result| match result {
                Ok(detail) => view! { <VersionForm detail /> }.into_any(),
                Err(error) => view! { <LoadError error /> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn VersionForm(detail: PromptDetail) -> impl IntoView {
    let query = use_query_map();
    let base_version = query
        .read_untracked()
        .get("from")
        .or_else(|| detail.active_version.clone());
    let base = base_version
        .as_deref()
        .and_then(|v| detail.version(v))
        .or_else(|| detail.versions.first());
    let state = EditorState::empty();
    if let Some(base) = base {
        state.load(base);
    }
    let existing: Vec<VersionString> = detail
        .versions
        .iter()
        .filter_map(|v| VersionString::parse(&v.version).ok())
        .collect();
    let next_version = VersionString::next_after(&existing).to_string();
    let name = detail.name.clone();
    let activate = RwSignal::new(false);
    let action = ServerAction::<CreateVersion>::new();
    let local_problem = RwSignal::new(None::<Problem>);
    let errors = Signal::derive(move || {
        local_problem
            .get()
            .or_else(|| action.value().get().and_then(Result::err).map(|e| e.0))
    });
    let navigate = use_navigate();
    let prompt_url = format!("/prompts/{name}");
    let cancel_url = prompt_url.clone();
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            navigate(&prompt_url, Default::default());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        local_problem.set(None);
        match state.to_draft() {
            Ok(draft) => {
                action.dispatch(CreateVersion {
                    name: name.clone(),
                    draft,
                    activate: activate.get_untracked(),
                });
            }
            Err(problem) => local_problem.set(Some(problem)),
        }
    };
    view! {
        <header class="page-header">
            <div>
                <h1>"New version of " {detail.name.clone()}</h1>
                <p class="page-subtitle">
                    {match base {
                        Some(base) => format!("Starting from version {}. Versions are immutable: saving creates {}.", base.version, next_version),
                        None => "Versions are immutable: saving creates a new one.".to_string(),
                    }}
                </p>
            </div>
        </header>
        <form class="form" id="version-form" on:submit=submit>
            {move || errors.get().map(|problem| view! { <ProblemAlert problem /> })}
            <VersionEditor state errors next_version=next_version.clone() />
            <div class="form-actions">
                <label class="checkbox">
                    <input type="checkbox" id="activate-now" bind:checked=activate />
                    "Activate this version now"
                </label>
                <span class="spacer"></span>
                <a class="btn btn-ghost" href=cancel_url>"Cancel"</a>
                <button
                    type="submit"
                    class="btn btn-primary"
                    id="save-version"
                    prop:disabled=move || action.pending().get()
                    aria-busy=move || action.pending().get().to_string()
                >
                    "Save version"
                </button>
            </div>
        </form>
    }
}
