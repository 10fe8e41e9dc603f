//! The home page: what is in the workbench and where to go next.

use domain::access::Role;
use leptos::prelude::*;

use crate::components::can::IfCan;
use leptos_meta::Title;

use crate::{
    components::empty_state::EmptyState,
    components::page_header::PageHeader,
    components::{alerts::LoadError, time::when},
    rpc::dashboard::{Overview, load_overview},
};

#[component]
pub fn Dashboard() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_overview());
    view! {
        <Title text="Dashboard" />
        <PageHeader title="Dashboard" subtitle="Prompts, datasets, evaluations and experiments in one place.">
            <IfCan role=Role::Editor><a class="btn btn-primary" href="/prompts/new">"New prompt"</a></IfCan>
        </PageHeader>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || data.get().map(|result| match result {
                Ok(overview) => view! { <OverviewView overview /> }.into_any(),
                Err(error) => view! { <LoadError error /> }.into_any(),
            })}
        </Suspense>
        <section class="feature-grid">
            <div class="feature">
                <h3>"Prompts"</h3>
                <p>"Versioned templates with typed variables, activation history and labels."</p>
                <a href="/prompts">"Open prompts →"</a>
            </div>
            <div class="feature">
                <h3>"Datasets"</h3>
                <p>"Versioned samples with inputs, expected outputs and context."</p>
                <a href="/datasets">"Open datasets →"</a>
            </div>
            <div class="feature">
                <h3>"Evaluations"</h3>
                <p>"Score a prompt and a model over a dataset; compare runs to catch regressions."</p>
                <a href="/evaluations">"Open evaluations →"</a>
            </div>
            <div class="feature">
                <h3>"Experiments"</h3>
                <p>"Split live traffic between variants and decide with sound statistics."</p>
                <a href="/experiments">"Open experiments →"</a>
            </div>
        </section>
    }
}

#[component]
fn OverviewView(overview: Overview) -> impl IntoView {
    let recent = overview.recent.clone();
    view! {
        <section class="stats">
            <div class="stat">
                <div class="stat-label">"Prompts"</div>
                <div class="stat-value" id="stat-prompts">{overview.prompts}</div>
            </div>
            <div class="stat">
                <div class="stat-label">"Versions"</div>
                <div class="stat-value">{overview.versions}</div>
            </div>
            <div class="stat">
                <div class="stat-label">"Active"</div>
                <div class="stat-value">{overview.active}</div>
                <div class="stat-hint">"prompts serving a version"</div>
            </div>
            <div class="stat">
                <div class="stat-label">"Datasets"</div>
                <div class="stat-value">{overview.datasets}</div>
                <div class="stat-hint">{format!("{} samples in current versions", overview.samples)}</div>
            </div>
        </section>
        <section class="card">
            <div class="card-header"><h2>"Recently changed prompts"</h2></div>
            {if recent.is_empty() {
                view! {
                    <EmptyState title="No prompts yet" detail="Create a prompt to version, activate and render it.">
                        <IfCan role=Role::Editor><a class="btn btn-primary" href="/prompts/new">"New prompt"</a></IfCan>
                    </EmptyState>
                }
                .into_any()
            } else {
                view! {
                    <div class="card-body flush table-wrap">
                        <table class="table">
                            <thead><tr><th>"Prompt"</th><th>"Active"</th><th class="num">"Versions"</th><th>"Updated"</th></tr></thead>
                            <tbody>
                                {recent.into_iter().map(|p| view! {
                                    <tr>
                                        <td><a class="cell-main" href=format!("/prompts/{}", p.name)>{p.name.clone()}</a></td>
                                        <td>{p.active_version.map(|v| view! { <span class="badge badge-success badge-mono">{v}</span> })}</td>
                                        <td class="num">{p.version_count}</td>
                                        <td class="muted nowrap">{when(&p.updated_at)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}
