//! The runs list: status badges and progress bars that follow the worker live, filters by
//! status, dataset, prompt and model kept in the address.

use domain::access::Role;
use domain::eval::{
    record::{Run, RunFilter},
    status::RunStatus,
};
use leptos::prelude::*;

use crate::components::can::IfCan;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use uuid::Uuid;

use super::{LIVE_REFRESH, RunProgress, pass_rate_text, status_badge};
use crate::{
    components::{
        empty_state::EmptyState, live::use_live_refresh, page_header::PageHeader,
        resource_list::ResourceList, time::when,
    },
    rpc::evaluations::list_runs,
};

#[component]
pub fn RunList() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let query = query.get();
        let text = |key: &str| query.get(key).filter(|v| !v.is_empty());
        RunFilter {
            status: text("status").and_then(|s| RunStatus::parse(&s)),
            dataset: text("dataset"),
            prompt: text("prompt"),
            model: text("model"),
        }
    });
    let runs: Resource<Result<Vec<Run>, crate::AppError>> =
        Resource::new(move || filter.get(), list_runs);
    use_live_refresh(
        LIVE_REFRESH,
        move || {
            runs.get_untracked()
                .and_then(Result::ok)
                .is_some_and(|runs| runs.iter().any(|run| !run.status.is_finished()))
        },
        move || runs.refetch(),
    );
    let picked = Picked::new();
    view! {
        <Title text="Evaluations" />
        <PageHeader title="Evaluations" subtitle="Runs that score a prompt version and a model over a pinned dataset version.">
            <a class="btn btn-secondary" href="/endpoints">"Endpoints"</a>
            <IfCan role=Role::Editor><a class="btn btn-primary" href="/evaluations/new" id="new-run">"New run"</a></IfCan>
        </PageHeader>
        <Filters filter />
        <ResourceList
            resource=runs
            empty=|| view! {
                <EmptyState
                    title="No runs here"
                    detail="A run renders a prompt version for every sample of a dataset version, calls a model endpoint, and scores each answer with the metrics you pick."
                >
                    <IfCan role=Role::Editor><a class="btn btn-primary" href="/evaluations/new">"Start a run"</a></IfCan>
                </EmptyState>
            }
            let:list
        >
            <RunTable runs=list picked />
        </ResourceList>
    }
}

#[component]
fn Filters(filter: Memo<RunFilter>) -> impl IntoView {
    let navigate = use_navigate();
    let apply = move |key: &'static str, value: String| {
        let mut current = filter.get_untracked();
        let value = Some(value.trim().to_owned()).filter(|v| !v.is_empty());
        match key {
            "status" => current.status = value.as_deref().and_then(RunStatus::parse),
            "dataset" => current.dataset = value,
            "prompt" => current.prompt = value,
            _ => current.model = value,
        }
        let mut pairs = Vec::new();
        if let Some(status) = current.status {
            pairs.push(format!("status={}", status.as_str()));
        }
        for (key, value) in [
            ("dataset", &current.dataset),
            ("prompt", &current.prompt),
            ("model", &current.model),
        ] {
            if let Some(value) = value {
                pairs.push(format!("{key}={}", domain::page::encode_query_value(value)));
            }
        }
        let href = if pairs.is_empty() {
            "/evaluations".to_owned()
        } else {
            format!("/evaluations?{}", pairs.join("&"))
        };
        navigate(&href, Default::default());
    };
    let apply_status = apply.clone();
    let text_filter = move |key: &'static str, label: &'static str, placeholder: &'static str| {
        let apply = apply.clone();
        view! {
            <label class="filter">
                <span class="filter-label">{label}</span>
                <input
                    class="input-sm"
                    name=key
                    placeholder=placeholder
                    prop:value=move || match key {
                        "dataset" => filter.get().dataset,
                        "prompt" => filter.get().prompt,
                        _ => filter.get().model,
                    }.unwrap_or_default()
                    on:change=move |ev| apply(key, event_target_value(&ev))
                />
            </label>
        }
    };
    view! {
        <div class="filters" role="search">
            <label class="filter">
                <span class="filter-label">"Status"</span>
                <select
                    class="input-sm"
                    name="status"
                    prop:value=move || filter.get().status.map(|s| s.as_str().to_owned()).unwrap_or_default()
                    on:change=move |ev| apply_status("status", event_target_value(&ev))
                >
                    <option value="">"Any"</option>
                    {RunStatus::ALL.into_iter().map(|status| view! {
                        <option value=status.as_str() selected=move || filter.get().status == Some(status)>{status.as_str()}</option>
                    }).collect_view()}
                </select>
            </label>
            {text_filter("dataset", "Dataset", "name or id")}
            {text_filter("prompt", "Prompt", "name")}
            {text_filter("model", "Model", "model or endpoint")}
        </div>
    }
}

/// The base and candidate picked for a comparison, as (run id, dataset id).
#[derive(Clone, Copy)]
struct Picked {
    base: RwSignal<Option<(Uuid, Uuid)>>,
    candidate: RwSignal<Option<(Uuid, Uuid)>>,
}

impl Picked {
    fn new() -> Self {
        Picked {
            base: RwSignal::new(None),
            candidate: RwSignal::new(None),
        }
    }

    /// Why the picked runs cannot be compared yet, or None when they can.
    fn problem(&self) -> Option<&'static str> {
        match (self.base.get(), self.candidate.get()) {
            (Some((base, base_dataset)), Some((candidate, candidate_dataset))) => {
                if base == candidate {
                    Some("Pick two different runs.")
                } else if base_dataset != candidate_dataset {
                    Some("Only runs of the same dataset can be compared.")
                } else {
                    None
                }
            }
            _ => Some("Pick a base and a candidate among the completed runs."),
        }
    }
}

/// The table is a plain GET form to the comparison page, so picking works before hydration too.
#[component]
fn RunTable(runs: Vec<Run>, picked: Picked) -> impl IntoView {
    view! {
        <form class="card" method="get" action="/evaluations/compare" id="compare-form">
            <div class="card-header compare-bar">
                <span class="small muted" id="compare-hint">{move || picked.problem().unwrap_or("Ready to compare.")}</span>
                <span class="spacer"></span>
                <button class="btn btn-secondary btn-sm" type="submit" id="compare-runs" disabled=move || picked.problem().is_some()>"Compare"</button>
            </div>
            <div class="card-body flush table-wrap">
                <table class="table" id="run-table">
                    <thead>
                        <tr>
                            <th class="col-pick" title="Base of a comparison">"Base"</th>
                            <th class="col-pick" title="Candidate of a comparison">"Cand."</th>
                            <th>"Run"</th>
                            <th>"Status"</th>
                            <th class="col-progress">"Progress"</th>
                            <th class="num">"Pass rate"</th>
                            <th>"Dataset"</th>
                            <th>"Prompt"</th>
                            <th>"Model"</th>
                            <th>"Created"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {runs.into_iter().map(|run| {
                            let comparable = run.status == RunStatus::Completed;
                            let key = (run.id, run.dataset_id);
                            let pick = move |name: &'static str, slot: RwSignal<Option<(Uuid, Uuid)>>| comparable.then(|| view! {
                                <input
                                    type="radio"
                                    name=name
                                    value=key.0.to_string()
                                    aria-label=format!("{name} {}", run_label(key.0))
                                    prop:checked=move || slot.get().is_some_and(|(id, _)| id == key.0)
                                    on:change=move |_| slot.set(Some(key))
                                />
                            });
                            view! {
                                <tr data-run-id=run.id.to_string() data-status=run.status.as_str()>
                                    <td class="col-pick">{pick("base", picked.base)}</td>
                                    <td class="col-pick">{pick("candidate", picked.candidate)}</td>
                                    <td><a class="cell-main" href=format!("/evaluations/{}", run.id)>{run.name.clone()}</a>{run.schedule_id.map(|_| view! { <span class="cell-sub">"scheduled"</span> })}</td>
                                    <td>{status_badge(&run)}</td>
                                    <td class="col-progress"><RunProgress run=run.clone() /></td>
                                    <td class="num">{pass_rate_text(&run)}</td>
                                    <td class="nowrap">{run.dataset.clone()}<span class="badge badge-neutral badge-mono">{format!("v{}", run.dataset_version)}</span></td>
                                    <td class="nowrap">{run.prompt_name.clone()}<span class="badge badge-neutral badge-mono">{run.prompt_version.clone()}</span></td>
                                    <td class="nowrap mono small">{run.model_name.clone()}</td>
                                    <td class="muted nowrap">{when(&run.created_at)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </form>
    }
}

fn run_label(id: Uuid) -> String {
    id.to_string()[..8].to_owned()
}
