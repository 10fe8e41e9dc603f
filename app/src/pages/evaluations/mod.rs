//! Evaluation pages: the runs list, the new-run form, a run with its results, and endpoints.

pub mod compare;
pub mod endpoints;
pub mod list;
pub mod new_run;
pub mod results_table;
pub mod show;

use std::time::Duration;

use domain::eval::{
    record::{Progress, Run},
    status::RunStatus,
    summary::RunSummary,
};
use leptos::prelude::*;

/// How often pages showing unfinished runs refresh them.
pub const LIVE_REFRESH: Duration = Duration::from_millis(1000);

/// The run's status as a badge; a pending run that was started shows as queued.
pub fn status_badge(run: &Run) -> impl IntoView + use<> {
    let (class, label) = match run.status {
        RunStatus::Pending if run.queued_at.is_some() => ("badge badge-info", "queued"),
        RunStatus::Pending => ("badge badge-neutral", "pending"),
        RunStatus::Running => ("badge badge-info badge-live", "running"),
        RunStatus::Completed => ("badge badge-success", "completed"),
        RunStatus::Failed => ("badge badge-danger", "failed"),
        RunStatus::Cancelled => ("badge badge-warning", "cancelled"),
    };
    view! { <span class=class data-status=run.status.as_str()>{label}</span> }
}

/// Samples done out of the total, as a bar and a count.
#[component]
pub fn RunProgress(run: Run) -> impl IntoView {
    let progress = run.progress;
    let percent = (progress.fraction() * 100.0).clamp(0.0, 100.0);
    let state = match run.status {
        RunStatus::Completed => "progress-done",
        RunStatus::Failed | RunStatus::Cancelled => "progress-stopped",
        _ => "progress-live",
    };
    view! {
        <div class="progress-line">
            <div
                class=format!("progress {state}")
                role="progressbar"
                aria-label="Samples done"
                aria-valuemin="0"
                aria-valuemax=progress.total.to_string()
                aria-valuenow=progress.done.to_string()
            >
                <div class="progress-bar" style=format!("width: {percent:.1}%")></div>
            </div>
            <span class="progress-count num">{format!("{} / {}", progress.done, progress.total)}</span>
        </div>
    }
}

/// "83.3%" or "—" before any result.
pub fn pass_rate_text(run: &Run) -> String {
    pass_rate_of(&run.progress, run.results.as_ref())
}

/// The final pass rate, or the one so far.
pub fn pass_rate_of(progress: &Progress, results: Option<&RunSummary>) -> String {
    match results {
        Some(results) if results.total > 0 => format!("{:.1}%", results.pass_rate * 100.0),
        _ if progress.done > 0 => format!(
            "{:.1}%",
            progress.passed as f64 / progress.done as f64 * 100.0
        ),
        _ => "—".to_owned(),
    }
}
