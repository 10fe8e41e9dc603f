//! The version editor: template (text or chat), typed variable rows, model settings and commit
//! message, with each server-side error shown beside the input it names.

mod messages;
mod model;
mod state;
mod variables;

use domain::{problem::Problem, prompt::template::TemplateKind};
use leptos::prelude::*;

use crate::components::alerts::{FieldMessage, invalid};
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
                        <textarea
                            id="template"
                            class="code"
                            spellcheck="false"
                            aria-label="Template"
                            aria-invalid=move || invalid(errors, || "template".into()).to_string()
                            bind:value=state.text
                        ></textarea>
                        <FieldMessage errors field="template" />
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
                <div class="field">
                    <label for="version">"Version string"</label>
                    <input
                        id="version"
                        class="mono"
                        placeholder=move || next_version.get()
                        aria-invalid=move || invalid(errors, || "version".into()).to_string()
                        bind:value=state.version
                    />
                    <p class="field-hint">"Semantic version; leave empty to take the one shown."</p>
                    <FieldMessage errors field="version" />
                </div>
                <div class="field">
                    <label for="commit-message">"Commit message"</label>
                    <input
                        id="commit-message"
                        placeholder="What changed and why"
                        aria-invalid=move || invalid(errors, || "commit_message".into()).to_string()
                        bind:value=state.commit_message
                    />
                    <FieldMessage errors field="commit_message" />
                </div>
            </div>
        </fieldset>
    }
}
