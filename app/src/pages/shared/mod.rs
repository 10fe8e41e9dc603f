//! `/s/{token}`: a shared, read-only page, rendered whole on the server (the route waits for
//! its data), so it is complete without JavaScript and link previews find its title and
//! description. It has no sidebar and no links into the app.

mod experiment;
mod run;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::{
    components::time::when,
    pages::evaluations::compare::ComparisonBody,
    rpc::shares::{SharedContent, SharedPage, load_shared},
};

#[component]
pub fn SharedRoute() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(
        move || params.get().get("token").unwrap_or_default(),
        load_shared,
    );
    view! {
        <div class="shared">
            <Suspense fallback=|| ()>
                {move || page.get().map(|loaded| match loaded {
                    Ok(page) => view! { <Shared page /> }.into_any(),
                    Err(_) => view! {
                        <Title text="Link not available" />
                        <Meta name="robots" content="noindex" />
                        <section class="card shared-missing" id="share-missing">
                            <div class="card-body stack">
                                <h1>"This link does not work"</h1>
                                <p class="muted">"It does not exist, has expired or was revoked. Ask whoever sent it for a new one."</p>
                            </div>
                        </section>
                    }.into_any(),
                })}
            </Suspense>
            <footer class="shared-footer small muted">"Shared read-only from llmops"</footer>
        </div>
    }
}

#[component]
fn Shared(page: SharedPage) -> impl IntoView {
    let SharedPage {
        title,
        description,
        expires_at,
        content,
    } = page;
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=description.clone() />
        <Meta property="og:title" content=title />
        <Meta property="og:description" content=description />
        <Meta name="robots" content="noindex" />
        {expires_at.map(|at| view! { <p class="shared-expiry small muted">{format!("This link expires {}.", when(&at))}</p> })}
        {match content {
            SharedContent::Run(run) => view! { <run::SharedRunView run=*run /> }.into_any(),
            SharedContent::Comparison(view) => view! { <ComparisonBody view=*view shared=true /> }.into_any(),
            SharedContent::Experiment(experiment) => view! { <experiment::SharedExperimentView experiment=*experiment /> }.into_any(),
        }}
    }
}
