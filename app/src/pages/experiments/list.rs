//! Experiments by status.

use domain::access::Role;
use domain::experiment::{record::Experiment, status::ExperimentStatus};
use leptos::prelude::*;

use crate::components::can::IfCan;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::status_badge;
use crate::{
    components::{
        empty_state::EmptyState, page_header::PageHeader, resource_list::ResourceList, time::when,
    },
    rpc::experiments::list_experiments,
};

#[component]
pub fn ExperimentList() -> impl IntoView {
    let query = use_query_map();
    let status = Memo::new(move |_| {
        query
            .get()
            .get("status")
            .and_then(|raw| ExperimentStatus::parse(&raw).ok())
    });
    let experiments = Resource::new(move || status.get(), list_experiments);
    let tab = move |value: Option<ExperimentStatus>, label: &'static str| {
        let href = value.map_or("/experiments".to_owned(), |s| {
            format!("/experiments?status={}", s.as_str())
        });
        view! {
            <a class="tab" href=href aria-current=move || (status.get() == value).then_some("page")>{label}</a>
        }
    };
    view! {
        <Title text="Experiments" />
        <PageHeader title="Experiments" subtitle="A/B tests that split live traffic between prompt and model variants.">
            <IfCan role=Role::Editor><a class="btn btn-primary" href="/experiments/new" id="new-experiment">"New experiment"</a></IfCan>
        </PageHeader>
        <nav class="tabs" aria-label="Status">
            {tab(None, "All")}
            {ExperimentStatus::ALL.into_iter().map(|s| tab(Some(s), s.as_str())).collect_view()}
        </nav>
        <ResourceList
            resource=experiments
            empty=|| view! {
                <EmptyState
                    title="No experiments here"
                    detail="An experiment assigns each user to a variant deterministically (GrowthBook-compatible hashing), records metrics per variant, and tells you which variant wins and how sure that is."
                >
                    <IfCan role=Role::Editor><a class="btn btn-primary" href="/experiments/new">"Create an experiment"</a></IfCan>
                </EmptyState>
            }
            let:list
        >
            <ExperimentTable experiments=list />
        </ResourceList>
    }
}

#[component]
fn ExperimentTable(experiments: Vec<Experiment>) -> impl IntoView {
    view! {
        <section class="card">
            <div class="card-body flush table-wrap">
                <table class="table" id="experiment-table">
                    <thead>
                        <tr>
                            <th>"Experiment"</th>
                            <th>"Status"</th>
                            <th>"Variants"</th>
                            <th>"Target"</th>
                            <th>"Winner"</th>
                            <th>"Created"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {experiments.into_iter().map(|e| view! {
                            <tr data-experiment-id=e.id.to_string() data-status=e.status.as_str()>
                                <td>
                                    <a class="cell-main" href=format!("/experiments/{}", e.id)>{e.name.clone()}</a>
                                    {(!e.description.is_empty()).then(|| view! { <span class="cell-sub truncate">{e.description.clone()}</span> })}
                                </td>
                                <td>{status_badge(e.status)}</td>
                                <td class="small">
                                    {e.variants.iter().map(|v| format!("{} {:.1}%", v.id, e.split_percent(&v.id))).collect::<Vec<_>>().join(" · ")}
                                </td>
                                <td class="mono small">{e.target_metric.clone()}</td>
                                <td>{e.winner.clone().map(|w| view! { <span class="badge badge-success">{w}</span> })}</td>
                                <td class="muted nowrap">{when(&e.created_at)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
