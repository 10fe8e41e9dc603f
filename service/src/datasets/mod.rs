//! Datasets: list, read any version, create, change samples (one new version per change),
//! import a file and export a version.

mod export;
mod import;
mod parse;

use domain::dataset::{
    new_dataset::NewDataset,
    record::{Dataset, DatasetVersion, Sample, SamplePage},
    sample::{SampleInput, validate_all},
};
use domain::page::{PageBounds, PageRequest};
use domain::problem::Problem;
use uuid::Uuid;

use crate::access::audit::{self, Target};
use crate::{App, Caller, Permission};

pub use export::{Export, export};
pub use import::{Imported, import};

/// Samples per page when the caller does not say, and the most one page holds.
pub const SAMPLE_PAGES: PageBounds = PageBounds::new(50, 1000);

pub async fn list(caller: &Caller, app: &App) -> Result<Vec<Dataset>, Problem> {
    caller.require(Permission::View)?;
    Ok(db::datasets::list(app.pool()).await?)
}

pub async fn get(caller: &Caller, app: &App, id: Uuid) -> Result<Dataset, Problem> {
    caller.require(Permission::View)?;
    Ok(db::datasets::get(app.pool(), id).await?)
}

/// Every version, newest first.
pub async fn versions(
    caller: &Caller,
    app: &App,
    id: Uuid,
) -> Result<Vec<DatasetVersion>, Problem> {
    caller.require(Permission::View)?;
    Ok(db::datasets::versions(app.pool(), id).await?)
}

/// A page of the samples of `version` (the current one when `None`).
pub async fn samples(
    caller: &Caller,
    app: &App,
    id: Uuid,
    version: Option<i64>,
    page: PageRequest,
) -> Result<SamplePage, Problem> {
    caller.require(Permission::View)?;
    let page = page.within(SAMPLE_PAGES)?;
    Ok(db::datasets::page(app.pool(), id, version, page.offset, page.limit).await?)
}

/// Creates a dataset at version 0, without samples.
pub async fn create(caller: &Caller, app: &App, new: NewDataset) -> Result<Dataset, Problem> {
    caller.require(Permission::Edit)?;
    let valid = new.validate()?;
    let dataset = db::datasets::create(app.pool(), &valid).await?;
    audit::record(
        app,
        caller,
        "dataset.create",
        Target::new("dataset", dataset.id, &dataset.name),
    )
    .await;
    Ok(dataset)
}

/// Adds samples as one new version; every sample is checked first (fields `samples[i].x`).
pub async fn add_samples(
    caller: &Caller,
    app: &App,
    id: Uuid,
    samples: Vec<SampleInput>,
    message: Option<String>,
) -> Result<DatasetVersion, Problem> {
    caller.require(Permission::Edit)?;
    let valid = validate_all(samples)?;
    let version = db::datasets::add_samples(app.pool(), id, &valid, message).await?;
    let name = name_of(app, id).await;
    audit::record(
        app,
        caller,
        "dataset.add_samples",
        Target::new("dataset", id, &name),
    )
    .await;
    Ok(version)
}

/// Adds one sample as a new version (its fields named without a prefix, as in a form).
pub async fn add_sample(
    caller: &Caller,
    app: &App,
    id: Uuid,
    sample: SampleInput,
    message: Option<String>,
) -> Result<DatasetVersion, Problem> {
    caller.require(Permission::Edit)?;
    let valid = sample.validate()?;
    let version = db::datasets::add_samples(app.pool(), id, &[valid], message).await?;
    let name = name_of(app, id).await;
    audit::record(
        app,
        caller,
        "dataset.add_samples",
        Target::new("dataset", id, &name),
    )
    .await;
    Ok(version)
}

/// Replaces one sample in a new version; the sample keeps its id and position.
pub async fn edit_sample(
    caller: &Caller,
    app: &App,
    id: Uuid,
    sample_id: Uuid,
    sample: SampleInput,
    message: Option<String>,
) -> Result<(DatasetVersion, Sample), Problem> {
    caller.require(Permission::Edit)?;
    let valid = sample.validate()?;
    let (version, sample) =
        db::datasets::edit_sample(app.pool(), id, sample_id, &valid, message).await?;
    let name = name_of(app, id).await;
    audit::record(
        app,
        caller,
        "dataset.update_sample",
        Target::new("dataset", id, &name),
    )
    .await;
    Ok((version, sample))
}

/// Removes one sample in a new version.
pub async fn delete_sample(
    caller: &Caller,
    app: &App,
    id: Uuid,
    sample_id: Uuid,
    message: Option<String>,
) -> Result<DatasetVersion, Problem> {
    caller.require(Permission::Edit)?;
    let version = db::datasets::delete_sample(app.pool(), id, sample_id, message).await?;
    let name = name_of(app, id).await;
    audit::record(
        app,
        caller,
        "dataset.delete_sample",
        Target::new("dataset", id, &name),
    )
    .await;
    Ok(version)
}

/// The dataset's name for the audit log, read after a change has committed: a failed read
/// does not fail the change, and the entry names the dataset by its id instead.
async fn name_of(app: &App, id: Uuid) -> String {
    match db::datasets::get(app.pool(), id).await {
        Ok(dataset) => dataset.name,
        Err(error) => {
            tracing::warn!(%error, %id, "could not read the dataset's name for the audit log");
            id.to_string()
        }
    }
}
