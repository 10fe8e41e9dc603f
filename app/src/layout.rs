//! The frame around every page: the sidebar with navigation and counts, and the content area.

use leptos::prelude::*;
use leptos_router::{
    components::{A, Outlet},
    hooks::use_location,
};

use crate::rpc::dashboard::{Overview, load_overview};

/// The frame with the matched child route inside. A page that fails while rendering shows its
/// errors in place, and the navigation keeps working.
#[component]
pub fn Layout() -> impl IntoView {
    view! {
        <Frame>
            <ErrorBoundary fallback=|errors| view! {
                <div class="alert alert-error" role="alert">
                    <strong>"This page could not be shown."</strong>
                    <ul>
                        {move || errors.get().into_iter().map(|(_, error)| view! { <li>{error.to_string()}</li> }).collect_view()}
                    </ul>
                </div>
            }>
                <Outlet />
            </ErrorBoundary>
        </Frame>
    }
}

#[component]
pub fn Frame(children: Children) -> impl IntoView {
    view! {
        <div class="app">
            <Sidebar />
            <main class="content">
                <div class="page">{children()}</div>
            </main>
        </div>
    }
}

#[component]
fn Sidebar() -> impl IntoView {
    let location = use_location();
    // Refetched on every navigation so counts follow what the user just created.
    let counts = Resource::new(move || location.pathname.get(), |_| load_overview());
    let count = move |of: fn(&Overview) -> i64| {
        counts
            .get()
            .and_then(Result::ok)
            .map(|overview| of(&overview).to_string())
    };
    view! {
        <nav class="sidebar" aria-label="Main">
            <a class="brand" href="/">
                <span class="brand-mark">"◆"</span>
                <span class="brand-name">"llmops"</span>
            </a>
            <ul class="nav">
                <li>
                    <A href="/" exact=true attr:class="nav-link">
                        <span class="nav-icon">"⌂"</span>
                        "Dashboard"
                    </A>
                </li>
                <li>
                    <A href="/prompts" attr:class="nav-link">
                        <span class="nav-icon">"✎"</span>
                        "Prompts"
                        <Transition>
                            {move || count(|o| o.prompts as i64).map(|n| view! { <span class="nav-count">{n}</span> })}
                        </Transition>
                    </A>
                </li>
                <li>
                    <A href="/datasets" attr:class="nav-link">
                        <span class="nav-icon">"▤"</span>
                        "Datasets"
                        <Transition>
                            {move || count(|o| o.datasets as i64).map(|n| view! { <span class="nav-count">{n}</span> })}
                        </Transition>
                    </A>
                </li>
                <li>
                    <A href="/evaluations" attr:class="nav-link">
                        <span class="nav-icon">"✓"</span>
                        "Evaluations"
                        <Transition>
                            {move || count(|o| o.runs).map(|n| view! { <span class="nav-count">{n}</span> })}
                        </Transition>
                    </A>
                </li>
                <li>
                    <A href="/endpoints" attr:class="nav-link">
                        <span class="nav-icon">"⚡"</span>
                        "Endpoints"
                        <Transition>
                            {move || count(|o| o.endpoints).map(|n| view! { <span class="nav-count">{n}</span> })}
                        </Transition>
                    </A>
                </li>
                <li>
                    <A href="/experiments" attr:class="nav-link">
                        <span class="nav-icon">"⇄"</span>
                        "Experiments"
                    </A>
                </li>
                <li>
                    <A href="/schedules" attr:class="nav-link">
                        <span class="nav-icon">"◷"</span>
                        "Schedules"
                    </A>
                </li>
                <li>
                    <A href="/shares" attr:class="nav-link">
                        <span class="nav-icon">"↗"</span>
                        "Share links"
                    </A>
                </li>
            </ul>
            <div class="sidebar-footer">{concat!("llmops ", env!("CARGO_PKG_VERSION"))}</div>
        </nav>
    }
}
