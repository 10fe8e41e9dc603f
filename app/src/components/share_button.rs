//! "Share": makes a read-only link to what the page shows, with an optional expiry.

use domain::share::ShareTarget;
use leptos::prelude::*;

use crate::{components::alerts::ProblemAlert, rpc::shares::CreateShareLink};

/// Expiry choices, in hours; None lasts until revoked.
const EXPIRIES: [(&str, Option<u32>); 4] = [
    ("7 days", Some(24 * 7)),
    ("1 day", Some(24)),
    ("30 days", Some(24 * 30)),
    ("never", None),
];

#[component]
pub fn ShareButton(target: ShareTarget) -> impl IntoView {
    let open = RwSignal::new(false);
    let expiry = RwSignal::new(0usize);
    let create = ServerAction::<CreateShareLink>::new();
    let absolute = |path: &str| {
        let origin = window().location().origin().unwrap_or_default();
        format!("{origin}{path}")
    };
    view! {
        <div class="share">
            <button class="btn btn-secondary" id="share" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                "Share"
            </button>
            <Show when=move || open.get()>
                <div class="share-panel" role="dialog" aria-label="Share a read-only link">
                    <p class="small muted">"Anyone with the link sees this page read-only, without signing in."</p>
                    <label class="field-inline">
                        <span>"Expires after"</span>
                        <select id="share-expiry" class="input-sm" on:change=move |ev| {
                            expiry.set(event_target_value(&ev).parse().unwrap_or(0));
                        }>
                            {EXPIRIES.iter().enumerate().map(|(i, (label, _))| view! {
                                <option value=i.to_string() selected=move || expiry.get() == i>{*label}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <button class="btn btn-primary" id="create-share" disabled=move || create.pending().get() on:click=move |_| {
                        create.dispatch(CreateShareLink { target, expires_in_hours: EXPIRIES[expiry.get_untracked()].1 });
                    }>"Create link"</button>
                    {move || create.value().get().map(|result| match result {
                        Ok(share) => view! {
                            <div class="stack">
                                <input class="input mono" id="share-url" readonly value=absolute(&share.path) />
                                <span class="small muted">
                                    {share.expires_at.map_or("Lasts until revoked. ".to_owned(), |at| format!("Expires {}. ", crate::components::time::when(&at)))}
                                    <a href="/shares">"Manage links"</a>
                                </span>
                            </div>
                        }.into_any(),
                        Err(error) => view! { <ProblemAlert problem=error.0 /> }.into_any(),
                    })}
                </div>
            </Show>
        </div>
    }
}
