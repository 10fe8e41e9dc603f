//! The sign-in page, and the setup page that creates the owner's account with the one-time
//! code the server printed. Both stand alone, without the app's navigation.

use domain::access::{Login, Setup};
use domain::problem::Problem;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{load, local_path};
use crate::{
    components::{alerts::ProblemAlert, field::Field},
    rpc::access::{SetUp, SignIn},
};

#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let action = ServerAction::<SignIn>::new();
    let errors = Signal::derive(move || action.value().get().and_then(Result::err).map(|e| e.0));
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            load(&local_path(query.get_untracked().get("next")));
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(SignIn {
            login: Login {
                email: email.get_untracked(),
                password: password.get_untracked(),
            },
        });
    };
    view! {
        <Title text="Sign in" />
        <AuthCard title="Sign in" subtitle="to your llmops workspace">
            <form class="form" id="sign-in-form" on:submit=submit>
                {move || errors.get().map(|problem: Problem| view! { <ProblemAlert problem /> })}
                <Field id="sign-in-email" label="Email" field="email" errors>
                    <input type="email" autocomplete="username" required bind:value=email />
                </Field>
                <Field id="sign-in-password" label="Password" field="password" errors>
                    <input type="password" autocomplete="current-password" required bind:value=password />
                </Field>
                <button
                    type="submit"
                    class="btn btn-primary btn-block"
                    id="sign-in"
                    prop:disabled=move || action.pending().get()
                    aria-busy=move || action.pending().get().to_string()
                >
                    "Sign in"
                </button>
            </form>
        </AuthCard>
    }
}

#[component]
pub fn SetupPage() -> impl IntoView {
    let query = use_query_map();
    let code = RwSignal::new(query.get_untracked().get("code").unwrap_or_default());
    let email = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let action = ServerAction::<SetUp>::new();
    let errors = Signal::derive(move || action.value().get().and_then(Result::err).map(|e| e.0));
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            load("/");
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(SetUp {
            setup: Setup {
                code: code.get_untracked(),
                email: email.get_untracked(),
                display_name: display_name.get_untracked(),
                password: password.get_untracked(),
            },
        });
    };
    view! {
        <Title text="Set up llmops" />
        <AuthCard title="Create the owner's account" subtitle="The first account is an admin: it invites everyone else.">
            <form class="form" id="setup-form" on:submit=submit>
                {move || errors.get().map(|problem: Problem| view! { <ProblemAlert problem /> })}
                <Field id="setup-code" label="Setup code" field="code" errors hint="From the link the server printed when it started.">
                    <input class="mono" autocomplete="off" required bind:value=code />
                </Field>
                <Field id="setup-email" label="Email" field="email" errors>
                    <input type="email" autocomplete="username" required bind:value=email />
                </Field>
                <Field id="setup-name" label="Display name" field="display_name" errors>
                    <input autocomplete="name" bind:value=display_name />
                </Field>
                <Field id="setup-password" label="Password" field="password" errors hint="At least 12 characters.">
                    <input type="password" autocomplete="new-password" required bind:value=password />
                </Field>
                <button
                    type="submit"
                    class="btn btn-primary btn-block"
                    id="set-up"
                    prop:disabled=move || action.pending().get()
                >
                    "Create account and sign in"
                </button>
            </form>
        </AuthCard>
    }
}

#[component]
fn AuthCard(title: &'static str, subtitle: &'static str, children: Children) -> impl IntoView {
    view! {
        <main class="auth">
            <section class="card auth-card">
                <div class="auth-brand"><span class="brand-mark">"◆"</span>" llmops"</div>
                <h1 class="auth-title">{title}</h1>
                <p class="auth-subtitle">{subtitle}</p>
                {children()}
            </section>
        </main>
    }
}
