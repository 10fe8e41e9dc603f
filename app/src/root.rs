//! The app component: metadata, the router and the route table.

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{ParentRoute, Route, Router, Routes},
    path,
};

use crate::{
    layout::{Frame, Layout},
    pages::{
        access::{ApiKeysPage, AuditPage, SetupPage, SignInPage, UsersPage},
        dashboard::Dashboard,
        datasets::{list::DatasetList, new_dataset::NewDatasetPage, show::DatasetPage},
        evaluations::{
            compare::ComparePage, endpoints::EndpointsPage, list::RunList, new_run::NewRunPage,
            show::RunPage,
        },
        experiments::{
            list::ExperimentList, new_experiment::NewExperimentPage, results::ResultsPage,
            show::ExperimentPage,
        },
        not_found::NotFound,
        prompts::{
            diff::PromptDiff, list::PromptList, new_prompt::NewPromptPage,
            new_version::NewVersionPage, show::PromptPage, version::VersionPage,
        },
        schedules::ScheduleList,
        shared::SharedRoute,
        shares::ShareList,
    },
};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    mark_hydrated();
    view! {
        <Title formatter=|page: String| {
            if page.is_empty() { "llmops".to_string() } else { format!("{page} · llmops") }
        } />
        <Router>
            <Routes fallback=|| view! { <Frame><NotFound /></Frame> }>
                <ParentRoute path=path!("") view=Layout>
                    <Route path=path!("") view=Dashboard />
                    <Route path=path!("prompts") view=PromptList />
                    <Route path=path!("prompts/new") view=NewPromptPage />
                    <Route path=path!("prompts/:name") view=PromptPage />
                    <Route path=path!("prompts/:name/versions/new") view=NewVersionPage />
                    <Route path=path!("prompts/:name/versions/:version") view=VersionPage />
                    <Route path=path!("prompts/:name/diff") view=PromptDiff />
                    <Route path=path!("datasets") view=DatasetList />
                    <Route path=path!("datasets/new") view=NewDatasetPage />
                    <Route path=path!("datasets/:id") view=DatasetPage />
                    <Route path=path!("evaluations") view=RunList />
                    <Route path=path!("evaluations/new") view=NewRunPage />
                    <Route path=path!("evaluations/compare") view=ComparePage />
                    <Route path=path!("evaluations/:id") view=RunPage />
                    <Route path=path!("endpoints") view=EndpointsPage />
                    <Route path=path!("experiments") view=ExperimentList />
                    <Route path=path!("experiments/new") view=NewExperimentPage />
                    <Route path=path!("experiments/:id") view=ExperimentPage />
                    <Route path=path!("experiments/:id/results") view=ResultsPage />
                    <Route path=path!("schedules") view=ScheduleList />
                    <Route path=path!("shares") view=ShareList />
                    <Route path=path!("settings/api-keys") view=ApiKeysPage />
                    <Route path=path!("settings/users") view=UsersPage />
                    <Route path=path!("settings/audit") view=AuditPage />
                </ParentRoute>
                <Route path=path!("login") view=SignInPage />
                <Route path=path!("setup") view=SetupPage />
                <Route path=path!("s/:token") view=SharedRoute ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}

/// Browser tests wait for `data-hydrated` on <body>: clicks before hydration do nothing.
fn mark_hydrated() {
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
