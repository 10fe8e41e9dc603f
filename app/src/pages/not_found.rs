//! The 404 page, sent with a 404 status when rendered on the server.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    set_not_found_status();
    view! {
        <Title text="Not found" />
        <div class="not-found">
            <div class="not-found-code">"404"</div>
            <h1>"This page does not exist"</h1>
            <p class="muted">"The address may be mistyped, or the thing it named was removed."</p>
            <a class="btn btn-primary" href="/">"Back to the dashboard"</a>
        </div>
    }
}

/// Sets the HTTP status of the response being rendered; a no-op in the browser.
pub fn set_not_found_status() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
}
