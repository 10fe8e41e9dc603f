//! An experiment's results: the recommendation (with a button to complete with it), a warning
//! when the traffic does not match the split, per-metric tables, and charts drawn on the server.
//! While the experiment runs the page refreshes itself.

use std::time::Duration;

use domain::access::Role;
use domain::experiment::{
    stats::{Comparison, ExperimentResults, MetricResults, Outcome},
    status::{Action, ExperimentStatus},
};
use domain::share::ShareTarget;
use leptos::prelude::*;

use crate::components::can::IfCan;
use uuid::Uuid;

use super::{
    ExperimentTabs,
    show::{ExperimentHeader, experiment_id},
};
use crate::{
    AppError,
    components::{
        alerts::{LoadError, ProblemAlert},
        live::use_live_refresh,
        share_button::ShareButton,
    },
    rpc::experiments::{ChangeExperiment, ResultsView, load_experiment_results},
};

const REFRESH: Duration = Duration::from_secs(5);

async fn load(id: Option<Uuid>) -> Result<ResultsView, AppError> {
    match id {
        Some(id) => load_experiment_results(id).await,
        None => Err(AppError(domain::problem::Problem::new(
            domain::problem::ErrorCode::NotFound,
            "no such experiment",
        ))),
    }
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let id = experiment_id();
    let change = ServerAction::<ChangeExperiment>::new();
    let view_data = Resource::new(
        move || (id.get(), change.version().get()),
        |(id, _)| load(id),
    );
    use_live_refresh(
        REFRESH,
        move || {
            view_data
                .get_untracked()
                .and_then(Result::ok)
                .is_some_and(|v| v.experiment.status == ExperimentStatus::Running)
        },
        move || view_data.refetch(),
    );
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || view_data.get().map(|result| match result {
                Err(error) => view! { <LoadError error /> }.into_any(),
                Ok(data) => view! { <Results data change /> }.into_any(),
            })}
        </Transition>
        {move || error.get().map(|e| view! { <ProblemAlert problem=e.0 /> })}
    }
}

#[component]
fn Results(data: ResultsView, change: ServerAction<ChangeExperiment>) -> impl IntoView {
    let ResultsView {
        report,
        experiment,
        means_chart,
        timeline_chart,
        traffic_chart,
    } = data;
    let completion = experiment
        .allowed_actions
        .contains(&Action::Complete)
        .then_some((experiment.id, change));
    view! {
        <ExperimentHeader experiment=experiment.clone() change />
        <ExperimentTabs experiment=experiment.clone() current="results" />
        <div class="toolbar">
            <IfCan role=Role::Editor><ShareButton target=ShareTarget::Experiment { experiment_id: experiment.id } /></IfCan>
        </div>
        <ResultsBody
            results=report.results
            charts=[means_chart, timeline_chart, traffic_chart]
            completion
        />
    }
}

/// The results themselves; `completion` offers "complete with the winner" when it is allowed
/// (never on a shared page).
#[component]
pub fn ResultsBody(
    results: ExperimentResults,
    /// Means, timeline and traffic SVGs.
    charts: [String; 3],
    completion: Option<(Uuid, ServerAction<ChangeExperiment>)>,
) -> impl IntoView {
    let [means_chart, timeline_chart, traffic_chart] = charts;
    let srm = results.srm.clone();
    let total_exposures: u64 = srm.observed.iter().sum();
    view! {
        {srm.mismatch.then(|| view! {
            <div class="alert alert-warning" role="alert" id="srm-warning">
                <strong>"Sample ratio mismatch. "</strong>
                {format!(
                    "The exposures ({}) do not match the configured split (χ² = {:.2}, p = {}); assignment or logging may be broken, so the results should not be trusted yet.",
                    srm.observed.iter().map(u64::to_string).collect::<Vec<_>>().join(" / "),
                    srm.chi_square.unwrap_or(0.0),
                    srm.p_value.map_or("—".into(), format_p),
                )}
            </div>
        })}
        <section class="card" id="recommendation">
            <div class="card-body row">
                {match results.recommended_winner.clone() {
                    Some(winner) => view! {
                        <div class="stack">
                            <strong>{format!("Recommended winner: {winner}")}</strong>
                            <span class="muted small">{format!(
                                "Its improvement of {} over {} is significant at {:.0}% confidence{}.",
                                results.target_metric, results.control_id, results.confidence_level * 100.0,
                                if results.sequential { " (sequential, safe to peek)" } else { "" }
                            )}</span>
                        </div>
                        <span class="spacer"></span>
                        {completion.map(|(id, change)| {
                            let winner = winner.clone();
                            view! {
                                <button class="btn btn-primary" id="complete-with-winner" on:click=move |_| {
                                    change.dispatch(ChangeExperiment { id, action: Action::Complete, winner: Some(winner.clone()) });
                                }>{format!("Complete with {winner}")}</button>
                            }
                        })}
                    }.into_any(),
                    None => view! {
                        <div class="stack">
                            <strong>"No winner yet"</strong>
                            <span class="muted small">{if results.enough_data {
                                format!("No treatment improves {} significantly over {} at {:.0}% confidence.", results.target_metric, results.control_id, results.confidence_level * 100.0)
                            } else {
                                "Some variant has fewer values of the target metric than the minimum sample size.".to_owned()
                            }}</span>
                        </div>
                    }.into_any(),
                }}
                <span class="badge badge-neutral">{format!("{total_exposures} exposures")}</span>
            </div>
        </section>
        <section class="card" id="experiment-charts">
            <div class="card-header"><h2>"Charts"</h2></div>
            <div class="card-body chart-grid">
                <figure class="chart" data-chart="means" inner_html=means_chart></figure>
                <figure class="chart" data-chart="timeline" inner_html=timeline_chart></figure>
                <figure class="chart" data-chart="traffic" inner_html=traffic_chart></figure>
            </div>
        </section>
        {results.metrics.into_iter().map(|metric| view! { <MetricCard metric control=results.control_id.clone() /> }).collect_view()}
    }
}

#[component]
fn MetricCard(metric: MetricResults, control: String) -> impl IntoView {
    let comparisons = metric.comparisons.clone();
    let comparison_for = move |variant: &str| -> Option<Comparison> {
        comparisons
            .iter()
            .find(|c| c.variant_id == variant)
            .cloned()
    };
    view! {
        <section class="card" data-metric=metric.metric.clone()>
            <div class="card-header">
                <h2 class="mono">{metric.metric.clone()}</h2>
                <span class="muted small">{format!("{} · {}", metric.kind.as_str(), metric.direction.as_str().replace('_', " "))}</span>
            </div>
            <div class="card-body flush table-wrap">
                <table class="table results-metric-table">
                    <thead>
                        <tr>
                            <th>"Variant"</th>
                            <th class="num">"Count"</th>
                            <th class="num">"Mean"</th>
                            <th class="num">"Interval"</th>
                            <th class="num">"Lift"</th>
                            <th class="num">"Relative lift"</th>
                            <th class="num">"p (Holm)"</th>
                            <th class="num">"Chance to beat"</th>
                            <th>"Verdict"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {metric.variants.into_iter().map(|v| {
                            let comparison = comparison_for(&v.variant_id);
                            let is_control = v.variant_id == control;
                            view! {
                                <tr data-variant=v.variant_id.clone()>
                                    <td><span class="mono">{v.variant_id.clone()}</span>{is_control.then(|| view! { <span class="badge badge-accent">"control"</span> })}</td>
                                    <td class="num">{v.count}</td>
                                    <td class="num">{v.mean.map_or("—".into(), fmt)}</td>
                                    <td class="num nowrap">{v.ci.map_or("—".into(), |ci| format!("[{}, {}]", fmt(ci.lower), fmt(ci.upper)))}</td>
                                    {comparison_cells(comparison)}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn comparison_cells(comparison: Option<Comparison>) -> impl IntoView {
    let Some(c) = comparison else {
        return view! { <td class="num">"—"</td><td class="num">"—"</td><td class="num">"—"</td><td class="num">"—"</td><td></td> }.into_any();
    };
    let interval =
        |value: Option<f64>, ci: Option<domain::experiment::stats::Interval>, percent: bool| {
            let f = move |x: f64| {
                if percent {
                    format!("{:+.1}%", x * 100.0)
                } else {
                    format!("{x:+.4}")
                }
            };
            match (value, ci) {
                (Some(v), Some(ci)) => format!("{} [{}, {}]", f(v), f(ci.lower), f(ci.upper)),
                (Some(v), None) => f(v),
                _ => "—".into(),
            }
        };
    let (verdict_class, verdict) = match c.outcome {
        Outcome::Better => ("badge badge-success", "better"),
        Outcome::Worse => ("badge badge-danger", "worse"),
        Outcome::Inconclusive => ("badge badge-neutral", "inconclusive"),
    };
    view! {
        <td class="num nowrap">{interval(c.absolute_lift, c.absolute_lift_ci, false)}</td>
        <td class="num nowrap">{interval(c.relative_lift, c.relative_lift_ci, true)}</td>
        <td class="num">{c.adjusted_p_value.map_or("—".into(), format_p)}</td>
        <td class="num">{c.chance_to_beat_control.map_or("—".into(), |p| format!("{:.1}%", p * 100.0))}</td>
        <td><span class=verdict_class data-outcome=verdict>{verdict}</span></td>
    }
    .into_any()
}

fn fmt(x: f64) -> String {
    if x.abs() >= 100.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.4}")
    }
}

fn format_p(p: f64) -> String {
    if p < 0.0001 {
        "< 0.0001".to_owned()
    } else {
        format!("{p:.4}")
    }
}
