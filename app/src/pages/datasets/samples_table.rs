//! One version's samples, a page at a time, with the version selector and, on the current
//! version, the buttons that edit or delete a sample.

use domain::dataset::record::{DatasetVersion, Sample, SamplePage};
use leptos::{children::ViewFn, prelude::*};
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

use super::{
    sample_form::SampleDraft,
    show::{DatasetActions, PAGE_SIZE, page_href},
};
use crate::{
    AppError,
    components::{
        empty_state::EmptyState,
        resource_list::{Listing, Placement, list_outcome},
    },
    rpc::datasets::DeleteSample,
};

/// Characters of a long text shown before it folds; the rest opens without any script.
const PREVIEW_CHARS: usize = 160;

/// Sample text is stored byte for byte, so its line breaks are shown; long words wrap instead of
/// widening the table.
const KEEP_LINES: &str = "white-space: pre-wrap; overflow-wrap: anywhere; max-width: 40ch";

/// A version without samples is empty; a page past its last sample is not (the pager shows
/// where the samples are).
impl Listing for SamplePage {
    fn is_empty(&self) -> bool {
        self.total == 0
    }
}

#[component]
pub fn SamplesCard(
    dataset: Uuid,
    page: Result<SamplePage, AppError>,
    versions: Vec<DatasetVersion>,
    current: i64,
    shown: i64,
    /// The version named in the address, kept in the paging links; `None` follows the current.
    pinned: Option<i64>,
    actions: DatasetActions,
    draft: SampleDraft,
) -> impl IntoView {
    // The page is updated in place when the address changes, so the select's value is set as a
    // property too: once a user has picked an option, `selected` attributes no longer move it.
    let navigate = use_navigate();
    let choose_version = move |ev| {
        if let Ok(version) = event_target_value(&ev).parse::<i64>() {
            navigate(&page_href(dataset, Some(version), 0), Default::default());
        }
    };
    // `shown` is the loaded page's version whenever there is a page to be empty.
    let empty = ViewFn::from(move || {
        view! {
            <EmptyState
                title=format!("Version {shown} has no samples")
                detail="Add a sample below, or import a JSONL or CSV file: each line or row becomes a sample."
            />
        }
    });
    view! {
        <section class="card" id="samples">
            <div class="card-header">
                <h2>"Samples"</h2>
                <div class="card-actions">
                    <label class="small muted" for="version-select">"Version"</label>
                    <select id="version-select" class="pill-select" prop:value=shown.to_string() on:change=choose_version>
                        {versions.into_iter().map(|v| {
                            let label = if v.version == current { format!("v{} — current", v.version) } else { format!("v{}", v.version) };
                            view! { <option value=v.version.to_string() selected=v.version == shown>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="card-body flush">
                {list_outcome(page, Placement::CardBody, &empty, |page| view! {
                    {pager(dataset, pinned, &page)}
                    <div class="table-wrap">
                        <SamplesTable dataset page editable=shown == current actions draft />
                    </div>
                })}
            </div>
        </section>
    }
}

/// "26–50 of 120" and the links to the pages before and after this one.
fn pager(dataset: Uuid, pinned: Option<i64>, page: &SamplePage) -> impl IntoView + use<> {
    // An offset past the end (the last samples were just deleted) shows no rows, not "121–120".
    let range = if page.samples.is_empty() {
        format!("none past {} of {}", page.offset, page.total)
    } else {
        let last = page.offset + page.samples.len() as i64;
        format!("{}–{last} of {}", page.offset + 1, page.total)
    };
    let previous =
        (page.offset > 0).then(|| page_href(dataset, pinned, (page.offset - PAGE_SIZE).max(0)));
    let next = (page.offset + PAGE_SIZE < page.total)
        .then(|| page_href(dataset, pinned, page.offset + PAGE_SIZE));
    view! {
        <div class="toolbar">
            <span class="small muted" id="page-range">{range}</span>
            <span class="spacer"></span>
            {page_link("prev-page", "← Previous", previous)}
            {page_link("next-page", "Next →", next)}
        </div>
    }
}

/// A paging link; at either end it stays in place, greyed out, so the buttons do not jump.
fn page_link(id: &'static str, label: &'static str, href: Option<String>) -> impl IntoView {
    let disabled = href.is_none();
    view! {
        <a class="btn btn-secondary btn-small" id=id href=href aria-disabled=disabled.then_some("true")>
            {label}
        </a>
    }
}

#[component]
fn SamplesTable(
    dataset: Uuid,
    page: SamplePage,
    /// Only the current version can change: older ones are history.
    editable: bool,
    actions: DatasetActions,
    draft: SampleDraft,
) -> impl IntoView {
    let offset = page.offset;
    view! {
        <table class="table" id="samples-table" data-version=page.version.to_string()>
            <thead>
                <tr>
                    <th class="num">"#"</th>
                    <th>"Input"</th>
                    <th>"Expected output"</th>
                    <th>"Context"</th>
                    <th>"Metadata"</th>
                    {editable.then(|| view! { <th class="num">"Actions"</th> })}
                </tr>
            </thead>
            <tbody>
                {page.samples.into_iter().enumerate().map(|(index, sample)| {
                    let number = offset + index as i64 + 1;
                    view! { <SampleRow dataset sample number editable actions draft /> }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn SampleRow(
    dataset: Uuid,
    sample: Sample,
    number: i64,
    editable: bool,
    actions: DatasetActions,
    draft: SampleDraft,
) -> impl IntoView {
    let sample_id = sample.id;
    let metadata = serde_json::Value::Object(sample.metadata.clone()).to_string();
    let buttons = editable.then(|| {
        let editing = sample.clone();
        let delete = move |_| {
            // Deleting the sample being edited ends the edit: there is nothing left to save.
            draft.forget(sample_id);
            actions.delete.dispatch(DeleteSample {
                id: dataset,
                sample_id,
            });
        };
        view! {
            <td class="num nowrap">
                <button type="button" class="btn btn-ghost btn-small" data-edit=sample_id.to_string() on:click=move |_| {
                    actions.forget_form_errors();
                    draft.load(&editing);
                }>"Edit"</button>
                " "
                <button
                    type="button"
                    class="btn btn-ghost btn-small"
                    data-delete=sample_id.to_string()
                    prop:disabled=move || actions.delete.pending().get()
                    on:click=delete
                >"Delete"</button>
            </td>
        }
    });
    view! {
        <tr data-sample-id=sample_id.to_string() class:is-active=move || draft.editing.get() == Some(sample_id)>
            <td class="num muted">{number}</td>
            <td>{folded(sample.input)}</td>
            <td>{folded(sample.expected_output)}</td>
            <td>{folded(sample.context)}</td>
            <td class="mono muted small">{folded(metadata)}</td>
            {buttons}
        </tr>
    }
}

/// Short text as it is; long text as its beginning, with the whole of it folded away.
fn folded(text: String) -> AnyView {
    if text.is_empty() {
        return view! { <span class="muted">"—"</span> }.into_any();
    }
    match text.char_indices().nth(PREVIEW_CHARS) {
        None => view! { <div style=KEEP_LINES>{text}</div> }.into_any(),
        Some((cut, _)) => {
            let head = format!("{}…", &text[..cut]);
            view! {
                <div style=KEEP_LINES>{head}</div>
                <details>
                    <summary class="small muted">"more"</summary>
                    <div style=KEEP_LINES>{text}</div>
                </details>
            }
            .into_any()
        }
    }
}
