//! The dataset list: every dataset with its type, size and current version.

use domain::access::Role;
use domain::dataset::record::Dataset;
use leptos::prelude::*;

use crate::components::can::IfCan;
use leptos_meta::Title;

use super::type_badge;
use crate::{
    components::{
        empty_state::EmptyState, page_header::PageHeader, resource_list::ResourceList, time::when,
    },
    rpc::datasets::list_datasets,
};

#[component]
pub fn DatasetList() -> impl IntoView {
    let datasets = Resource::new(|| (), |_| list_datasets());
    view! {
        <Title text="Datasets" />
        <PageHeader title="Datasets" subtitle="Versioned collections of samples to evaluate prompts against.">
            <IfCan role=Role::Editor><a class="btn btn-primary" href="/datasets/new" id="new-dataset">"New dataset"</a></IfCan>
        </PageHeader>
        <ResourceList
            resource=datasets
            empty=|| view! {
                <EmptyState
                    title="No datasets yet"
                    detail="A dataset holds samples: an input, the expected output, context and metadata. Every change makes a new version; earlier ones stay readable."
                >
                    <IfCan role=Role::Editor><a class="btn btn-primary" href="/datasets/new">"Create the first dataset"</a></IfCan>
                </EmptyState>
            }
            let:list
        >
            <DatasetTable datasets=list />
        </ResourceList>
    }
}

#[component]
fn DatasetTable(datasets: Vec<Dataset>) -> impl IntoView {
    view! {
        <section class="card">
            <div class="card-body flush table-wrap">
                <table class="table" id="dataset-table">
                    <thead>
                        <tr>
                            <th>"Name"</th>
                            <th>"Type"</th>
                            <th class="num">"Samples"</th>
                            <th>"Version"</th>
                            <th>"Updated"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {datasets.into_iter().map(|d| view! {
                            <tr data-dataset-id=d.id.to_string()>
                                <td>
                                    <a class="cell-main" href=format!("/datasets/{}", d.id)>{d.name.clone()}</a>
                                    {(!d.description.is_empty()).then(|| view! { <div class="cell-sub truncate">{d.description.clone()}</div> })}
                                </td>
                                <td>{type_badge(d.dataset_type)}</td>
                                <td class="num">{d.sample_count}</td>
                                <td><span class="badge badge-neutral badge-mono">{format!("v{}", d.version)}</span></td>
                                <td class="muted nowrap">{when(&d.updated_at)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
