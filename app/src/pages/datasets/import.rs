//! Importing a JSONL or CSV file. The browser sends the file's bytes as they are to the REST
//! import endpoint, which streams them into one transaction: a large file never passes through a
//! server function or the wasm heap, and a file with any bad line changes nothing.

use domain::{dataset::record::DatasetVersion, problem::Problem};
use leptos::{html::Input, prelude::*};
use serde::Deserialize;
use uuid::Uuid;

use super::show::DatasetActions;
use crate::components::alerts::ProblemAlert;

/// The REST API's answer to a successful import.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Imported {
    pub imported: i64,
    pub version: DatasetVersion,
}

/// Kept with the page, not the control: the header is drawn again when the dataset is fetched
/// after the import, and the outcome must outlive that.
#[derive(Clone, Copy)]
pub struct ImportState {
    /// The answer to the last import, shown until the next one starts.
    pub outcome: RwSignal<Option<Result<Imported, Problem>>>,
    pub busy: RwSignal<bool>,
}

impl ImportState {
    pub fn new() -> Self {
        ImportState {
            outcome: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }
}

/// The file picker and the button that sends the chosen file.
#[component]
pub fn ImportControl(dataset: Uuid, state: ImportState, actions: DatasetActions) -> impl IntoView {
    let file_input = NodeRef::<Input>::new();
    view! {
        <input
            type="file"
            id="import-file"
            accept=".jsonl,.ndjson,.csv"
            aria-label="JSONL or CSV file to import"
            title="JSONL or CSV file to import"
            style="width: auto; height: auto; padding: 3px"
            node_ref=file_input
        />
        <button
            type="button"
            class="btn btn-primary"
            id="import-button"
            prop:disabled=move || state.busy.get()
            aria-busy=move || state.busy.get().to_string()
            on:click=move |_| start_import(dataset, file_input, state, actions)
        >
            {move || if state.busy.get() { "Importing…" } else { "Import" }}
        </button>
    }
}

/// The outcome of the last import: how many samples it added, or every line at fault.
#[component]
pub fn ImportResult(state: ImportState) -> impl IntoView {
    move || {
        state.outcome.get().map(|outcome| match outcome {
            Ok(done) => {
                let noun = if done.imported == 1 { "sample" } else { "samples" };
                view! {
                    <div class="alert alert-success" id="import-result" role="status">
                        {format!("Imported {} {noun} as version {}", done.imported, done.version.version)}
                    </div>
                }
                .into_any()
            }
            Err(problem) => view! { <div id="import-error"><ProblemAlert problem /></div> }.into_any(),
        })
    }
}

/// Sends the chosen file in the background; the page is fetched again once it was imported.
fn start_import(
    dataset: Uuid,
    file_input: NodeRef<Input>,
    state: ImportState,
    actions: DatasetActions,
) {
    #[cfg(feature = "hydrate")]
    {
        let chosen = file_input
            .get_untracked()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        let Some(file) = chosen else {
            state.outcome.set(Some(Err(Problem::new(
                domain::problem::ErrorCode::BadRequest,
                "choose a JSONL or CSV file to import first",
            ))));
            return;
        };
        state.busy.set(true);
        state.outcome.set(None);
        leptos::task::spawn_local(async move {
            let outcome = browser::upload(dataset, file).await;
            if let Ok(done) = &outcome {
                // The page is updated in place, input included: emptied, a second click cannot
                // import the same file twice.
                if let Some(input) = file_input.get_untracked() {
                    input.set_value("");
                }
                actions.saved(done.version.version);
            }
            state.busy.set(false);
            state.outcome.set(Some(outcome));
        });
    }
    // Clicks are only handled in the browser; the server renders the button and nothing more.
    #[cfg(not(feature = "hydrate"))]
    let _ = (dataset, file_input, state, actions);
}

#[cfg(feature = "hydrate")]
mod browser {
    use domain::problem::{ErrorCode, Problem};
    use serde::Deserialize;
    use uuid::Uuid;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{File, Headers, RequestInit, Response};

    use super::Imported;

    /// The REST API's answer to a failure.
    #[derive(Deserialize)]
    struct ErrorBody {
        error: Problem,
    }

    pub async fn upload(dataset: Uuid, file: File) -> Result<Imported, Problem> {
        let (format, content_type) = format_of(&file.name());
        let url = format!("/api/v1/datasets/{dataset}/import?format={format}");
        let unreachable = |_| {
            Problem::new(
                ErrorCode::Unavailable,
                "the server could not be reached; nothing was imported",
            )
        };
        let response = send(&url, content_type, &file).await.map_err(unreachable)?;
        let body = read_text(&response).await.map_err(unreachable)?;
        let status = response.status();
        let unreadable = || {
            Problem::new(
                ErrorCode::Internal,
                format!("the server answered {status} with a body this page cannot read"),
            )
        };
        if response.ok() {
            serde_json::from_str(&body).map_err(|_| unreadable())
        } else {
            Err(serde_json::from_str::<ErrorBody>(&body)
                .map(|failure| failure.error)
                .unwrap_or_else(|_| unreadable()))
        }
    }

    async fn send(url: &str, content_type: &str, file: &File) -> Result<Response, JsValue> {
        let headers = Headers::new()?;
        headers.set("content-type", content_type)?;
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_headers(&headers);
        init.set_body(file);
        let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await?;
        response.dyn_into()
    }

    async fn read_text(response: &Response) -> Result<String, JsValue> {
        let text = JsFuture::from(response.text()?).await?;
        Ok(text.as_string().unwrap_or_default())
    }

    /// Chosen by extension, as people name their files: `.csv` is CSV; anything else
    /// (`.jsonl`, `.ndjson`) is read as JSON lines.
    fn format_of(file_name: &str) -> (&'static str, &'static str) {
        if file_name.to_ascii_lowercase().ends_with(".csv") {
            ("csv", "text/csv")
        } else {
            ("jsonl", "application/x-ndjson")
        }
    }
}
