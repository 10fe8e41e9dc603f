//! A run's per-sample results in dataset order, filtered to failed or errored ones, a page at
//! a time; it follows new results while the run is live.

use domain::eval::{
    record::{ResultFilter, ResultPage},
    result::SampleResult,
};
use leptos::prelude::*;
use uuid::Uuid;

use crate::{
    components::{
        empty_state::EmptyState,
        resource_list::{Listing, Placement, ResourceList},
    },
    rpc::evaluations::load_results,
};

const PAGE_SIZE: i64 = 50;
/// Characters of long text shown before it folds.
const PREVIEW_CHARS: usize = 220;

/// A page past the last result is empty too: the filter matched nothing there.
impl Listing for ResultPage {
    fn is_empty(&self) -> bool {
        self.results.is_empty()
    }
}

#[component]
pub fn ResultsCard(
    id: Uuid,
    /// Samples with a result: a new one refreshes the page.
    done: Memo<u64>,
    filter: RwSignal<ResultFilter>,
    offset: RwSignal<i64>,
) -> impl IntoView {
    let page = Resource::new(
        move || (filter.get(), offset.get(), done.get()),
        move |(filter, offset, _)| load_results(id, filter, offset, PAGE_SIZE),
    );
    let tab = move |value: ResultFilter, label: &'static str| {
        view! {
            <button
                class="segment"
                data-filter=label.to_lowercase()
                aria-pressed=move || (filter.get() == value).to_string()
                on:click=move |_| { filter.set(value); offset.set(0); }
            >{label}</button>
        }
    };
    view! {
        <section class="card" id="results">
            <div class="card-header">
                <h2>"Samples"</h2>
                <div class="card-actions segmented" role="group" aria-label="Show">
                    {tab(ResultFilter::All, "All")}
                    {tab(ResultFilter::Failed, "Failed")}
                    {tab(ResultFilter::Errored, "Errored")}
                </div>
            </div>
            <div class="card-body flush">
                <ResourceList
                    resource=page
                    placement=Placement::CardBody
                    empty=|| view! { <EmptyState title="Nothing to show" detail="No sample matches this filter yet." /> }
                    let:page
                >
                    <ResultRows page offset />
                </ResourceList>
            </div>
        </section>
    }
}

#[component]
fn ResultRows(page: ResultPage, offset: RwSignal<i64>) -> impl IntoView {
    let total = page.total;
    let first = page.offset + 1;
    let last = page.offset + page.results.len() as i64;
    let has_previous = page.offset > 0;
    let has_next = last < total;
    view! {
        <div class="table-wrap">
            <table class="table results-table" id="result-table">
                <thead>
                    <tr>
                        <th class="num">"#"</th>
                        <th>"Input"</th>
                        <th>"Expected"</th>
                        <th>"Output"</th>
                        <th>"Scores"</th>
                        <th class="num">"Latency"</th>
                    </tr>
                </thead>
                <tbody>
                    {page.results.into_iter().map(|result| view! { <ResultRow result /> }).collect_view()}
                </tbody>
            </table>
        </div>
        <div class="pager">
            <span class="muted small">{format!("{first}–{last} of {total}")}</span>
            <div class="row">
                <button class="btn btn-secondary btn-small" prop:disabled=!has_previous on:click=move |_| offset.update(|o| *o = (*o - PAGE_SIZE).max(0))>"Previous"</button>
                <button class="btn btn-secondary btn-small" prop:disabled=!has_next on:click=move |_| offset.update(|o| *o += PAGE_SIZE)>"Next"</button>
            </div>
        </div>
    }
}

#[component]
fn ResultRow(result: SampleResult) -> impl IntoView {
    let state = if result.errored {
        "errored"
    } else if result.passed {
        "passed"
    } else {
        "failed"
    };
    view! {
        <tr data-result=state data-sample-id=result.sample_id.to_string()>
            <td class="num muted">{result.position}</td>
            <td><Folded text=result.input.clone() /></td>
            <td><Folded text=result.expected_output.clone() /></td>
            <td>
                {match (&result.output, &result.error) {
                    (Some(output), _) => view! { <Folded text=output.clone() /> }.into_any(),
                    (None, _) => view! { <span class="muted">"—"</span> }.into_any(),
                }}
                {result.error.clone().map(|error| view! { <p class="result-error">{error}</p> })}
            </td>
            <td>
                <div class="score-chips">
                    {result.scores.iter().map(|score| {
                        let class = match score.passed {
                            Some(true) => "chip chip-pass",
                            Some(false) => "chip chip-fail",
                            None if score.value.is_none() => "chip chip-error",
                            None => "chip",
                        };
                        let value = score.value.map_or("error".to_owned(), |v| {
                            if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v:.2}") }
                        });
                        let title = score.error.clone().unwrap_or_default();
                        view! { <span class=class title=title><span class="chip-key">{score.metric.clone()}</span>{value}</span> }
                    }).collect_view()}
                </div>
            </td>
            <td class="num nowrap">{result.latency_ms.map_or("—".to_owned(), |ms| format!("{ms} ms"))}</td>
        </tr>
    }
}

/// Long text shows its start and opens in place, without any script.
#[component]
fn Folded(text: String) -> impl IntoView {
    if text.chars().count() <= PREVIEW_CHARS {
        return view! { <span class="keep-lines">{text}</span> }.into_any();
    }
    let preview: String = text.chars().take(PREVIEW_CHARS).collect();
    view! {
        <details class="fold">
            <summary class="keep-lines">{preview}"…"</summary>
            <span class="keep-lines">{text}</span>
        </details>
    }
    .into_any()
}
