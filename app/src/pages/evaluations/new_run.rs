//! The new-run form: a dataset version, a prompt version, an endpoint, and the metrics with
//! their thresholds. Every check happens on the server; its messages appear beside the inputs.

use domain::eval::{metric::MetricName, new_run::NewRun};
use domain::problem::{ErrorCode, Problem};
use domain::schedule::NewSchedule;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use serde_json::{Map, Value, json};

use crate::{
    components::{
        alerts::{FieldMessage, ProblemAlert},
        page_header::{Breadcrumbs, Crumb, PageHeader},
    },
    rpc::{
        datasets::list_datasets,
        evaluations::{CreateRun, list_endpoints},
        prompts::{get_prompt, list_prompts},
        schedules::CreateSchedule,
    },
};

/// One metric row of the form.
#[derive(Clone, Copy)]
struct MetricRow {
    name: MetricName,
    checked: RwSignal<bool>,
    threshold: RwSignal<String>,
    /// regex: pattern; contains/icontains/starts_with: value; llm_judge: rubric.
    option: RwSignal<String>,
}

impl MetricRow {
    fn new(name: MetricName) -> Self {
        MetricRow {
            name,
            checked: RwSignal::new(false),
            threshold: RwSignal::new(String::new()),
            option: RwSignal::new(String::new()),
        }
    }

    fn option_label(&self) -> Option<(&'static str, &'static str)> {
        match self.name {
            MetricName::Regex => Some(("pattern", "Pattern, e.g. ^\\d+$")),
            MetricName::Contains | MetricName::Icontains | MetricName::StartsWith => {
                Some(("value", "Text (default: expected output)"))
            }
            MetricName::LlmJudge => Some(("rubric", "What a good answer does")),
            _ => None,
        }
    }

    /// The request's metric object; a threshold that is not a number is sent as text so the
    /// server names it.
    fn to_value(self) -> Value {
        let mut metric = Map::new();
        metric.insert("name".into(), json!(self.name.as_str()));
        let threshold = self.threshold.get_untracked();
        let threshold = threshold.trim();
        if !threshold.is_empty() {
            metric.insert(
                "threshold".into(),
                threshold
                    .parse::<f64>()
                    .map_or(json!(threshold), |t| json!(t)),
            );
        }
        let option = self.option.get_untracked();
        if let Some((key, _)) = self.option_label()
            && !option.trim().is_empty()
        {
            metric.insert(key.into(), json!(option));
        }
        Value::Object(metric)
    }
}

#[component]
pub fn NewRunPage() -> impl IntoView {
    let datasets = Resource::new(|| (), |_| list_datasets());
    let prompts = Resource::new(|| (), |_| list_prompts());
    let endpoints = Resource::new(|| (), |_| list_endpoints());
    let name = RwSignal::new(String::new());
    let dataset = RwSignal::new(String::new());
    let dataset_version = RwSignal::new(String::new());
    let prompt = RwSignal::new(String::new());
    let prompt_version = RwSignal::new(String::new());
    let endpoint = RwSignal::new(String::new());
    let parameters = RwSignal::new(String::new());
    let start = RwSignal::new(true);
    let scheduled = RwSignal::new(use_query_map().get_untracked().get("schedule").is_some());
    let cron = RwSignal::new(String::new());
    let min_pass_rate = RwSignal::new(String::new());
    let webhook_url = RwSignal::new(String::new());
    let rows: Vec<MetricRow> = MetricName::ALL.into_iter().map(MetricRow::new).collect();
    let prompt_detail = Resource::new(
        move || prompt.get(),
        |name| async move {
            if name.is_empty() {
                None
            } else {
                get_prompt(name).await.ok()
            }
        },
    );
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
    let submit_rows = rows.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parameters = match parse_parameters(&parameters.get_untracked()) {
            Ok(parameters) => parameters,
            Err(problem) => return local_error.set(Some(problem)),
        };
        local_error.set(None);
        let metrics = submit_rows
            .iter()
            .filter(|row| row.checked.get_untracked())
            .map(|row| row.to_value())
            .collect();
        let version = dataset_version.get_untracked();
        if scheduled.get_untracked() {
            let min_pass_rate = match min_pass_rate.get_untracked().trim() {
                "" => None,
                raw => match raw.trim_end_matches('%').parse::<f64>() {
                    Ok(rate) if raw.ends_with('%') => Some(rate / 100.0),
                    Ok(rate) => Some(rate),
                    Err(_) => {
                        return local_error.set(Some(
                            Problem::new(
                                ErrorCode::ValidationFailed,
                                "the minimum pass rate is not a number",
                            )
                            .with_field(
                                "min_pass_rate",
                                "must be a number between 0 and 1 (or a percentage)",
                            ),
                        ));
                    }
                },
            };
            schedule_action.dispatch(CreateSchedule {
                new: NewSchedule {
                    name: name.get_untracked(),
                    cron: cron.get_untracked(),
                    dataset: dataset.get_untracked(),
                    dataset_version: version.parse().ok(),
                    prompt_name: prompt.get_untracked(),
                    prompt_version: Some(prompt_version.get_untracked()).filter(|v| !v.is_empty()),
                    endpoint: endpoint.get_untracked(),
                    metrics,
                    parameters,
                    min_pass_rate,
                    webhook_url: Some(webhook_url.get_untracked()).filter(|u| !u.trim().is_empty()),
                    enabled: true,
                },
            });
            return;
        }
        action.dispatch(CreateRun {
            new: NewRun {
                name: Some(name.get_untracked()).filter(|n| !n.trim().is_empty()),
                dataset: dataset.get_untracked(),
                dataset_version: version.parse().ok(),
                prompt_name: prompt.get_untracked(),
                prompt_version: Some(prompt_version.get_untracked()).filter(|v| !v.is_empty()),
                endpoint: endpoint.get_untracked(),
                metrics,
                parameters,
                start: start.get_untracked(),
            },
        });
    };
    let metric_rows = rows.clone();
    view! {
        <Title text="New run" />
        <Breadcrumbs crumbs=vec![Crumb::link("Evaluations", "/evaluations"), Crumb::here("New run")] />
        <PageHeader title="New run" subtitle="Pin a dataset version and a prompt version, pick an endpoint and the metrics that decide pass or fail." />
        <form class="form" id="run-form" on:submit=submit>
            {move || errors.get().map(|problem| view! { <ProblemAlert problem /> })}
            <fieldset class="fieldset">
                <legend>"What to evaluate"</legend>
                <div class="field-row">
                    <div class="field">
                        <label for="run-dataset">"Dataset"</label>
                        <Transition fallback=|| view! { <select disabled><option>"Loading…"</option></select> }>
                            {move || datasets.get().map(|list| {
                                let list = list.unwrap_or_default();
                                view! {
                                    <select id="run-dataset" prop:value=move || dataset.get() on:change=move |ev| { dataset.set(event_target_value(&ev)); dataset_version.set(String::new()); }>
                                        <option value="">"Choose a dataset"</option>
                                        {list.into_iter().map(|d| view! {
                                            <option value=d.id.to_string() data-version=d.version.to_string()>{format!("{} ({} samples, v{})", d.name, d.sample_count, d.version)}</option>
                                        }).collect_view()}
                                    </select>
                                }
                            })}
                        </Transition>
                        <FieldMessage errors field="dataset" />
                    </div>
                    <div class="field field-narrow">
                        <label for="run-dataset-version">"Version"</label>
                        <Transition fallback=|| ()>
                            {move || {
                                let latest = datasets.get().and_then(Result::ok).and_then(|list| {
                                    list.into_iter().find(|d| d.id.to_string() == dataset.get()).map(|d| d.version)
                                });
                                view! {
                                    <select id="run-dataset-version" prop:value=move || dataset_version.get() on:change=move |ev| dataset_version.set(event_target_value(&ev))>
                                        <option value="">{latest.map_or("latest".to_owned(), |v| format!("latest (v{v})"))}</option>
                                        {latest.map(|latest| (0..=latest).rev().map(|v| view! { <option value=v.to_string()>{format!("v{v}")}</option> }).collect_view())}
                                    </select>
                                }
                            }}
                        </Transition>
                        <FieldMessage errors field="dataset_version" />
                    </div>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="run-prompt">"Prompt"</label>
                        <Transition fallback=|| view! { <select disabled><option>"Loading…"</option></select> }>
                            {move || prompts.get().map(|list| {
                                let list = list.unwrap_or_default();
                                view! {
                                    <select id="run-prompt" prop:value=move || prompt.get() on:change=move |ev| { prompt.set(event_target_value(&ev)); prompt_version.set(String::new()); }>
                                        <option value="">"Choose a prompt"</option>
                                        {list.into_iter().map(|p| view! { <option value=p.name.clone()>{p.name.clone()}</option> }).collect_view()}
                                    </select>
                                }
                            })}
                        </Transition>
                        <FieldMessage errors field="prompt_name" />
                    </div>
                    <div class="field field-narrow">
                        <label for="run-prompt-version">"Version"</label>
                        <Transition fallback=|| ()>
                            {move || {
                                let detail = prompt_detail.get().flatten();
                                let active = detail.as_ref().and_then(|d| d.active_version.clone());
                                view! {
                                    <select id="run-prompt-version" prop:value=move || prompt_version.get() on:change=move |ev| prompt_version.set(event_target_value(&ev))>
                                        <option value="">{active.map_or("active".to_owned(), |v| format!("active ({v})"))}</option>
                                        {detail.map(|d| d.versions.into_iter().map(|v| view! { <option value=v.version.clone()>{v.version.clone()}</option> }).collect_view())}
                                    </select>
                                }
                            }}
                        </Transition>
                        <FieldMessage errors field="prompt_version" />
                    </div>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="run-endpoint">"Endpoint"</label>
                        <Transition fallback=|| view! { <select disabled><option>"Loading…"</option></select> }>
                            {move || endpoints.get().map(|list| {
                                let list = list.unwrap_or_default();
                                let none = list.is_empty();
                                view! {
                                    <select id="run-endpoint" prop:value=move || endpoint.get() on:change=move |ev| endpoint.set(event_target_value(&ev))>
                                        <option value="">"Choose an endpoint"</option>
                                        {list.into_iter().map(|e| view! { <option value=e.name.clone()>{format!("{} — {} ({})", e.name, e.model, e.kind.as_str())}</option> }).collect_view()}
                                    </select>
                                    {none.then(|| view! { <p class="field-hint">"No endpoints yet: "<a href="/endpoints">"add one"</a>"."</p> })}
                                }
                            })}
                        </Transition>
                        <FieldMessage errors field="endpoint" />
                    </div>
                    <div class="field">
                        <label for="run-name">"Name " {move || (!scheduled.get()).then(|| view! { <span class="muted">"(optional)"</span> })}</label>
                        <input id="run-name" placeholder="prompt@version on dataset vN" bind:value=name />
                        <FieldMessage errors field="name" />
                    </div>
                </div>
            </fieldset>
            <fieldset class="fieldset">
                <legend>"Metrics"</legend>
                <p class="field-hint">"A sample passes when every metric with a threshold passes; a metric that cannot be computed counts as a failure. Scores run from 0 to 1; latency (ms) and tokens pass at or below their threshold."</p>
                <FieldMessage errors field="metrics" />
                <div class="metric-grid" id="metric-grid">
                    {metric_rows.iter().map(|row| metric_row(*row, rows.clone(), errors)).collect_view()}
                </div>
            </fieldset>
            <fieldset class="fieldset">
                <legend>"Call"</legend>
                <div class="field">
                    <label for="run-parameters">"Parameters " <span class="muted">"(JSON, optional)"</span></label>
                    <textarea id="run-parameters" class="mono" rows="2" placeholder="{\"temperature\": 0, \"max_tokens\": 256}" bind:value=parameters></textarea>
                    <p class="field-hint">"Over the endpoint's defaults and the prompt version's model settings."</p>
                    <FieldMessage errors field="parameters" />
                </div>
                <Show when=move || !scheduled.get()>
                    <label class="checkbox">
                        <input type="checkbox" id="run-start" bind:checked=start />
                        " Start the run now"
                    </label>
                </Show>
            </fieldset>
            <fieldset class="fieldset">
                <legend>"Schedule"</legend>
                <label class="checkbox">
                    <input type="checkbox" id="run-scheduled" bind:checked=scheduled />
                    " Run on a schedule instead of once"
                </label>
                <Show when=move || scheduled.get()>
                    <p class="field-hint">"Each run takes the dataset's latest version and the prompt's active version at that moment unless you pinned them above, and is compared with the previous completed run of the schedule."</p>
                    <div class="field-row">
                        <div class="field">
                            <label for="schedule-cron">"Cron " <span class="muted">"(5 fields, UTC)"</span></label>
                            <input id="schedule-cron" class="mono" placeholder="0 6 * * 1-5" bind:value=cron />
                            <p class="field-hint">"minute hour day-of-month month day-of-week, e.g. "<code>"0 6 * * 1-5"</code>" at 06:00 on weekdays, "<code>"*/30 * * * *"</code>" every half hour."</p>
                            <FieldMessage errors field="cron" />
                        </div>
                        <div class="field field-narrow">
                            <label for="schedule-min-pass-rate">"Minimum pass rate " <span class="muted">"(optional)"</span></label>
                            <input id="schedule-min-pass-rate" placeholder="0.9 or 90%" bind:value=min_pass_rate />
                            <FieldMessage errors field="min_pass_rate" />
                        </div>
                    </div>
                    <div class="field">
                        <label for="schedule-webhook">"Webhook URL " <span class="muted">"(optional)"</span></label>
                        <input id="schedule-webhook" type="url" placeholder="https://hooks.slack.com/services/…" bind:value=webhook_url />
                        <p class="field-hint">"Receives a JSON summary (POST) when a scheduled run regresses significantly, falls under the minimum pass rate, or fails; retried up to 5 times."</p>
                        <FieldMessage errors field="webhook_url" />
                    </div>
                </Show>
            </fieldset>
            <div class="form-actions">
                <a class="btn btn-ghost" href="/evaluations">"Cancel"</a>
                <button type="submit" class="btn btn-primary" id="create-run" prop:disabled=move || action.pending().get() || schedule_action.pending().get()>
                    {move || if scheduled.get() { "Create schedule" } else { "Create run" }}
                </button>
            </div>
        </form>
    }
}

/// A metric's checkbox, threshold and option; field errors are matched by the metric's place
/// among the checked ones, which is its index in the request.
fn metric_row(
    row: MetricRow,
    rows: Vec<MetricRow>,
    errors: Signal<Option<Problem>>,
) -> impl IntoView {
    let name = row.name;
    let index = move || {
        rows.iter()
            .filter(|r| r.checked.get())
            .position(|r| r.name == name)
            .unwrap_or(usize::MAX)
    };
    let index_for_field = index.clone();
    let field = move |suffix: &'static str| {
        let index = index_for_field.clone();
        Signal::derive(move || format!("metrics[{}]{suffix}", index()))
    };
    let toggle = move |ev| {
        let checked = event_target_checked(&ev);
        row.checked.set(checked);
        if checked && row.threshold.get_untracked().is_empty() {
            row.threshold.set(default_threshold(name).to_owned());
        }
    };
    let option = row.option_label();
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
                {option.map(|(_, placeholder)| view! {
                    <input
                        class="input-sm metric-option"
                        aria-label=format!("{} option", name.as_str())
                        placeholder=placeholder
                        prop:disabled=move || !row.checked.get()
                        bind:value=row.option
                    />
                })}
            </div>
            <FieldMessage errors field=field("") />
            <FieldMessage errors field=field(".threshold") />
            {option.map(|(key, _)| {
                let suffix: &'static str = match key { "pattern" => ".pattern", "value" => ".value", _ => ".rubric" };
                view! { <FieldMessage errors field=field(suffix) /> }
            })}
        </div>
    }
}

/// What a ticked metric starts with: yes/no metrics must be yes; a judge must reach 0.7.
fn default_threshold(name: MetricName) -> &'static str {
    if name.is_boolean() {
        "1"
    } else if name == MetricName::LlmJudge {
        "0.7"
    } else {
        ""
    }
}

fn parse_parameters(text: &str) -> Result<Map<String, Value>, Problem> {
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Problem::new(
            ErrorCode::ValidationFailed,
            "the parameters are not a JSON object",
        )
        .with_field(
            "parameters",
            "must be a JSON object, e.g. {\"temperature\": 0}",
        )),
    }
}
