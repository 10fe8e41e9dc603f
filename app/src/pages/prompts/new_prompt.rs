//! Creating a prompt: name, description and the first version.

use domain::problem::Problem;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use super::editor::{EditorState, VersionEditor};
use crate::{
    components::{
        alerts::ProblemAlert,
        field::Field,
        page_header::{Breadcrumbs, Crumb, PageHeader},
    },
    rpc::prompts::CreatePrompt,
};

#[component]
pub fn NewPromptPage() -> impl IntoView {
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let state = EditorState::empty();
    let action = ServerAction::<CreatePrompt>::new();
    let local_problem = RwSignal::new(None::<Problem>);
    let errors = Signal::derive(move || {
        local_problem
            .get()
            .or_else(|| action.value().get().and_then(Result::err).map(|e| e.0))
    });
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(created)) = action.value().get() {
            navigate(&format!("/prompts/{created}"), Default::default());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        local_problem.set(None);
        match state.to_draft() {
            Ok(first) => {
                action.dispatch(CreatePrompt {
                    name: name.get_untracked().trim().to_string(),
                    description: description.get_untracked(),
                    first,
                });
            }
            Err(problem) => local_problem.set(Some(problem)),
        }
    };
    view! {
        <Title text="New prompt" />
        <Breadcrumbs crumbs=vec![Crumb::link("Prompts", "/prompts"), Crumb::here("New prompt")] />
        <PageHeader title="New prompt" subtitle="The first version becomes the active one." />
        <form class="form" id="prompt-form" on:submit=submit>
            {move || errors.get().map(|problem| view! { <ProblemAlert problem /> })}
            <fieldset class="fieldset">
                <legend>"Prompt"</legend>
                <div class="field-row">
                    <Field id="prompt-name" label="Name" field="name" errors hint="Letters, digits, '-', '_' and '.'; services fetch the prompt by this name.">
                        <input class="mono" placeholder="support-reply" autocomplete="off" bind:value=name />
                    </Field>
                    <Field id="prompt-description" label="Description" field="description" errors>
                        <input placeholder="What the prompt is for" bind:value=description />
                    </Field>
                </div>
            </fieldset>
            <VersionEditor state errors next_version="1.0.0".to_string() />
            <div class="form-actions">
                <a class="btn btn-ghost" href="/prompts">"Cancel"</a>
                <button
                    type="submit"
                    class="btn btn-primary"
                    id="save-prompt"
                    prop:disabled=move || action.pending().get()
                    aria-busy=move || action.pending().get().to_string()
                >
                    "Create prompt"
                </button>
            </div>
        </form>
    }
}
