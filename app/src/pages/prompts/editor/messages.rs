//! The chat template editor: a list of messages, each a role and a template.

use domain::{problem::Problem, prompt::template::ChatRole};
use leptos::prelude::*;

use super::state::{EditorState, MessageRow};
use crate::components::field::{FieldControl, FieldMessage};

const ROLES: [ChatRole; 3] = [ChatRole::System, ChatRole::User, ChatRole::Assistant];

#[component]
pub fn MessageList(state: EditorState, errors: Signal<Option<Problem>>) -> impl IntoView {
    let rows = state.messages;
    let add =
        move |_| rows.update(|rows| rows.push(MessageRow::new(ChatRole::User, String::new())));
    view! {
        <div class="message-list">
            <For
                each=move || rows.get().into_iter().enumerate()
                key=|(index, row)| (row.key, *index)
                children=move |(index, row)| {
                    let remove = move |_| rows.update(|rows| rows.retain(|r| r.key != row.key));
                    view! {
                        <div class="message-item">
                            <div class="row">
                                <select
                                    id=format!("message-role-{index}")
                                    aria-label="Role"
                                    class="pill-select"
                                    on:change=move |ev| {
                                        let value = event_target_value(&ev);
                                        if let Some(role) = ROLES.into_iter().find(|role| role.as_str() == value) {
                                            row.role.set(role);
                                        }
                                    }
                                >
                                    {ROLES.into_iter().map(|role| view! {
                                        <option value=role.as_str() selected=move || row.role.get() == role>{role.as_str()}</option>
                                    }).collect_view()}
                                </select>
                                <span class="spacer"></span>
                                <button type="button" class="btn btn-ghost btn-small" aria-label="Remove message" on:click=remove>"✕"</button>
                            </div>
                            <FieldControl id=format!("message-content-{index}") field=format!("template[{index}].content") errors>
                                <textarea class="code" spellcheck="false" aria-label="Message template" bind:value=row.content></textarea>
                            </FieldControl>
                        </div>
                    }
                }
            />
            <div class="row">
                <button type="button" class="btn btn-secondary btn-small" id="add-message" on:click=add>"+ Add message"</button>
            </div>
            <FieldMessage errors field="template" />
        </div>
    }
}
