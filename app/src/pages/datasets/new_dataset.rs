//! Creating a dataset: name, type and description. It starts empty, at version 0.

use domain::{
    dataset::{kind::DatasetType, new_dataset::NewDataset},
    problem::Problem,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use crate::{
    components::{
        alerts::ProblemAlert,
        field::Field,
        page_header::{Breadcrumbs, Crumb, PageHeader},
    },
    rpc::datasets::CreateDataset,
};

#[component]
pub fn NewDatasetPage() -> impl IntoView {
    let name = RwSignal::new(String::new());
    let dataset_type = RwSignal::new(DatasetType::ALL[0].as_str().to_string());
    let description = RwSignal::new(String::new());
    let action = ServerAction::<CreateDataset>::new();
    let errors = Signal::derive(move || action.value().get().and_then(Result::err).map(|e| e.0));
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(created)) = action.value().get() {
            navigate(&format!("/datasets/{}", created.id), Default::default());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The name is trimmed as the prompt form does; the description is trimmed by the domain.
        action.dispatch(CreateDataset {
            new: NewDataset {
                name: name.get_untracked().trim().to_string(),
                dataset_type: dataset_type.get_untracked(),
                description: description.get_untracked(),
            },
        });
    };
    view! {
        <Title text="New dataset" />
        <Breadcrumbs crumbs=vec![Crumb::link("Datasets", "/datasets"), Crumb::here("New dataset")] />
        <PageHeader title="New dataset" subtitle="It starts empty; add samples one by one or import a JSONL or CSV file." />
        <form class="form" id="dataset-form" on:submit=submit>
            {move || errors.get().map(|problem: Problem| view! { <ProblemAlert problem /> })}
            <fieldset class="fieldset">
                <legend>"Dataset"</legend>
                <div class="field-row">
                    <Field id="dataset-name" label="Name" field="name" errors hint="Letters, digits, '-', '_' and '.'.">
                        <input class="mono" placeholder="support-golden" autocomplete="off" bind:value=name />
                    </Field>
                    <Field id="dataset-type" label="Type" field="type" errors hint=TYPE_HINT>
                        <select on:change=move |ev| dataset_type.set(event_target_value(&ev))>
                            {DatasetType::ALL.into_iter().map(|kind| view! {
                                <option value=kind.as_str() selected=move || dataset_type.get() == kind.as_str()>{kind.as_str()}</option>
                            }).collect_view()}
                        </select>
                    </Field>
                </div>
                <Field id="dataset-description" label="Description" field="description" errors>
                    <textarea rows="2" placeholder="What the samples are and where they came from" bind:value=description></textarea>
                </Field>
            </fieldset>
            <div class="form-actions">
                <a class="btn btn-ghost" href="/datasets">"Cancel"</a>
                <button
                    type="submit"
                    class="btn btn-primary"
                    id="create-dataset"
                    prop:disabled=move || action.pending().get()
                    aria-busy=move || action.pending().get().to_string()
                >
                    "Create dataset"
                </button>
            </div>
        </form>
    }
}

/// What each type is for, so the choice is made knowingly.
const TYPE_HINT: &str = "golden: hand-checked answers · regression: cases that once broke · \
                         benchmark: quality, cost and speed · user: samples from real users";
