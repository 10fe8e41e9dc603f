//! The new-run form: a dataset version, a prompt version, an endpoint, and the metrics with
//! their thresholds, run once or on a schedule. Every check happens on the server; its messages
//! appear beside the inputs.

mod draft;
mod form;
mod metrics;
mod pickers;
mod schedule;

use domain::problem::Problem;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use self::{
    draft::Submission,
    form::RunForm,
    metrics::MetricChoices,
    pickers::{DatasetPicker, EndpointPicker, PromptPicker},
    schedule::ScheduleFields,
};
use crate::{
    components::{
        alerts::ProblemAlert,
        field::Field,
        page_header::{Breadcrumbs, Crumb, PageHeader},
    },
    rpc::{evaluations::CreateRun, schedules::CreateSchedule},
};

#[component]
pub fn NewRunPage() -> impl IntoView {
    let form = RunForm::new(use_query_map().get_untracked().get("schedule").is_some());
    let scheduled = form.schedule.scheduled;
    let action = ServerAction::<CreateRun>::new();
    let schedule_action = ServerAction::<CreateSchedule>::new();
    let local_error = RwSignal::new(None::<Problem>);
    let errors = Signal::derive(move || {
        local_error.get().or_else(|| {
            let failed = if scheduled.get() {
                schedule_action.value().get().and_then(Result::err)
            } else {
                action.value().get().and_then(Result::err)
            };
            failed.map(|e| e.0)
        })
    });
    let navigate = use_navigate();
    let to_schedules = navigate.clone();
    Effect::new(move |_| {
        if let Some(Ok(run)) = action.value().get() {
            navigate(&format!("/evaluations/{}", run.id), Default::default());
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = schedule_action.value().get() {
            to_schedules("/schedules", Default::default());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form.draft().to_submission() {
            Err(problem) => local_error.set(Some(problem)),
            Ok(submission) => {
                local_error.set(None);
                match submission {
                    Submission::Run(new) => action.dispatch(CreateRun { new }),
                    Submission::Schedule(new) => schedule_action.dispatch(CreateSchedule { new }),
                };
            }
        }
    };
    view! {
        <Title text="New run" />
        <Breadcrumbs crumbs=vec![Crumb::link("Evaluations", "/evaluations"), Crumb::here("New run")] />
        <PageHeader title="New run" subtitle="Pin a dataset version and a prompt version, pick an endpoint and the metrics that decide pass or fail." />
        <form class="form" id="run-form" on:submit=submit>
            {move || errors.get().map(|problem| view! { <ProblemAlert problem /> })}
            <fieldset class="fieldset">
                <legend>"What to evaluate"</legend>
                <div class="field-row">
                    <DatasetPicker targets=form.targets errors />
                </div>
                <div class="field-row">
                    <PromptPicker targets=form.targets errors />
                </div>
                <div class="field-row">
                    <EndpointPicker targets=form.targets errors />
                    <Field
                        id="run-name"
                        label=view! { "Name " {move || (!scheduled.get()).then(|| view! { <span class="muted">"(optional)"</span> })} }
                        field="name"
                        errors
                    >
                        <input placeholder="prompt@version on dataset vN" bind:value=form.name />
                    </Field>
                </div>
            </fieldset>
            <MetricChoices rows=form.metrics errors />
            <fieldset class="fieldset">
                <legend>"Call"</legend>
                <Field
                    id="run-parameters"
                    label=view! { "Parameters " <span class="muted">"(JSON, optional)"</span> }
                    field="parameters"
                    errors
                    hint="Over the endpoint's defaults and the prompt version's model settings."
                >
                    <textarea class="mono" rows="2" placeholder="{\"temperature\": 0, \"max_tokens\": 256}" bind:value=form.parameters></textarea>
                </Field>
                <Show when=move || !scheduled.get()>
                    <label class="checkbox">
                        <input type="checkbox" id="run-start" bind:checked=form.start />
                        " Start the run now"
                    </label>
                </Show>
            </fieldset>
            <ScheduleFields inputs=form.schedule errors />
            <div class="form-actions">
                <a class="btn btn-ghost" href="/evaluations">"Cancel"</a>
                <button type="submit" class="btn btn-primary" id="create-run" prop:disabled=move || action.pending().get() || schedule_action.pending().get()>
                    {move || if scheduled.get() { "Create schedule" } else { "Create run" }}
                </button>
            </div>
        </form>
    }
}
