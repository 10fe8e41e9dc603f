//! One run: its status and live progress, the summary, charts drawn on the server, per-metric
//! figures, and the per-sample results.

use domain::access::Role;
use domain::eval::{
    record::{Progress, ResultFilter, Run},
    summary::RunSummary,
};
use domain::share::ShareTarget;
use leptos::prelude::*;

use crate::components::can::IfCan;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use super::{LIVE_REFRESH, RunProgress, pass_rate_of, results_table::ResultsCard, status_badge};
use crate::{
    AppError,
    components::{
        alerts::{LoadError, ProblemAlert},
        live::use_live_refresh,
        page_header::{Breadcrumbs, Crumb},
        share_button::ShareButton,
        time::when,
    },
    rpc::evaluations::{CancelRun, StartRun, get_run, load_run_charts},
};

#[component]
pub fn RunPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .get()
            .get("id")
            .and_then(|raw| Uuid::parse_str(&raw).ok())
    });
    let start = ServerAction::<StartRun>::new();
    let cancel = ServerAction::<CancelRun>::new();
    let run: Resource<Result<Run, AppError>> = Resource::new(
        move || (id.get(), start.version().get(), cancel.version().get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => get_run(id).await,
                None => Err(AppError(domain::problem::Problem::new(
                    domain::problem::ErrorCode::NotFound,
                    "no such run",
                ))),
            }
        },
    );
    use_live_refresh(
        LIVE_REFRESH,
        move || {
            run.get_untracked()
                .and_then(Result::ok)
                .is_some_and(|run| !run.status.is_finished())
        },
        move || run.refetch(),
    );
    let action_error = Signal::derive(move || {
        start
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| cancel.value().get().and_then(Result::err))
    });
    let loaded = move || run.get().and_then(Result::ok);
    let finished = Memo::new(move |_| loaded().is_some_and(|run| run.status.is_finished()));
    let done = Memo::new(move |_| loaded().map_or(0, |run| run.progress.done));
    let filter = RwSignal::new(ResultFilter::All);
    let offset = RwSignal::new(0i64);
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || run.get().map(|result| match result {
                Err(error) => view! { <LoadError error /> }.into_any(),
                Ok(run) => view! {
                    <RunView run start cancel />
                    {move || action_error.get().map(|error| view! { <ProblemAlert problem=error.0 /> })}
                }.into_any(),
            })}
        </Transition>
        {move || id.get().map(|id| view! {
            <Charts id finished />
            <ResultsCard id done filter offset />
        })}
    }
}

#[component]
fn RunView(
    run: Run,
    start: ServerAction<StartRun>,
    cancel: ServerAction<CancelRun>,
) -> impl IntoView {
    let id = run.id;
    let can_start = run.status.refuse_start(run.queued_at.is_some()).is_none();
    let can_cancel = run.status.refuse_cancel().is_none();
    let live_summary = run.results.clone();
    view! {
        <Title text=run.name.clone() />
        <Breadcrumbs crumbs=vec![Crumb::link("Evaluations", "/evaluations"), Crumb::here(run.name.clone())] />
        <header class="page-header">
            <div>
                <h1 class="row">{run.name.clone()}{status_badge(&run)}</h1>
                <p class="page-subtitle">
                    <a href=format!("/datasets/{}?version={}", run.dataset_id, run.dataset_version)>{format!("{} v{}", run.dataset, run.dataset_version)}</a>
                    " · "
                    <a href=format!("/prompts/{}/versions/{}", run.prompt_name, run.prompt_version)>{format!("{}@{}", run.prompt_name, run.prompt_version)}</a>
                    " · "
                    <span class="mono">{format!("{} ({})", run.endpoint, run.model_name)}</span>
                </p>
            </div>
            <div class="page-actions">
                <IfCan role=Role::Editor>
                    <ShareButton target=ShareTarget::Run { run_id: id } />
                    {can_start.then(|| view! {
                        <button class="btn btn-primary" id="start-run" on:click=move |_| { start.dispatch(StartRun { id }); }>"Start"</button>
                    })}
                    {can_cancel.then(|| view! {
                        <button class="btn btn-danger-ghost" id="cancel-run" on:click=move |_| { cancel.dispatch(CancelRun { id }); }>"Cancel"</button>
                    })}
                </IfCan>
            </div>
        </header>
        <section class="card">
            <div class="card-body stack">
                <RunProgress run=run.clone() />
                {run.error.clone().map(|error| view! { <div class="alert alert-error" role="alert"><strong>"The run failed: "</strong>{error}</div> })}
                {run.check.clone().map(|check| view! { <CheckBanner run_id=id check /> })}
                <Figures progress=run.progress results=run.results.clone() />
                <p class="small muted">
                    {format!("Created {}", when(&run.created_at))}
                    {run.start_time.as_ref().map(|t| format!(" · started {}", when(t)))}
                    {run.end_time.as_ref().map(|t| format!(" · ended {}", when(t)))}
                </p>
            </div>
        </section>
        {live_summary.map(|summary| view! { <MetricTable summary /> })}
    }
}

/// The scheduled run's check against the previous completed run of its schedule.
#[component]
fn CheckBanner(run_id: Uuid, check: domain::schedule::RunCheck) -> impl IntoView {
    let compare = check.previous_run_id.map(|previous| view! {
        " "<a href=format!("/evaluations/compare?base={previous}&candidate={run_id}")>"Compare with the previous run"</a>
    });
    if check.regression {
        view! {
            <div class="alert alert-error" role="alert" id="run-check" data-check="regression">
                <strong>"Regression. "</strong>
                <ul>{check.reasons.into_iter().map(|reason| view! { <li>{reason}</li> }).collect_view()}</ul>
                {compare}
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="alert alert-success" id="run-check" data-check="ok">
                {if check.previous_run_id.is_some() {
                    "No regression against the previous completed run of this schedule."
                } else {
                    "The first completed run of this schedule: nothing to compare with yet."
                }}
                {compare}
            </div>
        }
        .into_any()
    }
}

#[component]
pub fn Figures(progress: Progress, results: Option<RunSummary>) -> impl IntoView {
    let pass_rate = pass_rate_of(&progress, results.as_ref());
    let latency = results.as_ref().and_then(|r| r.latency_ms);
    let tokens = results.as_ref().map(|r| r.tokens.total);
    let corpus_bleu = results.as_ref().and_then(|r| r.corpus_bleu);
    let passed = progress.passed;
    let errored = progress.errored;
    let failed = progress.done - passed - errored;
    view! {
        <div class="stats" id="run-figures">
            <div class="stat"><div class="stat-label">"Pass rate"</div><div class="stat-value" id="pass-rate">{pass_rate}</div></div>
            <div class="stat">
                <div class="stat-label">"Passed · failed · errored"</div>
                <div class="stat-value">
                    <span class="text-success">{passed}</span>" · "<span class="text-danger">{failed}</span>" · "<span class="text-warning">{errored}</span>
                </div>
            </div>
            <div class="stat">
                <div class="stat-label">"Latency p50 · p95"</div>
                <div class="stat-value">{latency.map_or("—".to_owned(), |l| format!("{:.0} · {:.0} ms", l.p50, l.p95))}</div>
            </div>
            <div class="stat">
                <div class="stat-label">"Tokens"</div>
                <div class="stat-value">{tokens.map_or("—".to_owned(), |t| t.to_string())}</div>
                {corpus_bleu.map(|bleu| view! { <div class="stat-hint">{format!("corpus BLEU {bleu:.4}")}</div> })}
            </div>
        </div>
    }
}

/// Drawn once the run is finished, when the figures no longer move.
#[component]
fn Charts(id: Uuid, finished: Memo<bool>) -> impl IntoView {
    let charts = Resource::new(
        move || finished.get(),
        move |finished| async move {
            if finished {
                load_run_charts(id).await.ok()
            } else {
                None
            }
        },
    );
    view! {
        <Transition fallback=|| ()>
            {move || charts.get().flatten().map(|charts| view! {
                <section class="card" id="run-charts">
                    <div class="card-header"><h2>"Charts"</h2></div>
                    <div class="card-body chart-grid">
                        <figure class="chart" data-chart="pass-fail" inner_html=charts.pass_fail></figure>
                        {charts.histograms.into_iter().map(|(metric, svg)| view! {
                            <figure class="chart" data-chart=format!("histogram-{metric}") inner_html=svg></figure>
                        }).collect_view()}
                    </div>
                </section>
            })}
        </Transition>
    }
}

#[component]
pub fn MetricTable(summary: RunSummary) -> impl IntoView {
    view! {
        <section class="card">
            <div class="card-header"><h2>"Metrics"</h2></div>
            <div class="card-body flush table-wrap">
                <table class="table" id="metric-table">
                    <thead>
                        <tr>
                            <th>"Metric"</th>
                            <th class="num">"Threshold"</th>
                            <th class="num">"Mean"</th>
                            <th class="num">"p50"</th>
                            <th class="num">"p95"</th>
                            <th class="num">"Passed"</th>
                            <th class="num">"Errors"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {summary.metrics.into_iter().map(|m| {
                            let unit = m.name.is_unit_score();
                            let fmt = move |v: Option<f64>| v.map_or("—".to_owned(), |v| if unit { format!("{v:.3}") } else { format!("{v:.1}") });
                            view! {
                                <tr data-metric=m.metric.clone()>
                                    <td><span class="cell-main mono">{m.metric.clone()}</span><span class="cell-sub">{m.name.description()}</span></td>
                                    <td class="num">{m.threshold.map_or("—".to_owned(), |t| format!("{}{t}", if m.name.is_unit_score() { "≥ " } else { "≤ " }))}</td>
                                    <td class="num">{fmt(m.mean)}</td>
                                    <td class="num">{fmt(m.spread.map(|s| s.p50))}</td>
                                    <td class="num">{fmt(m.spread.map(|s| s.p95))}</td>
                                    <td class="num">{m.passed.map_or("—".to_owned(), |p| format!("{p} / {}", m.count + m.errors))}</td>
                                    <td class="num">{m.errors}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
