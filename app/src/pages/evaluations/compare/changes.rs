//! Samples that moved between pass and fail, each with a word-level diff of the two outputs.

use domain::eval::compare::SampleChange;
use domain::eval::result::Score;
use domain::prompt::diff::SideBySide;
use leptos::prelude::*;

use crate::components::diff_table::DiffTable;

#[component]
pub fn Changes(
    id: &'static str,
    title: &'static str,
    empty: &'static str,
    total: u64,
    changes: Vec<SampleChange>,
    diffs: Vec<SideBySide>,
) -> impl IntoView {
    let shown = changes.len() as u64;
    view! {
        <section class="card" id=id>
            <div class="card-header">
                <h2>{title}</h2>
                <span class="badge badge-neutral">{total}</span>
                {(total > shown).then(|| view! {
                    <span class="muted small">{format!("the first {shown} are shown; the API lists all")}</span>
                })}
            </div>
            {if changes.is_empty() {
                view! { <div class="card-body muted">{empty}</div> }.into_any()
            } else {
                changes.into_iter().zip(diffs).map(|(change, diff)| view! { <Change change diff /> }).collect_view().into_any()
            }}
        </section>
    }
}

#[component]
fn Change(change: SampleChange, diff: SideBySide) -> impl IntoView {
    view! {
        <article class="change card-body stack" data-sample-id=change.sample_id.to_string()>
            <div class="change-head">
                <span class="badge badge-neutral badge-mono">{format!("#{}", change.position + 1)}</span>
                <span class="change-text"><span class="muted small">"input "</span>{change.input.clone()}</span>
                <span class="change-text"><span class="muted small">"expected "</span>{change.expected_output.clone()}</span>
            </div>
            <div>
                <div class="diff-header"><span>"base output"</span><span>"candidate output"</span></div>
                <DiffTable diff />
            </div>
            {errors(&change)}
            <div class="change-sides small">
                <span>{scores(&change.base_scores)}</span>
                <span>{scores(&change.candidate_scores)}</span>
            </div>
        </article>
    }
}

fn errors(change: &SampleChange) -> impl IntoView + use<> {
    let line = |side: &str, error: &Option<String>| {
        error
            .clone()
            .map(|e| view! { <div class="text-danger small">{format!("{side} error: {e}")}</div> })
    };
    view! { {line("base", &change.base_error)}{line("candidate", &change.candidate_error)} }
}

fn scores(scores: &[Score]) -> String {
    scores
        .iter()
        .map(|s| match (s.value, s.passed) {
            (Some(v), Some(passed)) => {
                format!("{} {v:.3} {}", s.metric, if passed { "✓" } else { "✗" })
            }
            (Some(v), None) => format!("{} {v:.3}", s.metric),
            _ => format!("{} —", s.metric),
        })
        .collect::<Vec<_>>()
        .join(" · ")
}
