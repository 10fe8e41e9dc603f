//! The versions of a prompt as a table, with activate buttons and diff links.

use domain::access::Role;
use domain::prompt::record::PromptVersion;
use leptos::{form::ActionForm, prelude::*};

use crate::{
    components::{can::IfCan, time::when},
    rpc::prompts::ActivateVersion,
};

#[component]
pub fn VersionsTable(
    name: String,
    versions: Vec<PromptVersion>,
    active: Option<String>,
    activate: ServerAction<ActivateVersion>,
) -> impl IntoView {
    view! {
        <table class="table" id="versions-table">
            <thead>
                <tr>
                    <th>"Version"</th>
                    <th>"Kind"</th>
                    <th>"Status"</th>
                    <th>"Created"</th>
                    <th class="num">"Actions"</th>
                </tr>
            </thead>
            <tbody>
                {versions.into_iter().map(|v| {
                    let href = format!("/prompts/{name}/versions/{}", v.version);
                    let diff_href = active
                        .as_ref()
                        .filter(|a| **a != v.version)
                        .map(|a| format!("/prompts/{name}/diff?from={}&to={}", v.version, a));
                    let kind = v.kind.as_str();
                    let name = name.clone();
                    let version = v.version.clone();
                    let row_version = v.version.clone();
                    view! {
                        <tr class:is-active=v.is_active data-version=row_version>
                            <td>
                                <a class="cell-main mono" href=href>{v.version.clone()}</a>
                                <div class="cell-sub truncate">
                                    {if v.commit_message.is_empty() { "—".to_string() } else { v.commit_message.clone() }}
                                </div>
                            </td>
                            <td><span class="badge badge-neutral">{kind}</span></td>
                            <td>
                                <div class="row">
                                    {v.is_active.then(|| view! { <span class="badge badge-success">"active"</span> })}
                                    {v.labels.iter().map(|l| view! { <span class="badge badge-info">{l.clone()}</span> }).collect_view()}
                                </div>
                            </td>
                            <td class="muted nowrap">{when(&v.created_at)}</td>
                            <td class="num">
                                <div class="row" style="justify-content: flex-end">
                                    {diff_href.map(|href| view! { <a class="btn btn-ghost btn-small" href=href>"Diff"</a> })}
                                    {(!v.is_active).then(move || view! {
                                        <IfCan role=Role::Editor>
                                            <ActivateButton activate name=name.clone() version=version.clone() />
                                        </IfCan>
                                    })}
                                </div>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn ActivateButton(
    activate: ServerAction<ActivateVersion>,
    name: String,
    version: String,
) -> impl IntoView {
    view! {
        <ActionForm action=activate>
            <input type="hidden" name="name" value=name />
            <input type="hidden" name="version" value=version.clone() />
            <button type="submit" class="btn btn-secondary btn-small" data-activate=version>"Activate"</button>
        </ActionForm>
    }
}
