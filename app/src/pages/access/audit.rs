//! The audit log, for admins: the newest changes first, filtered by operation.

use domain::access::{AuditFilter, AuditPage as Page};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::{alerts::ProblemAlert, page_header::PageHeader, time::when},
    rpc::access::load_audit,
};

#[component]
pub fn AuditPage() -> impl IntoView {
    let operation = RwSignal::new(String::new());
    let page = Resource::new(
        move || operation.get(),
        |operation| {
            load_audit(AuditFilter {
                operation: Some(operation).filter(|o| !o.trim().is_empty()),
                ..AuditFilter::default()
            })
        },
    );
    view! {
        <Title text="Audit log" />
        <PageHeader title="Audit log" subtitle="Every change: who made it, what it was, when and from where." />
        <div class="toolbar">
            <input class="mono" id="audit-operation" placeholder="Filter by operation, e.g. prompt. or api_key.revoke"
                on:change=move |ev| operation.set(event_target_value(&ev)) />
        </div>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || page.get().map(|result| match result {
                Err(error) => view! { <ProblemAlert problem=error.0 /> }.into_any(),
                Ok(page) => view! { <AuditTable page /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn AuditTable(page: Page) -> impl IntoView {
    view! {
        <section class="card">
            <div class="card-body flush table-wrap">
                <table class="table" id="audit-table">
                    <thead>
                        <tr><th>"When"</th><th>"Who"</th><th>"What"</th><th>"Target"</th><th>"From"</th></tr>
                    </thead>
                    <tbody>
                        {page.entries.into_iter().map(|entry| view! {
                            <tr>
                                <td class="muted nowrap">{when(&entry.at)}</td>
                                <td><span class="cell-main">{entry.actor_name}</span><span class="cell-sub">{entry.actor_kind}</span></td>
                                <td class="mono">{entry.operation}</td>
                                <td><span class="cell-main">{entry.target_name}</span><span class="cell-sub">{entry.target_kind}</span></td>
                                <td class="muted mono">{entry.address.unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
