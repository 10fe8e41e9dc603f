//! The version history: every change to the samples, newest first, each a link to that version.

use domain::dataset::record::DatasetVersion;
use leptos::prelude::*;
use uuid::Uuid;

use super::show::page_href;
use crate::components::time::when;

#[component]
pub fn VersionHistory(
    dataset: Uuid,
    /// Newest first, as the store lists them.
    versions: Vec<DatasetVersion>,
    shown: i64,
) -> impl IntoView {
    view! {
        <section class="card" id="version-history">
            <div class="card-header">
                <h2>"Version history"</h2>
                <span class="muted small">{format!("{} in all", versions.len())}</span>
            </div>
            <div class="card-body">
                <ol class="timeline">
                    {versions.into_iter().map(|v| {
                        let label = format!("v{}", v.version);
                        view! {
                            <li data-version=v.version.to_string()>
                                <div class="timeline-title">
                                    <a
                                        class="mono"
                                        href=page_href(dataset, Some(v.version), 0)
                                        aria-current=(v.version == shown).then_some("true")
                                    >{label}</a>
                                    " · " <span class="text-success">{format!("+{} added", v.added)}</span>
                                    " · " {format!("{} changed", v.changed)}
                                    " · " <span class="text-danger">{format!("{} removed", v.removed)}</span>
                                    " · " {format!("{} {}", v.sample_count, if v.sample_count == 1 { "sample" } else { "samples" })}
                                </div>
                                {v.message.filter(|m| !m.is_empty()).map(|m| view! { <div class="small">{m}</div> })}
                                <div class="timeline-time">{when(&v.created_at)}</div>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </div>
        </section>
    }
}
