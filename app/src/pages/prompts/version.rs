//! One version: its template, variables and model settings, with a render preview.

use domain::prompt::{
    record::{PromptDetail, PromptVersion},
    template::Template,
};
use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{name_param, preview::PreviewForm};
use crate::{
    components::{
        alerts::{LoadError, ProblemAlert},
        page_header::{Breadcrumbs, Crumb},
        time::when,
    },
    rpc::prompts::{ActivateVersion, get_prompt},
};

#[component]
pub fn VersionPage() -> impl IntoView {
    let name = name_param();
    let params = use_params_map();
    let version = Memo::new(move |_| params.read().get("version").unwrap_or_default());
    let activate = ServerAction::<ActivateVersion>::new();
    let prompt = Resource::new(
        move || (name.get(), activate.version().get()),
        |(name, _)| get_prompt(name),
    );
    view! {
        <Title text=move || format!("{} {}", name.get(), version.get()) />
        <Breadcrumbs crumbs=vec![
            Crumb::link("Prompts", "/prompts"),
            Crumb::link(name.get_untracked(), format!("/prompts/{}", name.get_untracked())),
            Crumb::here(version.get_untracked()),
        ] />
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || prompt.get().map(|result| match result {
                Err(error) => view! { <LoadError error /> }.into_any(),
                Ok(detail) => match detail.version(&version.get()).cloned() {
                    Some(shown) => view! { <VersionView detail=detail.clone() shown activate /> }.into_any(),
                    None => {
                        crate::pages::not_found::set_not_found_status();
                        view! { <div class="alert alert-error">"Version " {version.get()} " of " {detail.name.clone()} " does not exist."</div> }.into_any()
                    }
                },
            })}
        </Transition>
        {move || activate.value().get().and_then(Result::err).map(|error| view! { <ProblemAlert problem=error.0 /> })}
    }
}

#[component]
fn VersionView(
    detail: PromptDetail,
    shown: PromptVersion,
    activate: ServerAction<ActivateVersion>,
) -> impl IntoView {
    let name = detail.name.clone();
    let older = detail
        .versions
        .iter()
        .skip_while(|v| v.version != shown.version)
        .nth(1)
        .map(|v| v.version.clone());
    let config = serde_json::to_string_pretty(&shown.model_config).unwrap_or_default();
    view! {
        <header class="page-header">
            <div>
                <h1>
                    {name.clone()} " " <span class="badge badge-neutral badge-mono">{shown.version.clone()}</span> " "
                    {shown.is_active.then(|| view! { <span class="badge badge-success">"active"</span> })}
                    {shown.labels.iter().map(|l| view! { " " <span class="badge badge-info">{l.clone()}</span> }).collect_view()}
                </h1>
                <p class="page-subtitle">
                    {if shown.commit_message.is_empty() { "No commit message.".to_string() } else { shown.commit_message.clone() }}
                    " · " {when(&shown.created_at)}
                </p>
            </div>
            <div class="page-actions">
                {older.map(|o| view! { <a class="btn btn-secondary" href=format!("/prompts/{name}/diff?from={o}&to={}", shown.version)>"Diff with " {o.clone()}</a> })}
                <a class="btn btn-secondary" href=format!("/prompts/{name}/versions/new?from={}", shown.version)>"Edit as new version"</a>
                {(!shown.is_active).then(|| {
                    let (name, version) = (name.clone(), shown.version.clone());
                    view! {
                    <ActionForm action=activate>
                        <input type="hidden" name="name" value=name />
                        <input type="hidden" name="version" value=version />
                        <button type="submit" class="btn btn-primary" id="activate-version">"Activate"</button>
                    </ActionForm>
                }})}
            </div>
        </header>
        <div class="grid-2">
            <section class="card">
                <div class="card-header"><h2>"Template"</h2></div>
                <div class="card-body">
                    {match shown.template.clone() {
                        Template::Text(text) => view! { <pre class="code-block" id="template-source">{text}</pre> }.into_any(),
                        Template::Chat(messages) => view! {
                            <div class="stack" id="template-source">
                                {messages.into_iter().map(|m| view! {
                                    <div>
                                        <span class=format!("role role-{}", m.role.as_str())>{m.role.as_str()}</span>
                                        <pre class="code-block">{m.content}</pre>
                                    </div>
                                }).collect_view()}
                            </div>
                        }.into_any(),
                    }}
                </div>
            </section>
            <div class="stack">
                <section class="card">
                    <div class="card-header"><h2>"Variables"</h2></div>
                    <div class="card-body flush table-wrap">
                        <table class="table">
                            <thead><tr><th>"Name"</th><th>"Type"</th><th>"Required"</th><th>"Default"</th></tr></thead>
                            <tbody>
                                {shown.variables.iter().map(|v| view! {
                                    <tr>
                                        <td><span class="mono">{v.name.clone()}</span>{(!v.description.is_empty()).then(|| view! { <div class="cell-sub">{v.description.clone()}</div> })}</td>
                                        <td><span class="badge badge-neutral">{v.var_type.as_str()}</span></td>
                                        <td>{if v.required { "yes" } else { "no" }}</td>
                                        <td class="mono">{v.default.as_ref().map(|d| d.to_string()).unwrap_or_else(|| "—".into())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </section>
                <section class="card">
                    <div class="card-header"><h2>"Model settings"</h2></div>
                    <div class="card-body"><pre class="code-block">{config}</pre></div>
                </section>
            </div>
        </div>
        <PreviewForm name=name.clone() versions=vec![shown.clone()] initial=Some(shown.version.clone()) />
    }
}
