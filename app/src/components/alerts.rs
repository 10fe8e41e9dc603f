//! Showing failures: a whole problem as an alert, or what a page shows when it cannot load.

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

/// What a page shows when its data could not be loaded.
#[component]
pub fn LoadError(error: AppError) -> impl IntoView {
    if error.is_not_found() {
        crate::pages::not_found::set_not_found_status();
    }
    view! { <ProblemAlert problem=error.0 /> }
}
