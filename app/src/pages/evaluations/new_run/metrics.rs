//! The metric grid: a checkbox, a threshold and, for some metrics, an option per metric.

use domain::problem::Problem;
use leptos::prelude::*;

use super::{
    draft::{default_threshold, metric_option},
    form::{MetricRow, MetricRows},
};
use crate::components::field::FieldMessage;

#[component]
pub fn MetricChoices(rows: MetricRows, errors: Signal<Option<Problem>>) -> impl IntoView {
    view! {
        <fieldset class="fieldset">
            <legend>"Metrics"</legend>
            <p class="field-hint">"A sample passes when every metric with a threshold passes; a metric that cannot be computed counts as a failure. Scores run from 0 to 1; latency (ms) and tokens pass at or below their threshold."</p>
            <FieldMessage errors field="metrics" />
            <div class="metric-grid" id="metric-grid">
                {rows.iter().map(|row| view! { <MetricChoice row=*row rows errors /> }).collect_view()}
            </div>
        </fieldset>
    }
}

/// A metric's checkbox, threshold and option; field errors are matched by the metric's place
/// among the checked ones, which is its index in the request.
#[component]
fn MetricChoice(
    row: MetricRow,
    rows: MetricRows,
    errors: Signal<Option<Problem>>,
) -> impl IntoView {
    let name = row.name;
    let index = move || {
        rows.iter()
            .filter(|r| r.checked.get())
            .position(|r| r.name == name)
            .unwrap_or(usize::MAX)
    };
    let field =
        move |suffix: String| Signal::derive(move || format!("metrics[{}]{suffix}", index()));
    let toggle = move |ev| {
        let checked = event_target_checked(&ev);
        row.checked.set(checked);
        if checked && row.threshold.get_untracked().is_empty() {
            row.threshold.set(default_threshold(name).to_owned());
        }
    };
    let option = metric_option(name);
    view! {
        <div class="metric-row" data-metric=name.as_str() class:is-checked=move || row.checked.get()>
            <label class="checkbox metric-name">
                <input type="checkbox" name="metric" value=name.as_str() prop:checked=move || row.checked.get() on:change=toggle />
                <span>
                    <span class="mono">{name.as_str()}</span>
                    <span class="cell-sub">{name.description()}</span>
                </span>
            </label>
            <div class="metric-inputs">
                <input
                    class="input-sm metric-threshold"
                    aria-label=format!("{} threshold", name.as_str())
                    placeholder=if name.is_unit_score() { "threshold 0–1" } else { "max" }
                    prop:disabled=move || !row.checked.get()
                    bind:value=row.threshold
                />
                {option.map(|option| view! {
                    <input
                        class="input-sm metric-option"
                        aria-label=format!("{} option", name.as_str())
                        placeholder=option.placeholder
                        prop:disabled=move || !row.checked.get()
                        bind:value=row.option
                    />
                })}
            </div>
            <FieldMessage errors field=field(String::new()) />
            <FieldMessage errors field=field(".threshold".to_owned()) />
            {option.map(|option| view! { <FieldMessage errors field=field(format!(".{}", option.key)) /> })}
        </div>
    }
}
