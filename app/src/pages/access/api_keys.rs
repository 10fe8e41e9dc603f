//! API keys: the caller's (every key, for admins), a form that creates one and shows its
//! secret once, and revocation.

use domain::access::{ApiKey, CreatedApiKey, KeyScope, NewApiKey};
use domain::problem::Problem;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    AppError,
    components::{
        alerts::ProblemAlert, empty_state::EmptyState, field::Field, page_header::PageHeader,
        resource_list::ResourceList, time::when,
    },
    rpc::access::{CreateApiKey, RevokeApiKey, list_api_keys},
};

#[component]
pub fn ApiKeysPage() -> impl IntoView {
    let create = ServerAction::<CreateApiKey>::new();
    let revoke = ServerAction::<RevokeApiKey>::new();
    let keys: Resource<Result<Vec<ApiKey>, AppError>> = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| list_api_keys(),
    );
    view! {
        <Title text="API keys" />
        <PageHeader title="API keys" subtitle="For services and CI: sent as `Authorization: Bearer <key>`. A key can do at most what its creator can." />
        <NewKeyForm create />
        {move || revoke.value().get().and_then(Result::err).map(|error| view! { <ProblemAlert problem=error.0 /> })}
        <ResourceList
            resource=keys
            empty=|| view! { <EmptyState title="No API keys" detail="Create one above for a service or a CI job." /> }
            let:list
        >
            <KeyTable keys=list revoke />
        </ResourceList>
    }
}

#[component]
fn NewKeyForm(create: ServerAction<CreateApiKey>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let scope = RwSignal::new("serve".to_owned());
    let errors = Signal::derive(move || create.value().get().and_then(Result::err).map(|e| e.0));
    let created = move || create.value().get().and_then(Result::ok);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(scope) = KeyScope::parse(&scope.get_untracked()) else {
            return;
        };
        create.dispatch(CreateApiKey {
            new: NewApiKey {
                name: name.get_untracked(),
                scope,
                expires_at: None,
            },
        });
    };
    view! {
        <form class="form card card-body" id="api-key-form" on:submit=submit>
            {move || errors.get().map(|problem: Problem| view! { <ProblemAlert problem /> })}
            <div class="field-row">
                <Field id="api-key-name" label="Name" field="name" errors hint="Who uses it, e.g. checkout-service or nightly-ci.">
                    <input autocomplete="off" required bind:value=name />
                </Field>
                <Field id="api-key-scope" label="Scope" field="scope" errors hint="serve: render, assign, serve and record metrics only.">
                    <select on:change=move |ev| scope.set(event_target_value(&ev))>
                        {KeyScope::ALL.into_iter().map(|option| view! {
                            <option value=option.as_str() selected=move || scope.get() == option.as_str()>{option.as_str()}</option>
                        }).collect_view()}
                    </select>
                </Field>
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" id="create-api-key" prop:disabled=move || create.pending().get()>
                    "Create key"
                </button>
            </div>
            {move || created().map(|created: CreatedApiKey| view! {
                <div class="alert alert-success" role="status" id="new-api-key">
                    <strong>"Copy the key now: it is not shown again."</strong>
                    <code class="mono secret">{created.secret}</code>
                </div>
            })}
        </form>
    }
}

#[component]
fn KeyTable(keys: Vec<ApiKey>, revoke: ServerAction<RevokeApiKey>) -> impl IntoView {
    view! {
        <section class="card">
            <div class="card-body flush table-wrap">
                <table class="table" id="api-key-table">
                    <thead>
                        <tr>
                            <th>"Name"</th>
                            <th>"Scope"</th>
                            <th>"Created"</th>
                            <th>"Last used"</th>
                            <th>"Status"</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        {keys.into_iter().map(|key| {
                            let id = key.id;
                            let active = key.revoked_at.is_none();
                            view! {
                                <tr data-key=key.id.to_string()>
                                    <td><span class="cell-main">{key.name.clone()}</span><span class="cell-sub mono">{format!("{}…", key.prefix)}</span></td>
                                    <td><span class="badge badge-neutral">{key.scope.as_str()}</span></td>
                                    <td class="muted nowrap">{when(&key.created_at)}</td>
                                    <td class="muted nowrap">{key.last_used_at.as_ref().map_or("never".to_owned(), when)}</td>
                                    <td>{if active { view! { <span class="badge badge-success">"active"</span> }.into_any() } else { view! { <span class="badge badge-neutral">"revoked"</span> }.into_any() }}</td>
                                    <td class="num">
                                        <Show when=move || active>
                                            <button class="btn btn-danger-ghost btn-sm" data-action="revoke" on:click=move |_| {
                                                revoke.dispatch(RevokeApiKey { id });
                                            }>"Revoke"</button>
                                        </Show>
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
