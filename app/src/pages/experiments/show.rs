//! One experiment: its variants and split, the lifecycle buttons the current status allows,
//! and its history.

use domain::access::Role;
use domain::experiment::{
    record::Experiment,
    status::{Action, ExperimentStatus},
};
use leptos::prelude::*;

use crate::components::can::IfCan;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use super::{ExperimentTabs, status_badge};
use crate::{
    AppError,
    components::{
        alerts::{LoadError, ProblemAlert},
        page_header::{Breadcrumbs, Crumb},
        time::when,
    },
    rpc::experiments::{ChangeExperiment, get_experiment},
};

pub fn experiment_id() -> Memo<Option<Uuid>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .get()
            .get("id")
            .and_then(|raw| Uuid::parse_str(&raw).ok())
    })
}

pub async fn load(id: Option<Uuid>) -> Result<Experiment, AppError> {
    match id {
        Some(id) => get_experiment(id).await,
        None => Err(AppError(domain::problem::Problem::new(
            domain::problem::ErrorCode::NotFound,
            "no such experiment",
        ))),
    }
}

#[component]
pub fn ExperimentPage() -> impl IntoView {
    let id = experiment_id();
    let change = ServerAction::<ChangeExperiment>::new();
    let experiment = Resource::new(
        move || (id.get(), change.version().get()),
        |(id, _)| load(id),
    );
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || experiment.get().map(|result| match result {
                Err(error) => view! { <LoadError error /> }.into_any(),
                Ok(experiment) => view! {
                    <ExperimentHeader experiment=experiment.clone() change />
                    {move || error.get().map(|e| view! { <ProblemAlert problem=e.0 /> })}
                    <ExperimentTabs experiment=experiment.clone() current="overview" />
                    <VariantsCard experiment=experiment.clone() />
                    <HistoryCard experiment />
                }.into_any(),
            })}
        </Transition>
    }
}

/// Title, status and the lifecycle buttons; shared with the results page.
#[component]
pub fn ExperimentHeader(
    experiment: Experiment,
    change: ServerAction<ChangeExperiment>,
) -> impl IntoView {
    let id = experiment.id;
    let winner = RwSignal::new(String::new());
    let choosing = RwSignal::new(false);
    let status = experiment.status;
    let actions = experiment.allowed_actions.clone();
    let variant_ids: Vec<String> = experiment.variants.iter().map(|v| v.id.clone()).collect();
    let dispatch = move |action: Action, winner: Option<String>| {
        change.dispatch(ChangeExperiment { id, action, winner });
    };
    view! {
        <Title text=experiment.name.clone() />
        <Breadcrumbs crumbs=vec![Crumb::link("Experiments", "/experiments"), Crumb::here(experiment.name.clone())] />
        <header class="page-header">
            <div>
                <h1 class="row">{experiment.name.clone()}{status_badge(status)}</h1>
                <p class="page-subtitle">
                    {if experiment.description.is_empty() { format!("Target metric: {}", experiment.target_metric) } else { experiment.description.clone() }}
                </p>
            </div>
            <div class="page-actions" id="lifecycle">
                <IfCan role=Role::Editor>
                {actions.iter().map(|&action| {
                    let (label, class) = match action {
                        Action::Start if status == ExperimentStatus::Paused => ("Resume", "btn btn-primary"),
                        Action::Start => ("Start", "btn btn-primary"),
                        Action::Pause => ("Pause", "btn btn-secondary"),
                        Action::Complete => ("Complete…", "btn btn-secondary"),
                        Action::Cancel => ("Cancel", "btn btn-danger-ghost"),
                    };
                    view! {
                        <button class=class data-action=action.as_str() prop:disabled=move || change.pending().get()
                            on:click=move |_| if action == Action::Complete { choosing.set(true) } else { dispatch(action, None) }
                        >{label}</button>
                    }
                }).collect_view()}
                </IfCan>
            </div>
        </header>
        <Show when=move || choosing.get()>
            <section class="card card-body row" id="complete-form">
                <label for="winner-select">"Winner"</label>
                <select id="winner-select" class="pill-select" prop:value=move || winner.get() on:change=move |ev| winner.set(event_target_value(&ev))>
                    <option value="">"No winner"</option>
                    {variant_ids.iter().map(|v| view! { <option value=v.clone()>{v.clone()}</option> }).collect_view()}
                </select>
                <button class="btn btn-primary" id="confirm-complete" on:click=move |_| {
                    choosing.set(false);
                    dispatch(Action::Complete, Some(winner.get_untracked()));
                }>"Complete experiment"</button>
                <button class="btn btn-ghost" on:click=move |_| choosing.set(false)>"Back"</button>
            </section>
        </Show>
    }
}

#[component]
fn VariantsCard(experiment: Experiment) -> impl IntoView {
    let rows = experiment.variants.clone();
    view! {
        <section class="card">
            <div class="card-header"><h2>"Variants"</h2></div>
            <div class="card-body flush table-wrap">
                <table class="table" id="variant-table">
                    <thead>
                        <tr><th>"Variant"</th><th class="num">"Traffic"</th><th>"Prompt"</th><th>"Model"</th><th>"Parameters"</th></tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|v| {
                            let split = experiment.split_percent(&v.id);
                            view! {
                                <tr data-variant=v.id.clone()>
                                    <td>
                                        <span class="cell-main mono">{v.id.clone()}</span>
                                        {(v.name != v.id).then(|| view! { <span class="cell-sub">{v.name.clone()}</span> })}
                                        {v.is_control.then(|| view! { <span class="badge badge-accent">"control"</span> })}
                                        {(experiment.winner.as_deref() == Some(v.id.as_str())).then(|| view! { <span class="badge badge-success">"winner"</span> })}
                                    </td>
                                    <td class="num">{format!("{split:.1}%")}</td>
                                    <td class="mono small">{v.prompt_name.clone().map(|p| format!("{p}@{}", v.prompt_version.clone().unwrap_or_else(|| "active".into())))}</td>
                                    <td class="mono small">{v.model_name.clone()}</td>
                                    <td class="mono small">{(!v.parameters.is_empty()).then(|| serde_json::Value::Object(v.parameters.clone()).to_string())}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="card-body small muted">
                {format!(
                    "Metrics: {} · target {} · confidence {:.0}%{}{} · seed {}",
                    experiment.metrics.iter().map(|m| format!("{} ({}, {})", m.name, m.kind.as_str(), m.direction.as_str())).collect::<Vec<_>>().join(", "),
                    experiment.target_metric,
                    experiment.confidence_level * 100.0,
                    experiment.min_sample_size.map(|n| format!(" · at least {n} per variant")).unwrap_or_default(),
                    if experiment.sequential { " · sequential" } else { "" },
                    experiment.seed,
                )}
            </div>
        </section>
    }
}

#[component]
fn HistoryCard(experiment: Experiment) -> impl IntoView {
    view! {
        <section class="card">
            <div class="card-header"><h2>"History"</h2></div>
            <div class="card-body">
                <ol class="timeline" id="status-history">
                    <li>{format!("created {}", when(&experiment.created_at))}</li>
                    {experiment.status_history.iter().map(|change| view! {
                        <li>
                            {format!("{} → {}", change.from.as_str(), change.to.as_str())}
                            {change.winner.clone().map(|w| format!(" (winner {w})"))}
                            <span class="muted">{format!(" · {}", when(&change.at))}</span>
                        </li>
                    }).collect_view()}
                </ol>
            </div>
        </section>
    }
}
