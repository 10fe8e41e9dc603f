//! The prompt list.

use domain::access::Role;
use domain::prompt::record::PromptSummary;
use leptos::prelude::*;

use crate::components::can::IfCan;
use leptos_meta::Title;

use crate::{
    components::{
        empty_state::EmptyState, page_header::PageHeader, resource_list::ResourceList, time::when,
    },
    rpc::prompts::list_prompts,
};

#[component]
pub fn PromptList() -> impl IntoView {
    let prompts = Resource::new(|| (), |_| list_prompts());
    view! {
        <Title text="Prompts" />
        <PageHeader title="Prompts" subtitle="Versioned templates with typed variables. Services render the active version.">
            <IfCan role=Role::Editor><a class="btn btn-primary" href="/prompts/new" id="new-prompt">"New prompt"</a></IfCan>
        </PageHeader>
        <ResourceList
            resource=prompts
            empty=|| view! {
                <EmptyState
                    title="No prompts yet"
                    detail="A prompt is a named template. Each edit makes a new immutable version; one version is active."
                >
                    <IfCan role=Role::Editor><a class="btn btn-primary" href="/prompts/new">"Create the first prompt"</a></IfCan>
                </EmptyState>
            }
            let:list
        >
            <PromptTable prompts=list />
        </ResourceList>
    }
}

#[component]
fn PromptTable(prompts: Vec<PromptSummary>) -> impl IntoView {
    view! {
        <section class="card">
            <div class="card-body flush table-wrap">
                <table class="table" id="prompt-table">
                    <thead>
                        <tr>
                            <th>"Name"</th>
                            <th>"Active version"</th>
                            <th>"Latest"</th>
                            <th class="num">"Versions"</th>
                            <th>"Updated"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {prompts.into_iter().map(|p| view! {
                            <tr>
                                <td>
                                    <a class="cell-main" href=format!("/prompts/{}", p.name)>{p.name.clone()}</a>
                                    {(!p.description.is_empty()).then(|| view! { <div class="cell-sub truncate">{p.description.clone()}</div> })}
                                </td>
                                <td>{match p.active_version {
                                    Some(v) => view! { <span class="badge badge-success badge-mono">{v}</span> }.into_any(),
                                    None => view! { <span class="muted">"none"</span> }.into_any(),
                                }}</td>
                                <td><span class="badge badge-neutral badge-mono">{p.latest_version}</span></td>
                                <td class="num">{p.version_count}</td>
                                <td class="muted nowrap">{when(&p.updated_at)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
