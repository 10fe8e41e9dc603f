//! The skeleton every list shares: "Loading…" while its data is on the way, the failure if it
//! could not be loaded, the empty state when there is nothing in it, or the items.

use leptos::{children::ViewFn, prelude::*};
use serde::{Serialize, de::DeserializeOwned};

use super::alerts::LoadError;
use crate::AppError;

/// What a list loads: the items themselves, or a page of them that knows whether there are any.
pub trait Listing {
    fn is_empty(&self) -> bool;
}

impl<T> Listing for Vec<T> {
    fn is_empty(&self) -> bool {
        <[T]>::is_empty(self)
    }
}

/// Where a list sits, which decides the frame of its messages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Placement {
    /// Directly on a page: the empty state gets a card of its own.
    #[default]
    Page,
    /// In the flush body of a card that is already drawn: messages get the card's padding.
    CardBody,
}

/// Follows `resource`: the items are drawn by `children` (`let:items`), `empty` when there are
/// none. A reload keeps the items on screen until the new ones arrive.
#[component]
pub fn ResourceList<T, F, V>(
    resource: Resource<Result<T, AppError>>,
    /// Usually an `EmptyState`: what would be here, and how to start.
    #[prop(into)]
    empty: ViewFn,
    #[prop(optional)] placement: Placement,
    children: F,
) -> impl IntoView
where
    T: Listing + Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let loading_class = match placement {
        Placement::Page => "muted",
        Placement::CardBody => "muted card-body",
    };
    view! {
        <Transition fallback=move || view! { <p class=loading_class>"Loading…"</p> }>
            {move || resource.get().map(|result| list_outcome(result, placement, &empty, &children))}
        </Transition>
    }
}

/// The failure, the empty state or the items, for a list whose data is already loaded.
pub fn list_outcome<T: Listing, V: IntoView + 'static>(
    result: Result<T, AppError>,
    placement: Placement,
    empty: &ViewFn,
    items: impl FnOnce(T) -> V,
) -> AnyView {
    match (result, placement) {
        (Err(error), Placement::Page) => view! { <LoadError error /> }.into_any(),
        (Err(error), Placement::CardBody) => {
            view! { <div class="card-body"><LoadError error /></div> }.into_any()
        }
        (Ok(list), Placement::Page) if list.is_empty() => {
            view! { <section class="card">{empty.run()}</section> }.into_any()
        }
        (Ok(list), Placement::CardBody) if list.is_empty() => empty.run(),
        (Ok(list), _) => items(list).into_any(),
    }
}
