//! Controls for roles that can use them: a viewer sees no "New prompt" button it could only be
//! refused for. The server checks every operation regardless; this only spares the refusal.

use domain::access::{CallerInfo, Role};
use leptos::prelude::*;

use crate::AppError;

/// Who is signed in, loaded once by the layout for every page inside it.
#[derive(Clone, Copy)]
pub struct SignedIn(pub Resource<Result<Option<CallerInfo>, AppError>>);

/// `children` when the caller's role includes `role`; nothing otherwise, or outside the layout.
#[component]
pub fn IfCan(role: Role, children: ChildrenFn) -> impl IntoView {
    let signed_in = use_context::<SignedIn>();
    let allowed = move || {
        signed_in
            .and_then(|SignedIn(me)| me.get())
            .and_then(Result::ok)
            .flatten()
            .is_some_and(|me| me.can(role))
    };
    view! {
        <Transition>
            <Show when=allowed>{children()}</Show>
        </Transition>
    }
}
