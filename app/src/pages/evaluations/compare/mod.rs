//! The comparison page: `/evaluations/compare?base={id}&candidate={id}`. The body is shared
//! with the read-only shared page.

mod body;
mod changes;
mod figures;

pub use body::ComparisonBody;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

use crate::{
    AppError,
    components::{
        alerts::LoadError,
        empty_state::EmptyState,
        page_header::{Breadcrumbs, Crumb},
    },
    rpc::compare::{ComparisonView, load_comparison},
};

#[component]
pub fn ComparePage() -> impl IntoView {
    let query = use_query_map();
    let ids = Memo::new(move |_| {
        let query = query.get();
        let id = |key: &str| query.get(key).and_then(|raw| Uuid::parse_str(&raw).ok());
        id("base").zip(id("candidate"))
    });
    let data: Resource<Option<Result<ComparisonView, AppError>>> = Resource::new(
        move || ids.get(),
        |ids| async move {
            match ids {
                Some((base, candidate)) => Some(load_comparison(base, candidate).await),
                None => None,
            }
        },
    );
    view! {
        <Title text="Compare runs" />
        <Transition fallback=|| view! { <p class="muted">"Comparing…"</p> }>
            {move || data.get().map(|loaded| match loaded {
                None => view! {
                    <Breadcrumbs crumbs=vec![Crumb::link("Evaluations", "/evaluations"), Crumb::here("Compare")] />
                    <section class="card">
                        <EmptyState
                            title="Pick two runs to compare"
                            detail="In the runs list, choose a base and a candidate among the completed runs of one dataset, then press Compare."
                        >
                            <a class="btn btn-primary" href="/evaluations?status=completed">"Choose runs"</a>
                        </EmptyState>
                    </section>
                }.into_any(),
                Some(Err(error)) => view! {
                    <Breadcrumbs crumbs=vec![Crumb::link("Evaluations", "/evaluations"), Crumb::here("Compare")] />
                    <LoadError error />
                }.into_any(),
                Some(Ok(view)) => view! { <ComparisonBody view shared=false /> }.into_any(),
            })}
        </Transition>
    }
}
