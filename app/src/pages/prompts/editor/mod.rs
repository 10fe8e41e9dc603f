//! The version editor: template (text or chat), typed variable rows, model settings and commit
//! message, with each server-side error shown beside the input it names.

mod messages;
mod model;
mod state;
mod variables;

use domain::{problem::Problem, prompt::template::TemplateKind};
use leptos::prelude::*;

use crate::components::field::{Field, FieldControl};
pub use state::EditorState;

#[component]
pub fn VersionEditor(
    state: EditorState,
    #[prop(into)] errors: Signal<Option<Problem>>,
    /// Shown as the placeholder of the version input: the string derived when it is left empty.
    #[prop(into)]
    next_version: Signal<String>,
) -> impl IntoView {
    let kind = state.kind;
    view! {
        <fieldset class="fieldset">
            <legend>"Template"</legend>
            <div class="row" role="radiogroup" aria-label="Template kind">
                <label class="checkbox">
                    <input
                        type="radio"
                        name="template-kind"
                        id="kind-text"
                        prop:checked=move || kind.get() == TemplateKind::Text
                        on:change=move |_| kind.set(TemplateKind::Text)
                    />
                    "Text"
                </label>
                <label class="checkbox">
                    <input
                        type="radio"
                        name="template-kind"
                        id="kind-chat"
                        prop:checked=move || kind.get() == TemplateKind::Chat
                        on:change=move |_| kind.set(TemplateKind::Chat)
                    />
                    "Chat messages"
                </label>
                <span class="spacer"></span>
                <span class="field-hint">"Jinja syntax: " <code class="inline">"{{ variable }}"</code>", "<code class="inline">"{% if %}"</code>", "<code class="inline">"{% for %}"</code>", filters."</span>
            </div>
            {move || match kind.get() {
                TemplateKind::Text => view! {
                    <div class="field">
                        <FieldControl id="template" field="template" errors>
                            <textarea class="code" spellcheck="false" aria-label="Template" bind:value=state.text></textarea>
                        </FieldControl>
                    </div>
                }.into_any(),
                TemplateKind::Chat => view! { <messages::MessageList state errors /> }.into_any(),
            }}
        </fieldset>
        <variables::VariableRows state errors />
        <model::ModelSettings state errors />
        <fieldset class="fieldset">
            <legend>"Version"</legend>
            <div class="field-row">
                <Field id="version" label="Version string" field="version" errors hint="Semantic version; leave empty to take the one shown.">
                    <input class="mono" placeholder=move || next_version.get() bind:value=state.version />
                </Field>
                <Field id="commit-message" label="Commit message" field="commit_message" errors>
                    <input placeholder="What changed and why" bind:value=state.commit_message />
                </Field>
            </div>
        </fieldset>
    }
}
