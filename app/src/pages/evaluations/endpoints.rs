//! Model endpoints: the list with a "test connection" button per endpoint, and the form that
//! adds one. API keys stay in the server's environment; only the variable's name is stored.

use domain::access::Role;
use domain::eval::endpoint::{Endpoint, NewEndpoint};
use domain::problem::{ErrorCode, Problem};
use leptos::prelude::*;

use crate::components::can::IfCan;
use leptos_meta::Title;
use serde_json::Map;

use crate::{
    components::{
        alerts::ProblemAlert,
        empty_state::EmptyState,
        field::Field,
        json_field::parse_json_object,
        page_header::{Breadcrumbs, Crumb, PageHeader},
        resource_list::ResourceList,
    },
    rpc::evaluations::{CheckEndpoint, CreateEndpoint, list_endpoints},
};

#[component]
pub fn EndpointsPage() -> impl IntoView {
    let create = ServerAction::<CreateEndpoint>::new();
    let endpoints = Resource::new(move || create.version().get(), |_| list_endpoints());
    view! {
        <Title text="Endpoints" />
        <Breadcrumbs crumbs=vec![Crumb::link("Evaluations", "/evaluations"), Crumb::here("Endpoints")] />
        <PageHeader title="Model endpoints" subtitle="Where runs send their prompts: any OpenAI-compatible chat-completions server, or the built-in echo endpoint." />
        <ResourceList
            resource=endpoints
            empty=|| view! {
                <EmptyState title="No endpoints yet" detail="Add an endpoint below: OpenAI, vLLM, llama.cpp's server and Ollama all speak the OpenAI chat-completions API; echo answers with the prompt itself." />
            }
            let:list
        >
            <EndpointTable endpoints=list />
        </ResourceList>
        <IfCan role=Role::Admin><EndpointForm action=create /></IfCan>
    }
}

#[component]
fn EndpointTable(endpoints: Vec<Endpoint>) -> impl IntoView {
    view! {
        <section class="card">
            <div class="card-body flush table-wrap">
                <table class="table" id="endpoint-table">
                    <thead>
                        <tr>
                            <th>"Name"</th>
                            <th>"Kind"</th>
                            <th>"Model"</th>
                            <th class="num">"Concurrency"</th>
                            <th class="num">"Timeout"</th>
                            <th class="num">"Retries"</th>
                            <th>"Connection"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {endpoints.into_iter().map(|e| view! { <EndpointRow endpoint=e /> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn EndpointRow(endpoint: Endpoint) -> impl IntoView {
    let check = ServerAction::<CheckEndpoint>::new();
    let name = endpoint.name.clone();
    let outcome = move || {
        check.value().get().map(|result| match result {
            Ok(report) if report.ok => view! {
                <span class="badge badge-success" data-connection="ok">{format!("ok · {} ms", report.latency_ms)}</span>
                {report.reply.map(|reply| view! { <span class="cell-sub truncate">{format!("“{reply}”")}</span> })}
            }.into_any(),
            Ok(report) => view! {
                <span class="badge badge-danger" data-connection="failed">"failed"</span>
                <span class="cell-sub result-error">{report.error.unwrap_or_default()}</span>
            }.into_any(),
            Err(error) => view! { <span class="cell-sub result-error">{error.0.message}</span> }.into_any(),
        })
    };
    view! {
        <tr data-endpoint=endpoint.name.clone()>
            <td>
                <span class="cell-main mono">{endpoint.name.clone()}</span>
                {(!endpoint.base_url.is_empty()).then(|| view! { <span class="cell-sub mono">{endpoint.base_url.clone()}</span> })}
                {endpoint.api_key_env.clone().map(|var| view! { <span class="cell-sub">"key from "<code>{var}</code></span> })}
            </td>
            <td><span class="badge badge-neutral">{endpoint.kind.as_str()}</span></td>
            <td class="mono small">{endpoint.model.clone()}</td>
            <td class="num">{endpoint.max_concurrency}</td>
            <td class="num nowrap">{format!("{} ms", endpoint.timeout_ms)}</td>
            <td class="num">{endpoint.max_retries}</td>
            <td>
                <div class="row">
                    <button
                        class="btn btn-secondary btn-small test-connection"
                        prop:disabled=move || check.pending().get()
                        on:click=move |_| { check.dispatch(CheckEndpoint { name: name.clone() }); }
                    >
                        {move || if check.pending().get() { "Testing…" } else { "Test connection" }}
                    </button>
                    {outcome}
                </div>
            </td>
        </tr>
    }
}

#[component]
fn EndpointForm(action: ServerAction<CreateEndpoint>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new("openai".to_owned());
    let base_url = RwSignal::new(String::new());
    let model = RwSignal::new(String::new());
    let api_key_env = RwSignal::new(String::new());
    let max_concurrency = RwSignal::new("4".to_owned());
    let timeout_ms = RwSignal::new("60000".to_owned());
    let max_retries = RwSignal::new("3".to_owned());
    let parameters = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<Problem>);
    let errors = Signal::derive(move || {
        local_error
            .get()
            .or_else(|| action.value().get().and_then(Result::err).map(|e| e.0))
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            name.set(String::new());
            base_url.set(String::new());
            model.set(String::new());
            api_key_env.set(String::new());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problem = Problem::new(ErrorCode::ValidationFailed, "the endpoint is invalid");
        let mut number = |field: &str, text: String| -> Option<u32> {
            let parsed = text.trim().parse::<u32>().ok();
            if parsed.is_none() {
                problem = problem.clone().with_field(field, "must be a whole number");
            }
            parsed
        };
        let max_concurrency = number("max_concurrency", max_concurrency.get_untracked());
        let timeout_ms = number("timeout_ms", timeout_ms.get_untracked());
        let max_retries = number("max_retries", max_retries.get_untracked());
        let default_parameters =
            parse_json_object(&parameters.get_untracked()).unwrap_or_else(|_| {
                problem = problem
                    .clone()
                    .with_field("default_parameters", "must be a JSON object");
                Map::new()
            });
        if !problem.details.is_empty() {
            return local_error.set(Some(problem));
        }
        local_error.set(None);
        action.dispatch(CreateEndpoint {
            new: NewEndpoint {
                name: name.get_untracked(),
                kind: kind.get_untracked(),
                base_url: base_url.get_untracked(),
                model: model.get_untracked(),
                api_key_env: Some(api_key_env.get_untracked()).filter(|v| !v.trim().is_empty()),
                max_concurrency,
                timeout_ms,
                max_retries,
                default_parameters,
            },
        });
    };
    let is_openai = move || kind.get() == "openai";
    view! {
        <form class="form card card-body" id="endpoint-form" on:submit=submit>
            <h2>"Add an endpoint"</h2>
            {move || errors.get().map(|problem| view! { <ProblemAlert problem /> })}
            <div class="field-row">
                <Field id="endpoint-name" label="Name" field="name" errors>
                    <input class="mono" placeholder="local-llama" autocomplete="off" bind:value=name />
                </Field>
                <Field id="endpoint-kind" label="Kind" field="kind" errors narrow=true>
                    <select prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="openai">"openai"</option>
                        <option value="echo">"echo"</option>
                    </select>
                </Field>
            </div>
            <Show when=is_openai>
                <div class="field-row">
                    <Field id="endpoint-url" label="Base URL" field="base_url" errors hint="Up to and including /v1; requests go to …/chat/completions.">
                        <input class="mono" placeholder="http://127.0.0.1:8080/v1" autocomplete="off" bind:value=base_url />
                    </Field>
                    <Field id="endpoint-model" label="Model" field="model" errors>
                        <input class="mono" placeholder="gpt-4o-mini" autocomplete="off" bind:value=model />
                    </Field>
                </div>
                <Field id="endpoint-key" label="API key variable" field="api_key_env" errors hint="The name of the server's environment variable holding the key; the key itself is never stored.">
                    <input class="mono" placeholder="OPENAI_API_KEY" autocomplete="off" bind:value=api_key_env />
                </Field>
            </Show>
            <div class="field-row">
                <Field id="endpoint-concurrency" label="Max concurrency" field="max_concurrency" errors>
                    <input class="mono" placeholder="4" autocomplete="off" bind:value=max_concurrency />
                </Field>
                <Field id="endpoint-timeout" label="Timeout (ms)" field="timeout_ms" errors>
                    <input class="mono" placeholder="60000" autocomplete="off" bind:value=timeout_ms />
                </Field>
                <Field id="endpoint-retries" label="Retries" field="max_retries" errors hint="On 429, 5xx and timeouts, with backoff.">
                    <input class="mono" placeholder="3" autocomplete="off" bind:value=max_retries />
                </Field>
            </div>
            <Field
                id="endpoint-parameters"
                label=view! { "Default parameters " <span class="muted">"(JSON, optional)"</span> }
                field="default_parameters"
                errors
            >
                <textarea class="mono" rows="2" placeholder="{\"temperature\": 0}" bind:value=parameters></textarea>
            </Field>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" id="create-endpoint" prop:disabled=move || action.pending().get()>"Add endpoint"</button>
            </div>
        </form>
    }
}
