//! Creating an experiment: variant rows (prompt, version, model, parameters, control), split
//! sliders that always sum to 100, metrics with their kind and direction, and the analysis
//! settings. The server checks everything again and names each field at fault.

use domain::experiment::{
    definition::{NewExperiment, NewVariant},
    metric::{Direction, MetricDefinition, MetricKind},
};
use domain::problem::{ErrorCode, Problem};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;
use serde_json::{Map, json};

use super::split::{even, rebalance};
use crate::{
    components::{
        alerts::ProblemAlert,
        field::{Field, FieldMessage},
        json_field::parse_json_object,
        page_header::{Breadcrumbs, Crumb, PageHeader},
    },
    rpc::{experiments::CreateExperiment, prompts::list_prompts},
};

#[derive(Clone, Copy)]
struct VariantRow {
    id: RwSignal<String>,
    name: RwSignal<String>,
    prompt: RwSignal<String>,
    prompt_version: RwSignal<String>,
    model: RwSignal<String>,
    parameters: RwSignal<String>,
}

impl VariantRow {
    fn new(id: &str) -> Self {
        VariantRow {
            id: RwSignal::new(id.to_owned()),
            name: RwSignal::new(String::new()),
            prompt: RwSignal::new(String::new()),
            prompt_version: RwSignal::new(String::new()),
            model: RwSignal::new(String::new()),
            parameters: RwSignal::new(String::new()),
        }
    }
}

#[derive(Clone, Copy)]
struct MetricRow {
    name: RwSignal<String>,
    kind: RwSignal<String>,
    direction: RwSignal<String>,
}

impl MetricRow {
    fn new(name: &str, kind: &str) -> Self {
        MetricRow {
            name: RwSignal::new(name.to_owned()),
            kind: RwSignal::new(kind.to_owned()),
            direction: RwSignal::new("higher_is_better".to_owned()),
        }
    }
}

fn optional(text: String) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

#[component]
pub fn NewExperimentPage() -> impl IntoView {
    let prompts = Resource::new(|| (), |_| list_prompts());
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let variants = RwSignal::new(vec![
        VariantRow::new("control"),
        VariantRow::new("treatment"),
    ]);
    let splits = RwSignal::new(even(2));
    let control = RwSignal::new(0usize);
    let metrics = RwSignal::new(vec![MetricRow::new("conversion", "proportion")]);
    let target = RwSignal::new("conversion".to_owned());
    let confidence = RwSignal::new("0.95".to_owned());
    let min_sample_size = RwSignal::new(String::new());
    let sequential = RwSignal::new(false);
    let action = ServerAction::<CreateExperiment>::new();
    let local_error = RwSignal::new(None::<Problem>);
    let errors = Signal::derive(move || {
        local_error
            .get()
            .or_else(|| action.value().get().and_then(Result::err).map(|e| e.0))
    });
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(created)) = action.value().get() {
            navigate(&format!("/experiments/{}", created.id), Default::default());
        }
    });

    let add_variant = move |_| {
        let next = variants.with_untracked(Vec::len);
        variants.update(|rows| rows.push(VariantRow::new(&format!("treatment-{next}"))));
        splits.set(even(next + 1));
    };
    let remove_variant = move |index: usize| {
        variants.update(|rows| {
            rows.remove(index);
        });
        let n = variants.with_untracked(Vec::len);
        splits.set(even(n));
        control.update(|c| {
            if *c >= n {
                *c = 0;
            }
        });
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problem = Problem::new(ErrorCode::ValidationFailed, "the experiment is invalid");
        let rows = variants.get_untracked();
        let split_values = splits.get_untracked();
        let mut traffic_split = Map::new();
        let new_variants: Vec<NewVariant> = rows
            .iter()
            .enumerate()
            .map(|(index, row)| {
                let parameters =
                    parse_json_object(&row.parameters.get_untracked()).unwrap_or_else(|_| {
                        problem = problem.clone().with_field(
                            format!("variants[{index}].parameters"),
                            "must be a JSON object",
                        );
                        Map::new()
                    });
                let id = row.id.get_untracked().trim().to_owned();
                traffic_split.insert(
                    id.clone(),
                    json!(split_values.get(index).copied().unwrap_or(0.0)),
                );
                NewVariant {
                    id,
                    name: optional(row.name.get_untracked()),
                    prompt_name: optional(row.prompt.get_untracked()),
                    prompt_version: optional(row.prompt_version.get_untracked()),
                    model_name: optional(row.model.get_untracked()),
                    parameters,
                    is_control: control.get_untracked() == index,
                }
            })
            .collect();
        let confidence_level = confidence
            .get_untracked()
            .trim()
            .parse::<f64>()
            .unwrap_or(f64::NAN);
        if !confidence_level.is_finite() {
            problem = problem.with_field("confidence_level", "must be a number such as 0.95");
        }
        let min_sample_size = match min_sample_size.get_untracked().trim() {
            "" => None,
            text => match text.parse::<u64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    problem = problem
                        .clone()
                        .with_field("min_sample_size", "must be a whole number");
                    None
                }
            },
        };
        if !problem.details.is_empty() {
            return local_error.set(Some(problem));
        }
        local_error.set(None);
        let metric_defs: Vec<MetricDefinition> = metrics
            .get_untracked()
            .iter()
            .map(|row| MetricDefinition {
                name: row.name.get_untracked().trim().to_owned(),
                kind: if row.kind.get_untracked() == "mean" {
                    MetricKind::Mean
                } else {
                    MetricKind::Proportion
                },
                direction: if row.direction.get_untracked() == "lower_is_better" {
                    Direction::LowerIsBetter
                } else {
                    Direction::HigherIsBetter
                },
            })
            .collect();
        action.dispatch(CreateExperiment {
            new: NewExperiment {
                name: name.get_untracked(),
                description: description.get_untracked(),
                variants: new_variants,
                traffic_split,
                metrics: metric_defs.clone(),
                target_metric: {
                    let chosen = target.get_untracked();
                    if metric_defs.iter().any(|m| m.name == chosen) {
                        chosen
                    } else {
                        metric_defs
                            .first()
                            .map(|m| m.name.clone())
                            .unwrap_or_default()
                    }
                },
                confidence_level,
                min_sample_size,
                sequential: sequential.get_untracked(),
                seed: None,
            },
        });
    };

    let prompt_options = move || {
        prompts
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|p| p.name)
            .collect::<Vec<_>>()
    };

    view! {
        <Title text="New experiment" />
        <Breadcrumbs crumbs=vec![Crumb::link("Experiments", "/experiments"), Crumb::here("New experiment")] />
        <PageHeader title="New experiment" subtitle="Split live traffic between prompt and model variants and let the statistics decide." />
        <form class="form" id="experiment-form" on:submit=submit>
            {move || errors.get().map(|problem| view! { <ProblemAlert problem /> })}
            <fieldset class="fieldset">
                <legend>"Experiment"</legend>
                <div class="field-row">
                    <Field id="experiment-name" label="Name" field="name" errors>
                        <input placeholder="support-tone-test" autocomplete="off" bind:value=name />
                    </Field>
                    <Field
                        id="experiment-description"
                        label=view! { "Description " <span class="muted">"(optional)"</span> }
                        field="description"
                        errors
                    >
                        <input placeholder="What is being tried, and why" bind:value=description />
                    </Field>
                </div>
            </fieldset>
            <fieldset class="fieldset">
                <legend>"Variants and traffic"</legend>
                <FieldMessage errors field="variants" />
                <FieldMessage errors field="traffic_split" />
                <div class="variant-rows" id="variant-rows">
                    {move || {
                        let rows = variants.get();
                        let removable = rows.len() > 2;
                        rows.into_iter().enumerate().map(|(index, row)| {
                            let split = move || splits.with(|s| s.get(index).copied().unwrap_or(0.0));
                            let field = move |suffix: &str| format!("variants[{index}]{suffix}");
                            let id = move |part: &str| format!("variant-{index}-{part}");
                            view! {
                                <div class="variant-row" data-variant-index=index.to_string()>
                                    <div class="variant-head">
                                        <label class="checkbox">
                                            <input type="radio" name="control" class="variant-control"
                                                prop:checked=move || control.get() == index
                                                on:change=move |_| control.set(index) />
                                            " Control"
                                        </label>
                                        {removable.then(|| view! {
                                            <button type="button" class="btn btn-ghost btn-small" on:click=move |_| remove_variant(index)>"Remove"</button>
                                        })}
                                    </div>
                                    <div class="field-row">
                                        <Field id=id("id") label="Id" field=field(".id") errors>
                                            <input class="mono variant-id" bind:value=row.id />
                                        </Field>
                                        <Field id=id("prompt") label="Prompt" field=field(".prompt_name") errors>
                                            // The prompt list is read under a Transition, so the server waits for
                                            // it and the browser hydrates the same options.
                                            <Transition fallback=|| view! { <select disabled><option>"Loading…"</option></select> }>
                                                {move || {
                                                    let options = prompt_options();
                                                    view! {
                                                        <select class="variant-prompt" prop:value=move || row.prompt.get() on:change=move |ev| row.prompt.set(event_target_value(&ev))>
                                                            <option value="">"None"</option>
                                                            {options.into_iter().map(|p| view! { <option value=p.clone()>{p.clone()}</option> }).collect_view()}
                                                        </select>
                                                    }
                                                }}
                                            </Transition>
                                        </Field>
                                        <Field id=id("version") label="Version" field=field(".prompt_version") errors>
                                            <input class="mono variant-version" placeholder="active" bind:value=row.prompt_version />
                                        </Field>
                                        <Field id=id("model") label="Model" field=field(".model_name") errors>
                                            <input class="mono variant-model" placeholder="gpt-4o-mini" bind:value=row.model />
                                        </Field>
                                    </div>
                                    <div class="field-row">
                                        <Field
                                            id=id("parameters")
                                            label=view! { "Parameters " <span class="muted">"(JSON)"</span> }
                                            field=field(".parameters")
                                            errors
                                        >
                                            <input class="mono variant-parameters" placeholder="{\"temperature\": 0.7}" bind:value=row.parameters />
                                        </Field>
                                        <div class="field">
                                            <label>"Traffic " <span class="split-value num">{move || format!("{:.1}%", split())}</span></label>
                                            <input type="range" class="variant-split" min="0" max="100" step="0.1"
                                                aria-label=move || format!("traffic for {}", row.id.get())
                                                prop:value=move || split().to_string()
                                                on:input=move |ev| {
                                                    if let Ok(value) = event_target_value(&ev).parse::<f64>() {
                                                        splits.update(|s| *s = rebalance(s, index, value));
                                                    }
                                                } />
                                        </div>
                                    </div>
                                </div>
                            }
                        }).collect_view()
                    }}
                </div>
                <div class="row">
                    <button type="button" class="btn btn-secondary btn-small" id="add-variant" on:click=add_variant>"Add variant"</button>
                    <span class="spacer"></span>
                    <span class="small muted" id="split-total">{move || format!("Total {:.1}%", splits.with(|s| s.iter().sum::<f64>()))}</span>
                </div>
            </fieldset>
            <fieldset class="fieldset">
                <legend>"Metrics"</legend>
                <FieldMessage errors field="metrics" />
                <div class="metric-defs" id="metric-defs">
                    {move || {
                        let rows = metrics.get();
                        let removable = rows.len() > 1;
                        rows.into_iter().enumerate().map(|(index, row)| {
                            let field = move |suffix: &str| format!("metrics[{index}]{suffix}");
                            view! {
                                <div class="field-row metric-def">
                                    <Field id=format!("metric-def-{index}-name") label="Metric" field=field(".name") errors>
                                        <input class="mono metric-def-name" bind:value=row.name />
                                    </Field>
                                    <div class="field">
                                        <label>"Kind"</label>
                                        <select class="metric-def-kind" prop:value=move || row.kind.get() on:change=move |ev| row.kind.set(event_target_value(&ev))>
                                            <option value="proportion">"proportion (0 or 1)"</option>
                                            <option value="mean">"mean"</option>
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label>"Better when"</label>
                                        <select class="metric-def-direction" prop:value=move || row.direction.get() on:change=move |ev| row.direction.set(event_target_value(&ev))>
                                            <option value="higher_is_better">"higher"</option>
                                            <option value="lower_is_better">"lower"</option>
                                        </select>
                                    </div>
                                    {removable.then(|| view! {
                                        <div class="field field-end">
                                            <button type="button" class="btn btn-ghost btn-small" on:click=move |_| metrics.update(|m| { m.remove(index); })>"Remove"</button>
                                        </div>
                                    })}
                                </div>
                            }
                        }).collect_view()
                    }}
                </div>
                <div class="row">
                    <button type="button" class="btn btn-secondary btn-small" id="add-metric" on:click=move |_| metrics.update(|m| m.push(MetricRow::new("", "mean")))>"Add metric"</button>
                </div>
                <div class="field-row">
                    <Field id="target-metric" label="Target metric" field="target_metric" errors>
                        <select prop:value=move || target.get() on:change=move |ev| target.set(event_target_value(&ev))>
                            {move || metrics.get().into_iter().map(|row| {
                                let name = row.name.get();
                                view! { <option value=name.clone()>{name.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </Field>
                    <Field id="confidence-level" label="Confidence level" field="confidence_level" errors>
                        <input class="num" bind:value=confidence />
                    </Field>
                    <Field
                        id="min-sample-size"
                        label=view! { "Minimum sample size " <span class="muted">"(per variant)"</span> }
                        field="min_sample_size"
                        errors
                    >
                        <input class="num" placeholder="none" bind:value=min_sample_size />
                    </Field>
                </div>
                <label class="checkbox">
                    <input type="checkbox" id="sequential" bind:checked=sequential />
                    " Sequential mode: intervals stay valid however often the results are watched"
                </label>
            </fieldset>
            <div class="form-actions">
                <a class="btn btn-ghost" href="/experiments">"Cancel"</a>
                <button type="submit" class="btn btn-primary" id="create-experiment" prop:disabled=move || action.pending().get()>"Create experiment"</button>
            </div>
        </form>
    }
}
