//! What a list shows when there is nothing in it yet: what would be there, and how to start.

use leptos::prelude::*;

/// `children` is the call to action, usually one button.
#[component]
pub fn EmptyState(
    #[prop(into)] title: String,
    #[prop(into)] detail: String,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="empty-state">
            <h3>{title}</h3>
            <p class="muted">{detail}</p>
            {children.map(|action| action())}
        </div>
    }
}
