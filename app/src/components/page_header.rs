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

/// The title block of a page with plain text; `children` are the page's action buttons.
#[component]
pub fn PageHeader(
    #[prop(into)] title: String,
    #[prop(into)] subtitle: String,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <header class="page-header">
            <div>
                <h1>{title}</h1>
                <p class="page-subtitle">{subtitle}</p>
            </div>
            {children.map(|actions| view! { <div class="page-actions">{actions()}</div> })}
        </header>
    }
}
