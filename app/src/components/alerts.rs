//! Showing failures: a whole problem as an alert, or one field's message beside its input.

use domain::problem::Problem;
use leptos::prelude::*;

use crate::AppError;

/// An error banner listing the message and every field at fault.
#[component]
pub fn ProblemAlert(#[prop(into)] problem: Problem) -> impl IntoView {
    let details = problem.details.clone();
    view! {
        <div class="alert alert-error" role="alert">
            <strong>{problem.message.clone()}</strong>
            {(!details.is_empty())
                .then(|| {
                    view! {
                        <ul>
                            {details
                                .into_iter()
                                .map(|d| view! { <li><code>{d.field}</code>" "{d.message}</li> })
                                .collect_view()}
                        </ul>
                    }
                })}
        </div>
    }
}

/// The inline message for one field of a form, when the last submission named it.
#[component]
pub fn FieldMessage(
    #[prop(into)] errors: Signal<Option<Problem>>,
    #[prop(into)] field: Signal<String>,
) -> impl IntoView {
    let message = move || {
        errors.with(|problem| {
            problem
                .as_ref()
                .and_then(|p| p.field(&field.get()).map(str::to_string))
        })
    };
    view! {
        {move || message().map(|m| view! { <p class="field-error">{m}</p> })}
    }
}

/// `aria-invalid` for a control whose field the last submission named.
pub fn invalid(errors: Signal<Option<Problem>>, field: impl Fn() -> String) -> bool {
    errors.with(|problem| {
        problem
            .as_ref()
            .is_some_and(|p| p.field(&field()).is_some())
    })
}

/// What a page shows when its data could not be loaded.
#[component]
pub fn LoadError(error: AppError) -> impl IntoView {
    if error.is_not_found() {
        crate::pages::not_found::set_not_found_status();
    }
    view! { <ProblemAlert problem=error.0 /> }
}
