//! Everything the comparison says, in reading order: the verdict, fairness warnings, the
//! figures, the charts, then the samples that changed.

use domain::access::Role;
use domain::eval::compare::Verdict;
use domain::share::ShareTarget;
use leptos::prelude::*;

use crate::components::can::IfCan;

use super::{
    changes::Changes,
    figures::{Figures, MetricChanges},
};
use crate::{
    components::{
        page_header::{Breadcrumbs, Crumb},
        share_button::ShareButton,
    },
    rpc::compare::{ComparisonView, RunLabel},
};

/// `shared`: the read-only page at `/s/{token}`, without links into the app or actions.
#[component]
pub fn ComparisonBody(view: ComparisonView, shared: bool) -> impl IntoView {
    let ComparisonView {
        base,
        candidate,
        comparison,
        charts,
        regression_diffs,
        improvement_diffs,
    } = view;
    let title = format!("{} vs {}", candidate.name, base.name);
    let target = ShareTarget::Comparison {
        base: base.id,
        candidate: candidate.id,
    };
    let warnings = comparison.warnings.clone();
    let notes = comparison.notes.clone();
    view! {
        {(!shared).then(|| view! {
            <Breadcrumbs crumbs=vec![Crumb::link("Evaluations", "/evaluations"), Crumb::here("Compare")] />
        })}
        <header class="page-header">
            <div>
                <h1 class="row">{title}{verdict_badge(comparison.verdict)}</h1>
                <p class="page-subtitle">
                    <span class="badge badge-neutral">"base"</span>" "{run_line(&base, shared)}
                    <br />
                    <span class="badge badge-accent">"candidate"</span>" "{run_line(&candidate, shared)}
                </p>
            </div>
            {(!shared).then(|| view! {
                <div class="page-actions"><IfCan role=Role::Editor><ShareButton target /></IfCan></div>
            })}
        </header>
        {(!warnings.is_empty()).then(|| view! {
            <div class="alert alert-warning" role="alert" id="comparison-warnings">
                <strong>"This comparison may be unfair"</strong>
                <ul>{warnings.into_iter().map(|w| view! { <li><code>{w.field}</code>" "{w.message}</li> }).collect_view()}</ul>
            </div>
        })}
        {(!notes.is_empty()).then(|| view! {
            <div class="alert alert-info" id="comparison-notes">
                <strong>"What changed"</strong>
                <ul>{notes.into_iter().map(|n| view! { <li><code>{n.field}</code>" "{n.message}</li> }).collect_view()}</ul>
            </div>
        })}
        <Figures comparison=comparison.clone() />
        <MetricChanges comparison=comparison.clone() />
        <section class="card" id="comparison-charts">
            <div class="card-header"><h2>"Charts"</h2></div>
            <div class="card-body chart-grid">
                <figure class="chart" data-chart="transitions" inner_html=charts.transitions></figure>
                {charts.means.into_iter().map(|(metric, svg)| view! {
                    <figure class="chart" data-chart=format!("means-{metric}") inner_html=svg></figure>
                }).collect_view()}
                {charts.scatter.into_iter().map(|(metric, svg)| view! {
                    <figure class="chart" data-chart=format!("scatter-{metric}") inner_html=svg></figure>
                }).collect_view()}
            </div>
        </section>
        <Changes
            id="regressions"
            title="Regressions"
            empty="No sample went from pass to fail."
            total=comparison.transitions.pass_fail
            changes=comparison.regressions.clone()
            diffs=regression_diffs
        />
        <Changes
            id="improvements"
            title="Improvements"
            empty="No sample went from fail to pass."
            total=comparison.transitions.fail_pass
            changes=comparison.improvements.clone()
            diffs=improvement_diffs
        />
    }
}

fn run_line(run: &RunLabel, shared: bool) -> impl IntoView + use<> {
    let name = if shared {
        view! { <strong>{run.name.clone()}</strong> }.into_any()
    } else {
        view! { <a href=format!("/evaluations/{}", run.id)>{run.name.clone()}</a> }.into_any()
    };
    view! {
        {name}
        <span class="muted">{format!(
            " · {} v{} · {} · {} ({})",
            run.dataset, run.dataset_version, run.prompt, run.endpoint, run.model_name
        )}</span>
    }
}

pub fn verdict_badge(verdict: Verdict) -> impl IntoView + use<> {
    let (class, label, value) = match verdict {
        Verdict::SignificantRegression => (
            "badge badge-danger",
            "significant regression",
            "significant_regression",
        ),
        Verdict::SignificantImprovement => (
            "badge badge-success",
            "significant improvement",
            "significant_improvement",
        ),
        Verdict::NoSignificantChange => (
            "badge badge-neutral",
            "no significant change",
            "no_significant_change",
        ),
    };
    view! { <span class=class data-verdict=value>{label}</span> }
}
