//! Model settings: the model name and the sampling parameters sent with the prompt.

use domain::problem::Problem;
use leptos::prelude::*;

use super::state::EditorState;
use crate::components::field::Field;

#[component]
pub fn ModelSettings(state: EditorState, errors: Signal<Option<Problem>>) -> impl IntoView {
    let fields = state.model;
    view! {
        <fieldset class="fieldset">
            <legend>"Model settings"</legend>
            <div class="field-row">
                <Field id="model" label="Model" field="model_config.model" errors>
                    <input placeholder="gpt-4o-mini" bind:value=fields.model />
                </Field>
                <Field id="temperature" label="Temperature" field="model_config.temperature" errors>
                    <input type="number" step="0.1" min="0" max="2" placeholder="0.7" bind:value=fields.temperature />
                </Field>
                <Field id="max-tokens" label="Max tokens" field="model_config.max_tokens" errors>
                    <input type="number" step="1" min="1" placeholder="512" bind:value=fields.max_tokens />
                </Field>
                <Field id="top-p" label="Top p" field="model_config.top_p" errors>
                    <input type="number" step="0.05" min="0" max="1" placeholder="1.0" bind:value=fields.top_p />
                </Field>
            </div>
            <div class="field-row">
                <Field id="stop" label="Stop sequences" field="model_config.stop" errors>
                    <textarea rows="2" placeholder="One per line" bind:value=fields.stop></textarea>
                </Field>
                <Field id="extra" label="Other parameters (JSON object)" field="model_config.extra" errors>
                    <textarea class="mono" rows="2" placeholder="{\"presence_penalty\": 0.2}" bind:value=fields.extra></textarea>
                </Field>
            </div>
        </fieldset>
    }
}
