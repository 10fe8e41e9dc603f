//! Pages for the areas whose features are not in this build yet: each says what will be there.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::page_header::PageHeader;

use crate::components::empty_state::EmptyState;

#[component]
fn Planned(title: &'static str, summary: &'static str, detail: &'static str) -> impl IntoView {
    view! {
        <Title text=title />
        <PageHeader title=title subtitle=summary />
        <section class="card">
            <EmptyState title=format!("No {} yet", title.to_lowercase()) detail=detail>
                <a class="btn btn-secondary" href="/prompts">"Go to prompts"</a>
            </EmptyState>
        </section>
    }
}

#[component]
pub fn Experiments() -> impl IntoView {
    view! {
        <Planned
            title="Experiments"
            summary="A/B tests that split live traffic between prompt and model variants."
            detail="Experiments are not available in this version of llmops."
        />
    }
}
