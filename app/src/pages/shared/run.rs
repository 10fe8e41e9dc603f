//! A shared run: its figures, metrics and charts.

use leptos::prelude::*;

use crate::{
    pages::evaluations::show::{Figures, MetricTable},
    rpc::shares::SharedRun,
};

#[component]
pub fn SharedRunView(run: SharedRun) -> impl IntoView {
    let label = run.label;
    view! {
        <header class="page-header">
            <div>
                <h1 class="row">{label.name.clone()}<span class="badge badge-neutral" data-status=run.status.as_str()>{run.status.as_str()}</span></h1>
                <p class="page-subtitle">{format!(
                    "{} v{} · {} · {} ({})",
                    label.dataset, label.dataset_version, label.prompt, label.endpoint, label.model_name
                )}</p>
            </div>
        </header>
        <section class="card">
            <div class="card-body stack">
                <Figures progress=run.progress results=run.results.clone() />
            </div>
        </section>
        {run.results.map(|summary| view! { <MetricTable summary /> })}
        <section class="card" id="run-charts">
            <div class="card-header"><h2>"Charts"</h2></div>
            <div class="card-body chart-grid">
                <figure class="chart" data-chart="pass-fail" inner_html=run.charts.pass_fail></figure>
                {run.charts.histograms.into_iter().map(|(metric, svg)| view! {
                    <figure class="chart" data-chart=format!("histogram-{metric}") inner_html=svg></figure>
                }).collect_view()}
            </div>
        </section>
    }
}
