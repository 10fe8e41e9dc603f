//! The dataset page: header with export and import, one version's samples 25 at a time, the
//! sample editor (current version only) and the version history. `?version=N` pins a version,
//! `?offset=N` pages through it.

use domain::access::Role;
use domain::dataset::record::{Dataset, DatasetVersion, SamplePage};
use leptos::prelude::*;

use crate::components::can::IfCan;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use uuid::Uuid;

use super::{
    history::VersionHistory,
    id_param,
    import::{ImportControl, ImportResult, ImportState},
    parse_id,
    sample_form::{SampleDraft, SampleForm},
    samples_table::SamplesCard,
    type_badge,
};
use crate::{
    AppError,
    components::{
        alerts::{LoadError, ProblemAlert},
        page_header::{Breadcrumbs, Crumb},
    },
    rpc::datasets::{
        AddSample, DeleteSample, EditSample, dataset_versions, get_dataset, load_samples,
    },
};

/// Samples per page.
pub const PAGE_SIZE: i64 = 25;

/// The changes this page makes. Every one of them makes a new version.
#[derive(Clone, Copy)]
pub struct DatasetActions {
    pub add: ServerAction<AddSample>,
    pub edit: ServerAction<EditSample>,
    pub delete: ServerAction<DeleteSample>,
    /// Bumped after each change that succeeded, an import included: the dataset, its samples
    /// and its history all depend on it. Failures leave it alone, so typed text stays.
    reload: RwSignal<u32>,
    /// The version the last change made.
    saved_version: RwSignal<Option<i64>>,
}

impl DatasetActions {
    fn new() -> Self {
        DatasetActions {
            add: ServerAction::new(),
            edit: ServerAction::new(),
            delete: ServerAction::new(),
            reload: RwSignal::new(0),
            saved_version: RwSignal::new(None),
        }
    }

    /// Records that a change made `version`, so everything shown is fetched again.
    pub fn saved(&self, version: i64) {
        self.reload.update(|n| *n += 1);
        self.saved_version.set(Some(version));
    }

    /// Forgets the failures of earlier adds and edits when the form switches between adding and
    /// editing: they were about text that is no longer in the form.
    pub fn forget_form_errors(&self) {
        self.add.clear();
        self.edit.clear();
    }
}

/// The address of a page of samples: a pinned version and an offset, each left out when unset.
pub fn page_href(dataset: Uuid, version: Option<i64>, offset: i64) -> String {
    let mut query = Vec::new();
    if let Some(version) = version {
        query.push(format!("version={version}"));
    }
    if offset > 0 {
        query.push(format!("offset={offset}"));
    }
    if query.is_empty() {
        format!("/datasets/{dataset}")
    } else {
        format!("/datasets/{dataset}?{}", query.join("&"))
    }
}

#[component]
pub fn DatasetPage() -> impl IntoView {
    let raw_id = id_param();
    let query = use_query_map();
    let pinned = Memo::new(move |_| {
        query
            .read()
            .get("version")
            .and_then(|v| v.parse::<i64>().ok())
    });
    let offset = Memo::new(move |_| {
        let offset = query
            .read()
            .get("offset")
            .and_then(|v| v.parse::<i64>().ok());
        offset.unwrap_or(0).max(0)
    });
    let actions = DatasetActions::new();
    let draft = SampleDraft::new();
    let import = ImportState::new();

    let dataset = Resource::new(
        move || (raw_id.get(), actions.reload.get()),
        |(raw, _)| async move { get_dataset(parse_id(&raw)?).await },
    );
    let versions = Resource::new(
        move || (raw_id.get(), actions.reload.get()),
        |(raw, _)| async move { dataset_versions(parse_id(&raw)?).await },
    );
    let samples = Resource::new(
        move || {
            (
                raw_id.get(),
                pinned.get(),
                offset.get(),
                actions.reload.get(),
            )
        },
        |(raw, version, offset, _)| async move {
            load_samples(parse_id(&raw)?, version, offset, PAGE_SIZE).await
        },
    );

    on_saved(actions.add.value(), move |version| {
        draft.clear();
        actions.saved(version);
    });
    on_saved(actions.edit.value(), move |version| {
        draft.clear();
        actions.saved(version);
    });
    on_saved(actions.delete.value(), move |version| {
        actions.saved(version)
    });
    // A change makes a new version; a page pinned to the version it changed follows it there,
    // or it would go on showing what is now history.
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(version) = actions.saved_version.get()
            && pinned.get_untracked().is_some()
            && let Ok(id) = parse_id(&raw_id.get_untracked())
        {
            let href = page_href(id, Some(version), offset.get_untracked());
            navigate(&href, Default::default());
        }
    });

    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let dataset = match dataset.await {
                    Ok(dataset) => dataset,
                    Err(error) => return view! { <LoadError error /> }.into_any(),
                };
                let versions = match versions.await {
                    Ok(versions) => versions,
                    Err(error) => return view! { <LoadError error /> }.into_any(),
                };
                let page = samples.await;
                let pinned = pinned.get_untracked();
                view! { <DatasetView dataset versions page pinned actions draft import /> }.into_any()
            })}
        </Transition>
    }
}

/// Runs `then` with the new version each time an action's result turns into a success.
fn on_saved(
    result: impl Get<Value = Option<Result<DatasetVersion, AppError>>> + 'static,
    then: impl Fn(i64) + 'static,
) {
    Effect::new(move |_| {
        if let Some(Ok(saved)) = result.get() {
            then(saved.version);
        }
    });
}

#[component]
fn DatasetView(
    dataset: Dataset,
    versions: Vec<DatasetVersion>,
    page: Result<SamplePage, AppError>,
    pinned: Option<i64>,
    actions: DatasetActions,
    draft: SampleDraft,
    import: ImportState,
) -> impl IntoView {
    let id = dataset.id;
    let current = dataset.version;
    let shown = match &page {
        Ok(page) => page.version,
        Err(_) => pinned.unwrap_or(current),
    };
    let export_href =
        move |format: &str| format!("/api/v1/datasets/{id}/export?format={format}&version={shown}");
    let count = dataset.sample_count;
    view! {
        <Title text=dataset.name.clone() />
        <Breadcrumbs crumbs=vec![Crumb::link("Datasets", "/datasets"), Crumb::here(dataset.name.clone())] />
        <header class="page-header">
            <div>
                <h1>
                    {dataset.name.clone()} " " {type_badge(dataset.dataset_type)} " "
                    <span class="badge badge-neutral badge-mono" id="dataset-version">{format!("v{current}")}</span>
                </h1>
                <p class="page-subtitle">
                    {if dataset.description.is_empty() { "No description.".to_string() } else { dataset.description.clone() }}
                    " · " <span id="sample-count">{count}</span> {if count == 1 { " sample" } else { " samples" }}
                </p>
            </div>
            <div class="page-actions">
                <a class="btn btn-secondary" id="export-jsonl" href=export_href("jsonl") download>"Export JSONL"</a>
                <a class="btn btn-secondary" id="export-csv" href=export_href("csv") download>"Export CSV"</a>
                <IfCan role=Role::Editor><ImportControl dataset=id state=import actions /></IfCan>
            </div>
        </header>
        <ImportResult state=import />
        {move || actions.delete.value().get().and_then(Result::err).map(|error| view! { <ProblemAlert problem=error.0 /> })}
        <SamplesCard dataset=id page versions=versions.clone() current shown pinned actions draft />
        <div class="grid-2">
            {if shown == current {
                view! { <IfCan role=Role::Editor><SampleForm dataset=id draft actions /></IfCan> }.into_any()
            } else {
                view! {
                    <div class="alert alert-info" id="old-version-note">
                        {format!("You are viewing version {shown}. Samples can be changed on the ")}
                        <a href=page_href(id, None, 0)>"current version"</a>
                        "."
                    </div>
                }.into_any()
            }}
            <VersionHistory dataset=id versions shown />
        </div>
    }
}
