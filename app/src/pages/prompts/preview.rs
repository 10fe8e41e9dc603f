//! The render preview: one input per declared variable, shaped by its type, and the output.

use domain::{
    problem::Problem,
    prompt::{
        record::PromptVersion,
        render::Rendered,
        variables::{VarType, VariableSpec},
    },
};
use leptos::prelude::*;
use serde_json::{Map, Value};

use crate::{
    components::{alerts::ProblemAlert, field::FieldControl},
    rpc::prompts::RenderPreview,
};

#[component]
pub fn PreviewForm(
    name: String,
    versions: Vec<PromptVersion>,
    /// The version selected at first; the newest one when absent.
    initial: Option<String>,
) -> impl IntoView {
    let first = initial
        .or_else(|| versions.first().map(|v| v.version.clone()))
        .unwrap_or_default();
    let selected = RwSignal::new(first);
    let versions = StoredValue::new(versions);
    let action = ServerAction::<RenderPreview>::new();
    let errors = Signal::derive(move || action.value().get().and_then(Result::err).map(|e| e.0));
    let version_choice = move || {
        versions.with_value(|all| all.iter().find(|v| v.version == selected.get()).cloned())
    };
    let name = StoredValue::new(name);
    view! {
        <section class="card" id="render-preview">
            <div class="card-header">
                <h2>"Render preview"</h2>
                <div class="card-actions">
                    <label class="small muted" for="preview-version">"Version"</label>
                    <select id="preview-version" class="pill-select" on:change=move |ev| selected.set(event_target_value(&ev))>
                        {versions.with_value(|all| all.iter().map(|v| {
                            let value = v.version.clone();
                            view! { <option value=value.clone() selected=move || selected.get() == value>{v.version.clone()}</option> }
                        }).collect_view())}
                    </select>
                </div>
            </div>
            <div class="card-body">
                {move || version_choice().map(|version| {
                    let inputs: Vec<(VariableSpec, RwSignal<String>)> = version
                        .variables
                        .iter()
                        .map(|spec| (spec.clone(), RwSignal::new(initial_text(spec))))
                        .collect();
                    let inputs = StoredValue::new(inputs);
                    let submit = move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        action.dispatch(RenderPreview {
                            name: name.get_value(),
                            version: selected.get_untracked(),
                            variables: inputs.with_value(|inputs| collect(inputs)),
                        });
                    };
                    view! {
                        <form class="form" id="preview-form" on:submit=submit>
                            {inputs.with_value(|inputs| {
                                if inputs.is_empty() {
                                    view! { <p class="muted small">"This version declares no variables."</p> }.into_any()
                                } else {
                                    inputs.iter().map(|(spec, value)| view! { <VariableInput spec=spec.clone() value=*value errors /> }).collect_view().into_any()
                                }
                            })}
                            <div class="form-actions">
                                <button type="submit" class="btn btn-primary" id="render-button" prop:disabled=move || action.pending().get()>"Render"</button>
                            </div>
                        </form>
                    }
                })}
                {move || action.value().get().map(|result| match result {
                    Ok(rendered) => view! { <RenderedOutput rendered /> }.into_any(),
                    Err(error) => view! { <ProblemAlert problem=error.0 /> }.into_any(),
                })}
            </div>
        </section>
    }
}

#[component]
fn VariableInput(
    spec: VariableSpec,
    value: RwSignal<String>,
    errors: Signal<Option<Problem>>,
) -> impl IntoView {
    let id = format!("preview-var-{}", spec.name);
    let control = match spec.var_type {
        VarType::String => view! { <textarea rows="2" bind:value=value></textarea> }.into_any(),
        VarType::Integer => view! { <input type="number" step="1" bind:value=value /> }.into_any(),
        VarType::Number => view! { <input type="number" step="any" bind:value=value /> }.into_any(),
        VarType::Boolean => view! {
            <select on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="" selected=move || value.get().is_empty()>"(not set)"</option>
                <option value="true" selected=move || value.get() == "true">"true"</option>
                <option value="false" selected=move || value.get() == "false">"false"</option>
            </select>
        }
        .into_any(),
        VarType::List | VarType::Object => {
            view! { <textarea class="mono" rows="3" bind:value=value></textarea> }.into_any()
        }
    };
    view! {
        <div class="field">
            <div class="field-label-row">
                <label for=id.clone()>
                    <span class="mono">{spec.name.clone()}</span>
                    {spec.required.then_some(" *")}
                </label>
                <span class="field-hint">{spec.var_type.as_str()}</span>
            </div>
            <FieldControl id field=format!("variables.{}", spec.name) errors hint=spec.description.clone()>
                {control}
            </FieldControl>
        </div>
    }
}

#[component]
fn RenderedOutput(rendered: Rendered) -> impl IntoView {
    match rendered {
        Rendered::Text { text } => view! { <pre class="preview-output" id="preview-output">{text}</pre> }.into_any(),
        Rendered::Chat { messages } => view! {
            <div class="stack" id="preview-output">
                {messages.into_iter().map(|m| view! {
                    <div>
                        <span class=format!("role role-{}", m.role.as_str())>{m.role.as_str()}</span>
                        <pre class="preview-output">{m.content}</pre>
                    </div>
                }).collect_view()}
            </div>
        }.into_any(),
    }
}

fn initial_text(spec: &VariableSpec) -> String {
    match &spec.default {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

/// Turns the inputs into typed JSON. Empty inputs are left out, so that defaults apply and
/// missing required variables are named by the server; text that does not parse as its type
/// is sent as a string so the server names it as a wrong type.
fn collect(inputs: &[(VariableSpec, RwSignal<String>)]) -> Map<String, Value> {
    inputs
        .iter()
        .filter_map(|(spec, value)| {
            let text = value.get_untracked();
            if text.is_empty() {
                return None;
            }
            let typed = match spec.var_type {
                VarType::String => Value::String(text),
                _ => serde_json::from_str(text.trim()).unwrap_or(Value::String(text)),
            };
            Some((spec.name.clone(), typed))
        })
        .collect()
}
