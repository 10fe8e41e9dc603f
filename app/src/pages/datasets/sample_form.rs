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
    components::{
        alerts::ProblemAlert,
        field::Field,
        json_field::{NotAnObject, parse_json_object},
    },
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

/// Empty text means no metadata; anything else must be one JSON object.
fn parse_metadata(text: &str) -> Result<Map<String, Value>, Problem> {
    parse_json_object(text).map_err(|error| {
        let message = match error {
            NotAnObject::Syntax(error) => format!("is not valid JSON: {error}"),
            NotAnObject::OtherValue => {
                "must be a JSON object, such as {\"source\": \"support\"}".into()
            }
        };
        Problem::new(ErrorCode::ValidationFailed, "the sample is invalid")
            .with_field("metadata", message)
    })
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
    view! {
        <section class="card">
            <div class="card-header">
                <h2>{move || if editing() { "Edit sample" } else { "Add a sample" }}</h2>
                <span class="muted small">{move || if editing() { "Saving makes a new version with this sample changed." } else { "Adding makes a new version." }}</span>
            </div>
            <div class="card-body">
                <form class="form" id="sample-form" on:submit=submit>
                    {move || errors.get().map(|problem| view! { <ProblemAlert problem /> })}
                    <Field id="sample-input" label="Input" field="input" errors>
                        <textarea rows="3" node_ref=draft.input_ref bind:value=draft.input></textarea>
                    </Field>
                    <Field id="sample-expected" label="Expected output" field="expected_output" errors>
                        <textarea rows="3" bind:value=draft.expected_output></textarea>
                    </Field>
                    <div class="field-row">
                        <Field id="sample-context" label="Context" field="context" errors>
                            <textarea rows="3" bind:value=draft.context></textarea>
                        </Field>
                        <Field id="sample-metadata" label="Metadata" field="metadata" errors hint="A JSON object; leave empty for none.">
                            <textarea class="mono" rows="3" spellcheck="false" placeholder="{\"source\": \"support\"}" bind:value=draft.metadata></textarea>
                        </Field>
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
