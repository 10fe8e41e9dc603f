//! Experiment pages: the list by status, the creation form, an experiment with its lifecycle,
//! and its results.

pub mod list;
pub mod new_experiment;
pub mod results;
pub mod show;
mod split;

use domain::experiment::{record::Experiment, status::ExperimentStatus};
use leptos::prelude::*;

pub fn status_badge(status: ExperimentStatus) -> impl IntoView {
    let class = match status {
        ExperimentStatus::Draft => "badge badge-neutral",
        ExperimentStatus::Running => "badge badge-info badge-live",
        ExperimentStatus::Paused => "badge badge-warning",
        ExperimentStatus::Completed => "badge badge-success",
        ExperimentStatus::Cancelled => "badge badge-neutral",
    };
    view! { <span class=class data-status=status.as_str()>{status.as_str()}</span> }
}

/// The tabs between an experiment's overview and its results.
#[component]
pub fn ExperimentTabs(experiment: Experiment, current: &'static str) -> impl IntoView {
    let base = format!("/experiments/{}", experiment.id);
    let tab = move |href: String, label: &'static str, key: &'static str| {
        let current = (current == key).then_some("page");
        view! { <a class="tab" href=href aria-current=current>{label}</a> }
    };
    view! {
        <nav class="tabs" aria-label="Experiment">
            {tab(base.clone(), "Overview", "overview")}
            {tab(format!("{base}/results"), "Results", "results")}
        </nav>
    }
}
