//! The active share links, each with its page and a revoke button.

use domain::access::Role;
use domain::share::Share;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    AppError,
    components::{
        alerts::ProblemAlert, can::IfCan, empty_state::EmptyState, page_header::PageHeader,
        resource_list::ResourceList, time::when,
    },
    rpc::shares::{RevokeShareLink, list_share_links},
};

#[component]
pub fn ShareList() -> impl IntoView {
    let revoke = ServerAction::<RevokeShareLink>::new();
    let shares: Resource<Result<Vec<Share>, AppError>> =
        Resource::new(move || revoke.version().get(), |_| list_share_links());
    view! {
        <Title text="Share links" />
        <PageHeader title="Share links" subtitle="Read-only pages of runs, comparisons and experiment results that anyone with the link can open." />
        {move || revoke.value().get().and_then(Result::err).map(|error| view! { <ProblemAlert problem=error.0 /> })}
        <ResourceList
            resource=shares
            empty=|| view! {
                <EmptyState
                    title="No active links"
                    detail="Use Share on a run, a comparison or an experiment's results to make a read-only link."
                />
            }
            let:list
        >
            <ShareTable shares=list revoke />
        </ResourceList>
    }
}

#[component]
fn ShareTable(shares: Vec<Share>, revoke: ServerAction<RevokeShareLink>) -> impl IntoView {
    view! {
        <section class="card">
            <div class="card-body flush table-wrap">
                <table class="table" id="share-table">
                    <thead>
                        <tr>
                            <th>"Shared page"</th>
                            <th>"Kind"</th>
                            <th>"Created"</th>
                            <th>"Expires"</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        {shares.into_iter().map(|share| {
                            let token = share.token.clone();
                            view! {
                                <tr data-token=share.token.clone()>
                                    <td><a class="cell-main" href=share.path.clone() target="_blank" rel="noopener">{share.title.clone()}</a><span class="cell-sub mono">{share.path.clone()}</span></td>
                                    <td><span class="badge badge-neutral">{share.target.kind()}</span></td>
                                    <td class="muted nowrap">{when(&share.created_at)}{share.created_by.clone().map(|by| view! { <span class="cell-sub">{format!("by {by}")}</span> })}</td>
                                    <td class="muted nowrap">{share.expires_at.as_ref().map_or("never".to_owned(), when)}</td>
                                    <td class="num">
                                        <IfCan role=Role::Editor><RevokeButton token=token.clone() revoke /></IfCan>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn RevokeButton(token: String, revoke: ServerAction<RevokeShareLink>) -> impl IntoView {
    view! {
        <button class="btn btn-danger-ghost btn-sm" data-action="revoke" on:click=move |_| {
            revoke.dispatch(RevokeShareLink { token: token.clone() });
        }>"Revoke"</button>
    }
}
