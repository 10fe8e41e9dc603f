//! The breadcrumb trail and title block at the top of a page.

use leptos::prelude::*;

/// One step of the breadcrumb trail; the last one is the current page and has no link.
pub struct Crumb {
    pub label: String,
    pub href: Option<String>,
}

impl Crumb {
    pub fn link(label: impl Into<String>, href: impl Into<String>) -> Self {
        Crumb {
            label: label.into(),
            href: Some(href.into()),
        }
    }

    pub fn here(label: impl Into<String>) -> Self {
        Crumb {
            label: label.into(),
            href: None,
        }
    }
}

#[component]
pub fn Breadcrumbs(crumbs: Vec<Crumb>) -> impl IntoView {
    view! {
        <ol class="breadcrumbs">
            {crumbs
                .into_iter()
                .map(|crumb| match crumb.href {
                    Some(href) => view! { <li><a href=href>{crumb.label}</a></li> }.into_any(),
                    None => view! { <li><span aria-current="page">{crumb.label}</span></li> }.into_any(),
                })
                .collect_view()}
        </ol>
    }
}
