//! The typed variable rows: name, type, required, default and description per variable.

use domain::{problem::Problem, prompt::variables::VarType};
use leptos::prelude::*;

use super::state::{EditorState, VariableRow};
use crate::components::field::{FieldControl, FieldMessage};

#[component]
pub fn VariableRows(state: EditorState, errors: Signal<Option<Problem>>) -> impl IntoView {
    let rows = state.variables;
    let add = move |_| rows.update(|rows| rows.push(VariableRow::new()));
    view! {
        <fieldset class="fieldset">
            <legend>"Variables"</legend>
            <p class="field-hint">"Every variable the template reads must be declared here. Renders check values against these types."</p>
            <div class="var-rows" id="variables">
                <div class="var-row var-row-header">
                    <span>"Name"</span>
                    <span>"Type"</span>
                    <span>"Required"</span>
                    <span>"Default"</span>
                    <span>"Description"</span>
                    <span></span>
                </div>
                <For
                    each=move || rows.get().into_iter().enumerate()
                    key=|(index, row)| (row.key, *index)
                    children=move |(index, row)| view! { <VariableRowView index row rows errors /> }
                />
            </div>
            <div class="row">
                <button type="button" class="btn btn-secondary btn-small" id="add-variable" on:click=add>
                    "+ Add variable"
                </button>
                {move || rows.with(Vec::is_empty).then(|| view! {
                    <span class="muted small">"No variables: the template must not read any."</span>
                })}
            </div>
            <FieldMessage errors field="variables" />
        </fieldset>
    }
}

#[component]
fn VariableRowView(
    index: usize,
    row: VariableRow,
    rows: RwSignal<Vec<VariableRow>>,
    errors: Signal<Option<Problem>>,
) -> impl IntoView {
    let field = move |part: &str| format!("variables[{index}].{part}");
    let remove = move |_| rows.update(|rows| rows.retain(|r| r.key != row.key));
    let placeholder = move || match row.var_type.get() {
        VarType::String => "text",
        VarType::Integer => "42",
        VarType::Number => "0.5",
        VarType::Boolean => "true",
        VarType::List => "[\"a\", \"b\"]",
        VarType::Object => "{\"key\": 1}",
    };
    view! {
        <div class="var-row">
            <div>
                <FieldControl id=format!("var-name-{index}") field=field("name") errors>
                    <input class="mono" aria-label="Variable name" placeholder="name" bind:value=row.name />
                </FieldControl>
                <FieldMessage errors field=format!("variables[{index}]") />
            </div>
            <div>
                <select
                    id=format!("var-type-{index}")
                    aria-label="Variable type"
                    on:change=move |ev| {
                        if let Some(t) = VarType::ALL.into_iter().find(|t| t.as_str() == event_target_value(&ev)) {
                            row.var_type.set(t);
                        }
                    }
                >
                    {VarType::ALL.into_iter().map(|t| view! {
                        <option value=t.as_str() selected=move || row.var_type.get() == t>{t.as_str()}</option>
                    }).collect_view()}
                </select>
            </div>
            <label class="checkbox">
                <input type="checkbox" id=format!("var-required-{index}") bind:checked=row.required />
                <span class="small">"required"</span>
            </label>
            <div>
                <FieldControl id=format!("var-default-{index}") field=field("default") errors>
                    <input class="mono" aria-label="Default value" placeholder=placeholder bind:value=row.default />
                </FieldControl>
            </div>
            <div>
                <FieldControl id=format!("var-description-{index}") field=field("description") errors>
                    <input aria-label="Description" placeholder="What it holds" bind:value=row.description />
                </FieldControl>
            </div>
            <button type="button" class="btn btn-ghost btn-small" aria-label="Remove variable" on:click=remove>"✕"</button>
        </div>
    }
}
