//! Model settings: the model name and the sampling parameters sent with the prompt.

use domain::problem::Problem;
use leptos::prelude::*;

use super::state::EditorState;
use crate::components::alerts::{FieldMessage, invalid};

#[component]
pub fn ModelSettings(state: EditorState, errors: Signal<Option<Problem>>) -> impl IntoView {
    let fields = state.model;
    let invalid_attr =
        move |name: &'static str| move || invalid(errors, || name.into()).to_string();
    view! {
        <fieldset class="fieldset">
            <legend>"Model settings"</legend>
            <div class="field-row">
                <div class="field">
                    <label for="model">"Model"</label>
                    <input id="model" placeholder="gpt-4o-mini" aria-invalid=invalid_attr("model_config.model") bind:value=fields.model />
                    <FieldMessage errors field="model_config.model" />
                </div>
                <div class="field">
                    <label for="temperature">"Temperature"</label>
                    <input id="temperature" type="number" step="0.1" min="0" max="2" placeholder="0.7" aria-invalid=invalid_attr("model_config.temperature") bind:value=fields.temperature />
                    <FieldMessage errors field="model_config.temperature" />
                </div>
                <div class="field">
                    <label for="max-tokens">"Max tokens"</label>
                    <input id="max-tokens" type="number" step="1" min="1" placeholder="512" aria-invalid=invalid_attr("model_config.max_tokens") bind:value=fields.max_tokens />
                    <FieldMessage errors field="model_config.max_tokens" />
                </div>
                <div class="field">
                    <label for="top-p">"Top p"</label>
                    <input id="top-p" type="number" step="0.05" min="0" max="1" placeholder="1.0" aria-invalid=invalid_attr("model_config.top_p") bind:value=fields.top_p />
                    <FieldMessage errors field="model_config.top_p" />
                </div>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="stop">"Stop sequences"</label>
                    <textarea id="stop" rows="2" placeholder="One per line" aria-invalid=invalid_attr("model_config.stop") bind:value=fields.stop></textarea>
                    <FieldMessage errors field="model_config.stop" />
                </div>
                <div class="field">
                    <label for="extra">"Other parameters (JSON object)"</label>
                    <textarea id="extra" class="mono" rows="2" placeholder="{\"presence_penalty\": 0.2}" aria-invalid=invalid_attr("model_config.extra") bind:value=fields.extra></textarea>
                    <FieldMessage errors field="model_config.extra" />
                </div>
            </div>
        </fieldset>
    }
}
