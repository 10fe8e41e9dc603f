//! The choice to run on a schedule instead of once, with the schedule's settings.

use domain::problem::Problem;
use leptos::prelude::*;

use super::form::ScheduleInputs;
use crate::components::field::{Field, Hint};

#[component]
pub fn ScheduleFields(inputs: ScheduleInputs, errors: Signal<Option<Problem>>) -> impl IntoView {
    let ScheduleInputs {
        scheduled,
        cron,
        min_pass_rate,
        webhook_url,
    } = inputs;
    view! {
        <fieldset class="fieldset">
            <legend>"Schedule"</legend>
            <label class="checkbox">
                <input type="checkbox" id="run-scheduled" bind:checked=scheduled />
                " Run on a schedule instead of once"
            </label>
            <Show when=move || scheduled.get()>
                <p class="field-hint">"Each run takes the dataset's latest version and the prompt's active version at that moment unless you pinned them above, and is compared with the previous completed run of the schedule."</p>
                <div class="field-row">
                    <Field
                        id="schedule-cron"
                        label=view! { "Cron " <span class="muted">"(5 fields, UTC)"</span> }
                        field="cron"
                        errors
                        hint=Hint::view(view! {
                            <p class="field-hint">"minute hour day-of-month month day-of-week, e.g. "<code>"0 6 * * 1-5"</code>" at 06:00 on weekdays, "<code>"*/30 * * * *"</code>" every half hour."</p>
                        })
                    >
                        <input class="mono" placeholder="0 6 * * 1-5" bind:value=cron />
                    </Field>
                    <Field
                        id="schedule-min-pass-rate"
                        label=view! { "Minimum pass rate " <span class="muted">"(optional)"</span> }
                        field="min_pass_rate"
                        errors
                        narrow=true
                    >
                        <input placeholder="0.9 or 90%" bind:value=min_pass_rate />
                    </Field>
                </div>
                <Field
                    id="schedule-webhook"
                    label=view! { "Webhook URL " <span class="muted">"(optional)"</span> }
                    field="webhook_url"
                    errors
                    hint="Receives a JSON summary (POST) when a scheduled run regresses significantly, falls under the minimum pass rate, or fails; retried up to 5 times."
                >
                    <input type="url" placeholder="https://hooks.slack.com/services/…" bind:value=webhook_url />
                </Field>
            </Show>
        </fieldset>
    }
}
