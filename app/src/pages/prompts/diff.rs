//! The side-by-side diff of any two versions of a prompt.

use domain::prompt::{compare::VersionDiff, diff::SideBySide, record::PromptDetail};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::name_param;
use crate::{
    components::{
        alerts::LoadError,
        diff_table::{DiffStats, DiffTable},
        page_header::{Breadcrumbs, Crumb},
    },
    rpc::prompts::{diff_versions, get_prompt},
};

#[component]
pub fn PromptDiff() -> impl IntoView {
    let name = name_param();
    let prompt = Resource::new(move || name.get(), get_prompt);
    view! {
        <Title text=move || format!("Diff · {}", name.get()) />
        <Breadcrumbs crumbs=vec![
            Crumb::link("Prompts", "/prompts"),
            Crumb::link(name.get_untracked(), format!("/prompts/{}", name.get_untracked())),
            Crumb::here("Diff"),
        ] />
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || prompt.get().map(|result| match result {
                Ok(detail) => view! { <DiffView detail /> }.into_any(),
                Err(error) => view! { <LoadError error /> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn DiffView(detail: PromptDetail) -> impl IntoView {
    let query = use_query_map();
    let newest = detail
        .versions
        .first()
        .map(|v| v.version.clone())
        .unwrap_or_default();
    let second = detail
        .versions
        .get(1)
        .map(|v| v.version.clone())
        .unwrap_or_else(|| newest.clone());
    let to = Memo::new(move |_| query.read().get("to").unwrap_or_else(|| newest.clone()));
    let from = Memo::new(move |_| query.read().get("from").unwrap_or_else(|| second.clone()));
    let name = detail.name.clone();
    let diff = Resource::new(
        move || (name.clone(), from.get(), to.get()),
        |(name, from, to)| diff_versions(name, from, to),
    );
    let navigate = use_navigate();
    let base = format!("/prompts/{}/diff", detail.name);
    let go = move |from: String, to: String| {
        navigate(&format!("{base}?from={from}&to={to}"), Default::default())
    };
    let go_from = go.clone();
    let options = detail
        .versions
        .iter()
        .map(|v| v.version.clone())
        .collect::<Vec<_>>();
    let options_to = options.clone();
    view! {
        <header class="page-header">
            <div>
                <h1>"Compare versions of " {detail.name.clone()}</h1>
                <p class="page-subtitle">"Template, variables and model settings, side by side with changed words highlighted."</p>
            </div>
        </header>
        <div class="toolbar">
            <label class="small muted" for="diff-from">"Base"</label>
            <select id="diff-from" class="pill-select" on:change=move |ev| go_from(event_target_value(&ev), to.get_untracked())>
                {options.into_iter().map(|v| version_option(v, from)).collect_view()}
            </select>
            <span class="muted">"→"</span>
            <label class="small muted" for="diff-to">"Compared"</label>
            <select id="diff-to" class="pill-select" on:change=move |ev| go(from.get_untracked(), event_target_value(&ev))>
                {options_to.into_iter().map(|v| version_option(v, to)).collect_view()}
            </select>
        </div>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || diff.get().map(|result| match result {
                Ok(diff) => view! { <DiffSections diff /> }.into_any(),
                Err(error) => view! { <LoadError error /> }.into_any(),
            })}
        </Transition>
    }
}

fn version_option(version: String, chosen: Memo<String>) -> impl IntoView {
    let value = version.clone();
    let label = version.clone();
    view! { <option value=value selected=move || chosen.get() == version>{label}</option> }
}

#[component]
fn DiffSections(diff: VersionDiff) -> impl IntoView {
    let identical = diff.is_identical();
    let VersionDiff {
        from,
        to,
        template,
        variables,
        model_config,
    } = diff;
    let section = move |title: &'static str, id: &'static str, body: SideBySide| {
        let (from, to) = (from.clone(), to.clone());
        view! {
            <section class="card" id=id>
                <div class="card-header">
                    <h2>{title}</h2>
                    <DiffStats added=body.added removed=body.removed />
                </div>
                <div class="card-body flush">
                    <div class="diff-header"><span class="mono">{from}</span><span class="mono">{to}</span></div>
                    <DiffTable diff=body />
                </div>
            </section>
        }
    };
    view! {
        <div class="stack">
            {identical.then(|| view! { <div class="alert alert-info">"The two versions are identical."</div> })}
            {section("Template", "diff-template", template)}
            {section("Variables", "diff-variables", variables)}
            {section("Model settings", "diff-model", model_config)}
        </div>
    }
}
