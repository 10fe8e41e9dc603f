//! The choices of what to evaluate: a dataset and its version, a prompt and its version, and an
//! endpoint. Each list is read under a Transition, so the server waits for it and the browser
//! hydrates the same options.

use domain::problem::Problem;
use leptos::prelude::*;

use super::form::Targets;
use crate::{
    components::field::{Field, Hint},
    rpc::{
        datasets::list_datasets,
        evaluations::list_endpoints,
        prompts::{get_prompt, list_prompts},
    },
};

/// Shown in place of a list that is still loading.
fn loading_select() -> impl IntoView {
    view! { <select disabled><option>"Loading…"</option></select> }
}

/// The dataset, and its version: the latest one unless pinned. Choosing another dataset goes
/// back to its latest version.
#[component]
pub fn DatasetPicker(targets: Targets, errors: Signal<Option<Problem>>) -> impl IntoView {
    let datasets = Resource::new(|| (), |_| list_datasets());
    let Targets {
        dataset,
        dataset_version,
        ..
    } = targets;
    view! {
        <Field id="run-dataset" label="Dataset" field="dataset" errors>
            <Transition fallback=loading_select>
                {move || datasets.get().map(|list| {
                    let list = list.unwrap_or_default();
                    view! {
                        <select prop:value=move || dataset.get() on:change=move |ev| { dataset.set(event_target_value(&ev)); dataset_version.set(String::new()); }>
                            <option value="">"Choose a dataset"</option>
                            {list.into_iter().map(|d| view! {
                                <option value=d.id.to_string() data-version=d.version.to_string()>{format!("{} ({} samples, v{})", d.name, d.sample_count, d.version)}</option>
                            }).collect_view()}
                        </select>
                    }
                })}
            </Transition>
        </Field>
        <Field id="run-dataset-version" label="Version" field="dataset_version" errors narrow=true>
            <Transition fallback=|| ()>
                {move || {
                    let latest = datasets.get().and_then(Result::ok).and_then(|list| {
                        list.into_iter().find(|d| d.id.to_string() == dataset.get()).map(|d| d.version)
                    });
                    view! {
                        <select prop:value=move || dataset_version.get() on:change=move |ev| dataset_version.set(event_target_value(&ev))>
                            <option value="">{latest.map_or("latest".to_owned(), |v| format!("latest (v{v})"))}</option>
                            {latest.map(|latest| (0..=latest).rev().map(|v| view! { <option value=v.to_string()>{format!("v{v}")}</option> }).collect_view())}
                        </select>
                    }
                }}
            </Transition>
        </Field>
    }
}

/// The prompt, and its version: the active one unless pinned.
#[component]
pub fn PromptPicker(targets: Targets, errors: Signal<Option<Problem>>) -> impl IntoView {
    let prompts = Resource::new(|| (), |_| list_prompts());
    let Targets {
        prompt,
        prompt_version,
        ..
    } = targets;
    let detail = Resource::new(
        move || prompt.get(),
        |name| async move {
            if name.is_empty() {
                None
            } else {
                get_prompt(name).await.ok()
            }
        },
    );
    view! {
        <Field id="run-prompt" label="Prompt" field="prompt_name" errors>
            <Transition fallback=loading_select>
                {move || prompts.get().map(|list| {
                    let list = list.unwrap_or_default();
                    view! {
                        <select prop:value=move || prompt.get() on:change=move |ev| { prompt.set(event_target_value(&ev)); prompt_version.set(String::new()); }>
                            <option value="">"Choose a prompt"</option>
                            {list.into_iter().map(|p| view! { <option value=p.name.clone()>{p.name.clone()}</option> }).collect_view()}
                        </select>
                    }
                })}
            </Transition>
        </Field>
        <Field id="run-prompt-version" label="Version" field="prompt_version" errors narrow=true>
            <Transition fallback=|| ()>
                {move || {
                    let detail = detail.get().flatten();
                    let active = detail.as_ref().and_then(|d| d.active_version.clone());
                    view! {
                        <select prop:value=move || prompt_version.get() on:change=move |ev| prompt_version.set(event_target_value(&ev))>
                            <option value="">{active.map_or("active".to_owned(), |v| format!("active ({v})"))}</option>
                            {detail.map(|d| d.versions.into_iter().map(|v| view! { <option value=v.version.clone()>{v.version.clone()}</option> }).collect_view())}
                        </select>
                    }
                }}
            </Transition>
        </Field>
    }
}

/// The endpoint the prompts are sent to, with a link to add one when there is none.
#[component]
pub fn EndpointPicker(targets: Targets, errors: Signal<Option<Problem>>) -> impl IntoView {
    let endpoints = Resource::new(|| (), |_| list_endpoints());
    let endpoint = targets.endpoint;
    let none_yet = move || {
        endpoints.get().and_then(|list| {
            list.unwrap_or_default().is_empty().then(|| view! {
                <p class="field-hint">"No endpoints yet: "<a href="/endpoints">"add one"</a>"."</p>
            })
        })
    };
    view! {
        <Field
            id="run-endpoint"
            label="Endpoint"
            field="endpoint"
            errors
            hint=Hint::view(view! { <Transition fallback=|| ()>{none_yet}</Transition> })
        >
            <Transition fallback=loading_select>
                {move || endpoints.get().map(|list| {
                    let list = list.unwrap_or_default();
                    view! {
                        <select prop:value=move || endpoint.get() on:change=move |ev| endpoint.set(event_target_value(&ev))>
                            <option value="">"Choose an endpoint"</option>
                            {list.into_iter().map(|e| view! { <option value=e.name.clone()>{format!("{} — {} ({})", e.name, e.model, e.kind.as_str())}</option> }).collect_view()}
                        </select>
                    }
                })}
            </Transition>
        </Field>
    }
}
