//! The frame around every page: the sidebar with navigation and counts, and the content area.

use leptos::prelude::*;
use leptos_router::{
    components::{A, Outlet},
    hooks::use_location,
};

use domain::access::{CallerInfo, Role};

use crate::components::can::SignedIn;
use crate::pages::access::load;
use crate::rpc::access::{SignOut, current_caller};
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
    provide_context(SignedIn(Resource::new(|| (), |_| current_caller())));
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
    let me = expect_context::<SignedIn>().0;
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
            <Transition>
                {move || me.get().and_then(Result::ok).flatten().map(|me| view! { <SettingsNav me /> })}
            </Transition>
            <div class="sidebar-footer">
                <Transition>
                    {move || me.get().and_then(Result::ok).flatten().map(|me| view! { <UserMenu me /> })}
                </Transition>
                <span class="muted">{concat!("llmops ", env!("CARGO_PKG_VERSION"))}</span>
            </div>
        </nav>
    }
}

/// Keys for editors; users and the audit log for admins.
#[component]
fn SettingsNav(me: CallerInfo) -> impl IntoView {
    let admin = me.can(Role::Admin);
    let editor = me.can(Role::Editor);
    view! {
        <Show when=move || editor>
            <ul class="nav nav-settings" aria-label="Settings">
                <li><A href="/settings/api-keys" attr:class="nav-link"><span class="nav-icon">"⚿"</span>"API keys"</A></li>
                <Show when=move || admin>
                    <li><A href="/settings/users" attr:class="nav-link"><span class="nav-icon">"☺"</span>"Users"</A></li>
                    <li><A href="/settings/audit" attr:class="nav-link"><span class="nav-icon">"☰"</span>"Audit log"</A></li>
                </Show>
            </ul>
        </Show>
    }
}

#[component]
fn UserMenu(me: CallerInfo) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = sign_out.value().get() {
            load("/login");
        }
    });
    let role = me.role.map(Role::as_str).unwrap_or("serve");
    view! {
        <div class="user-menu" id="user-menu">
            <span class="user-name">{me.name.clone()}</span>
            <span class="badge badge-neutral" id="user-role">{role}</span>
            <Show when=move || me.kind == "user">
                <button class="btn btn-ghost btn-sm" id="sign-out" on:click=move |_| { sign_out.dispatch(SignOut {}); }>
                    "Sign out"
                </button>
            </Show>
        </div>
    }
}
