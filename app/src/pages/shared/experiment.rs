//! A shared experiment's results.

use leptos::prelude::*;

use crate::{pages::experiments::results::ResultsBody, rpc::shares::SharedExperiment};

#[component]
pub fn SharedExperimentView(experiment: SharedExperiment) -> impl IntoView {
    view! {
        <header class="page-header">
            <div>
                <h1 class="row">{experiment.name.clone()}<span class="badge badge-neutral">{experiment.status.as_str()}</span></h1>
                <p class="page-subtitle">{format!(
                    "A/B experiment results · target metric {}{}",
                    experiment.results.target_metric,
                    experiment.winner.as_ref().map_or(String::new(), |w| format!(" · completed with {w}"))
                )}</p>
            </div>
        </header>
        <ResultsBody
            results=experiment.results
            charts=[experiment.means_chart, experiment.timeline_chart, experiment.traffic_chart]
            completion=None
        />
    }
}
