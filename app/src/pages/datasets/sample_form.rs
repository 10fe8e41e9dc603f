//! Adding a sample, or editing one picked from the table: input, expected output, context and
//! metadata as a JSON object. Each server-side problem is shown beside the field it names.

use domain::{
    dataset::{record::Sample, sample::SampleInput},
    problem::{ErrorCode, Problem},
};
use leptos::{html::Textarea, prelude::*};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::show::DatasetActions;
use crate::{
    components::alerts::{FieldMessage, ProblemAlert, invalid},
    rpc::datasets::{AddSample, EditSample},
};

/// The form's text. It lives with the page, not the form, so it survives the refetches that
/// follow other changes (an import, a delete) while something is being typed.
#[derive(Clone, Copy)]
pub struct SampleDraft {
    /// The sample being edited; `None` while adding.
    pub editing: RwSignal<Option<Uuid>>,
    input: RwSignal<String>,
    expected_output: RwSignal<String>,
    context: RwSignal<String>,
    metadata: RwSignal<String>,
    /// A problem found before sending anything, such as metadata that is not a JSON object.
    local_problem: RwSignal<Option<Problem>>,
    input_ref: NodeRef<Textarea>,
}

impl SampleDraft {
    pub fn new() -> Self {
        SampleDraft {
            editing: RwSignal::new(None),
            input: RwSignal::new(String::new()),
            expected_output: RwSignal::new(String::new()),
            context: RwSignal::new(String::new()),
            metadata: RwSignal::new(String::new()),
            local_problem: RwSignal::new(None),
            input_ref: NodeRef::new(),
        }
    }

    /// Switches the form to editing `sample`, with its text in the fields.
    pub fn load(&self, sample: &Sample) {
        self.editing.set(Some(sample.id));
        self.input.set(sample.input.clone());
        self.expected_output.set(sample.expected_output.clone());
        self.context.set(sample.context.clone());
        self.metadata.set(if sample.metadata.is_empty() {
            String::new()
        } else {
            serde_json::to_string_pretty(&sample.metadata).unwrap_or_default()
        });
        self.local_problem.set(None);
        // The row may be far down a long table: focusing the input brings the form into view.
        if let Some(input) = self.input_ref.get_untracked() {
            let _ = input.focus();
        }
    }

    /// Empties the form and goes back to adding.
    pub fn clear(&self) {
        self.editing.set(None);
        for text in [
            self.input,
            self.expected_output,
            self.context,
            self.metadata,
        ] {
            text.set(String::new());
        }
        self.local_problem.set(None);
    }

    /// Leaves edit mode if `sample_id` is the sample being edited (it is being deleted).
    pub fn forget(&self, sample_id: Uuid) {
        if self.editing.get_untracked() == Some(sample_id) {
            self.clear();
        }
    }

    fn to_input(self) -> Result<SampleInput, Problem> {
        Ok(SampleInput {
            input: self.input.get_untracked(),
            expected_output: self.expected_output.get_untracked(),
            context: self.context.get_untracked(),
            metadata: parse_metadata(&self.metadata.get_untracked())?,
        })
    }
}

/// Empty text means no metadata; anything else must be one JSON object. Checked here because
/// the server function takes a map: other JSON could not even be sent.
fn parse_metadata(text: &str) -> Result<Map<String, Value>, Problem> {
    let invalid = |message: String| {
        Problem::new(ErrorCode::ValidationFailed, "the sample is invalid")
            .with_field("metadata", message)
    };
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(invalid(
            "must be a JSON object, such as {\"source\": \"support\"}".into(),
        )),
        Err(error) => Err(invalid(format!("is not valid JSON: {error}"))),
    }
}

#[component]
pub fn SampleForm(dataset: Uuid, draft: SampleDraft, actions: DatasetActions) -> impl IntoView {
    let editing = move || draft.editing.get().is_some();
    let errors = Signal::derive(move || {
        draft.local_problem.get().or_else(|| {
            let last = if editing() {
                actions.edit.value().get()
            } else {
                actions.add.value().get()
            };
            last.and_then(Result::err).map(|e| e.0)
        })
    });
    let pending = move || actions.add.pending().get() || actions.edit.pending().get();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        draft.local_problem.set(None);
        let sample = match draft.to_input() {
            Ok(sample) => sample,
            Err(problem) => return draft.local_problem.set(Some(problem)),
        };
        match draft.editing.get_untracked() {
            Some(sample_id) => {
                actions.edit.dispatch(EditSample {
                    id: dataset,
                    sample_id,
                    sample,
                });
            }
            None => {
                actions.add.dispatch(AddSample {
                    id: dataset,
                    sample,
                });
            }
        }
    };
    let cancel = move |_| {
        actions.forget_form_errors();
        draft.clear();
    };
    let aria_invalid =
        move |field: &'static str| move || invalid(errors, || field.into()).to_string();
    view! {
        <section class="card">
            <div class="card-header">
                <h2>{move || if editing() { "Edit sample" } else { "Add a sample" }}</h2>
                <span class="muted small">{move || if editing() { "Saving makes a new version with this sample changed." } else { "Adding makes a new version." }}</span>
            </div>
            <div class="card-body">
                <form class="form" id="sample-form" on:submit=submit>
                    {move || errors.get().map(|problem| view! { <ProblemAlert problem /> })}
                    <div class="field">
                        <label for="sample-input">"Input"</label>
                        <textarea id="sample-input" rows="3" node_ref=draft.input_ref aria-invalid=aria_invalid("input") bind:value=draft.input></textarea>
                        <FieldMessage errors field="input" />
                    </div>
                    <div class="field">
                        <label for="sample-expected">"Expected output"</label>
                        <textarea id="sample-expected" rows="3" aria-invalid=aria_invalid("expected_output") bind:value=draft.expected_output></textarea>
                        <FieldMessage errors field="expected_output" />
                    </div>
                    <div class="field-row">
                        <div class="field">
                            <label for="sample-context">"Context"</label>
                            <textarea id="sample-context" rows="3" aria-invalid=aria_invalid("context") bind:value=draft.context></textarea>
                            <FieldMessage errors field="context" />
                        </div>
                        <div class="field">
                            <label for="sample-metadata">"Metadata"</label>
                            <textarea id="sample-metadata" class="mono" rows="3" spellcheck="false" placeholder="{\"source\": \"support\"}" aria-invalid=aria_invalid("metadata") bind:value=draft.metadata></textarea>
                            <p class="field-hint">"A JSON object; leave empty for none."</p>
                            <FieldMessage errors field="metadata" />
                        </div>
                    </div>
                    <div class="form-actions">
                        {move || editing().then(|| view! { <button type="button" class="btn btn-ghost" id="cancel-edit" on:click=cancel>"Cancel"</button> })}
                        <button
                            type="submit"
                            class="btn btn-primary"
                            id="save-sample"
                            prop:disabled=pending
                            aria-busy=move || pending().to_string()
                        >
                            {move || if editing() { "Save changes" } else { "Add sample" }}
                        </button>
                    </div>
                </form>
            </div>
        </section>
    }
}
