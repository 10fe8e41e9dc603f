//! Server functions behind the dataset pages.

use domain::dataset::{
    new_dataset::NewDataset,
    record::{Dataset, DatasetVersion, SamplePage},
    sample::SampleInput,
};
use leptos::{prelude::*, server_fn::codec::Json};
use uuid::Uuid;

use crate::AppError;

#[cfg(feature = "ssr")]
use {
    super::{app, caller, respond},
    domain::page::PageRequest,
    service::datasets,
};

#[server(prefix = "/rpc", endpoint = "list_datasets")]
pub async fn list_datasets() -> Result<Vec<Dataset>, AppError> {
    respond(async move { Ok(datasets::list(&caller(), &app()?).await?) }).await
}

/// Creates a dataset; returns it (the page navigates to its id).
#[server(prefix = "/rpc", endpoint = "create_dataset", input = Json)]
pub async fn create_dataset(new: NewDataset) -> Result<Dataset, AppError> {
    respond(async move { Ok(datasets::create(&caller(), &app()?, new).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "get_dataset")]
pub async fn get_dataset(id: Uuid) -> Result<Dataset, AppError> {
    respond(async move { Ok(datasets::get(&caller(), &app()?, id).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "dataset_versions")]
pub async fn dataset_versions(id: Uuid) -> Result<Vec<DatasetVersion>, AppError> {
    respond(async move { Ok(datasets::versions(&caller(), &app()?, id).await?) }).await
}

/// One page of samples of `version` (the current one when `None`).
#[server(prefix = "/rpc", endpoint = "load_samples")]
pub async fn load_samples(
    id: Uuid,
    version: Option<i64>,
    offset: i64,
    limit: i64,
) -> Result<SamplePage, AppError> {
    respond(async move {
        let page = PageRequest::new(offset, limit);
        Ok(datasets::samples(&caller(), &app()?, id, version, page).await?)
    })
    .await
}

/// Adds one sample as a new version.
#[server(prefix = "/rpc", endpoint = "add_sample", input = Json)]
pub async fn add_sample(id: Uuid, sample: SampleInput) -> Result<DatasetVersion, AppError> {
    respond(async move { Ok(datasets::add_sample(&caller(), &app()?, id, sample, None).await?) })
        .await
}

#[server(prefix = "/rpc", endpoint = "edit_sample", input = Json)]
pub async fn edit_sample(
    id: Uuid,
    sample_id: Uuid,
    sample: SampleInput,
) -> Result<DatasetVersion, AppError> {
    respond(async move {
        let (version, _) =
            datasets::edit_sample(&caller(), &app()?, id, sample_id, sample, None).await?;
        Ok(version)
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "delete_sample")]
pub async fn delete_sample(id: Uuid, sample_id: Uuid) -> Result<DatasetVersion, AppError> {
    respond(
        async move { Ok(datasets::delete_sample(&caller(), &app()?, id, sample_id, None).await?) },
    )
    .await
}
