//! Labels: named pointers such as "staging" that services can render by name.

use std::collections::BTreeMap;

use domain::prompt::record::PromptVersion;
use leptos::{form::ActionForm, prelude::*};

use super::show::PromptActions;

#[component]
pub fn LabelsCard(
    name: String,
    labels: BTreeMap<String, String>,
    versions: Vec<PromptVersion>,
    actions: PromptActions,
) -> impl IntoView {
    let remove_name = name.clone();
    view! {
        <section class="card">
            <div class="card-header"><h2>"Labels"</h2></div>
            <div class="card-body stack">
                {if labels.is_empty() {
                    view! { <p class="muted small">"No labels. A label such as " <code class="inline">"staging"</code> " points at one version; render it with " <code class="inline">"\"version\": \"staging\""</code> "."</p> }.into_any()
                } else {
                    view! {
                        <ul class="stack" id="labels">
                            {labels.into_iter().map(|(label, version)| {
                                let remove_name = remove_name.clone();
                                view! {
                                <li class="row">
                                    <span class="badge badge-info">{label.clone()}</span>
                                    "→"
                                    <span class="mono">{version}</span>
                                    <span class="spacer"></span>
                                    <ActionForm action=actions.remove_label>
                                        <input type="hidden" name="name" value=remove_name.clone() />
                                        <input type="hidden" name="label" value=label.clone() />
                                        <button type="submit" class="btn btn-ghost btn-small" aria-label=format!("Remove label {label}")>"Remove"</button>
                                    </ActionForm>
                                </li>
                            }}).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <ActionForm action=actions.set_label>
                    <div class="row" id="label-form">
                        <input type="hidden" name="name" value=name.clone() />
                        <input name="label" id="label-name" placeholder="staging" aria-label="Label" class="mono" style="max-width: 10rem" required />
                        <select name="version" id="label-version" aria-label="Version" style="max-width: 10rem">
                            {versions.iter().map(|v| view! { <option value=v.version.clone()>{v.version.clone()}</option> }).collect_view()}
                        </select>
                        <button type="submit" class="btn btn-secondary" id="set-label">"Set label"</button>
                    </div>
                </ActionForm>
            </div>
        </section>
    }
}
