//! Accounts, for admins: who has which role, a form to add someone, and a role change or a
//! disabling per row (the server refuses to leave no admin).

use domain::access::{NewUser, Role, User, UserChange};
use domain::problem::Problem;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    AppError,
    components::{
        alerts::ProblemAlert, field::Field, page_header::PageHeader, resource_list::ResourceList,
        time::when,
    },
    rpc::access::{CreateUser, UpdateUser, list_users},
};

#[component]
pub fn UsersPage() -> impl IntoView {
    let create = ServerAction::<CreateUser>::new();
    let update = ServerAction::<UpdateUser>::new();
    let users: Resource<Result<Vec<User>, AppError>> = Resource::new(
        move || (create.version().get(), update.version().get()),
        |_| list_users(),
    );
    view! {
        <Title text="Users" />
        <PageHeader title="Users" subtitle="Admins manage users, keys and endpoints; editors change content; viewers read." />
        <NewUserForm create />
        {move || update.value().get().and_then(Result::err).map(|error| view! { <ProblemAlert problem=error.0 /> })}
        <ResourceList resource=users empty=|| view! { <p>"No users."</p> } let:list>
            <UserTable users=list update />
        </ResourceList>
    }
}

#[component]
fn NewUserForm(create: ServerAction<CreateUser>) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new("viewer".to_owned());
    let errors = Signal::derive(move || create.value().get().and_then(Result::err).map(|e| e.0));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(role) = Role::parse(&role.get_untracked()) else {
            return;
        };
        create.dispatch(CreateUser {
            new: NewUser {
                email: email.get_untracked(),
                display_name: display_name.get_untracked(),
                password: password.get_untracked(),
                role,
            },
        });
    };
    view! {
        <form class="form card card-body" id="user-form" on:submit=submit>
            {move || errors.get().map(|problem: Problem| view! { <ProblemAlert problem /> })}
            <div class="field-row">
                <Field id="user-email" label="Email" field="email" errors>
                    <input type="email" autocomplete="off" required bind:value=email />
                </Field>
                <Field id="user-name" label="Display name" field="display_name" errors>
                    <input autocomplete="off" bind:value=display_name />
                </Field>
            </div>
            <div class="field-row">
                <Field id="user-password" label="Password" field="password" errors hint="At least 12 characters; they can change it later.">
                    <input type="password" autocomplete="new-password" required bind:value=password />
                </Field>
                <Field id="user-role" label="Role" field="role" errors>
                    <select on:change=move |ev| role.set(event_target_value(&ev))>
                        {Role::ALL.into_iter().map(|option| view! {
                            <option value=option.as_str() selected=move || role.get() == option.as_str()>{option.as_str()}</option>
                        }).collect_view()}
                    </select>
                </Field>
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" id="create-user" prop:disabled=move || create.pending().get()>
                    "Add user"
                </button>
            </div>
        </form>
    }
}

#[component]
fn UserTable(users: Vec<User>, update: ServerAction<UpdateUser>) -> impl IntoView {
    view! {
        <section class="card">
            <div class="card-body flush table-wrap">
                <table class="table" id="user-table">
                    <thead>
                        <tr><th>"User"</th><th>"Role"</th><th>"Since"</th><th>"Status"</th><th></th></tr>
                    </thead>
                    <tbody>
                        {users.into_iter().map(|user| {
                            let id = user.id;
                            let disabled = user.disabled;
                            let current = user.role;
                            view! {
                                <tr data-user=user.email.clone()>
                                    <td><span class="cell-main">{user.display_name.clone()}</span><span class="cell-sub">{user.email.clone()}</span></td>
                                    <td>
                                        <select aria-label="Role" on:change=move |ev| {
                                            let role = Role::parse(&event_target_value(&ev));
                                            update.dispatch(UpdateUser { id, change: UserChange { role, ..UserChange::default() } });
                                        }>
                                            {Role::ALL.into_iter().map(|option| view! {
                                                <option value=option.as_str() selected=option == current>{option.as_str()}</option>
                                            }).collect_view()}
                                        </select>
                                    </td>
                                    <td class="muted nowrap">{when(&user.created_at)}</td>
                                    <td>{if disabled { "disabled" } else { "active" }}</td>
                                    <td class="num">
                                        <button class="btn btn-ghost btn-sm" data-action="toggle" on:click=move |_| {
                                            update.dispatch(UpdateUser { id, change: UserChange { disabled: Some(!disabled), ..UserChange::default() } });
                                        }>{if disabled { "Enable" } else { "Disable" }}</button>
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
