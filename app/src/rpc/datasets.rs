//! Server functions behind the dataset pages.

use domain::dataset::{
    new_dataset::NewDataset,
    record::{Dataset, DatasetVersion, SamplePage},
    sample::SampleInput,
};
use leptos::{prelude::*, server_fn::codec::Json};
use uuid::Uuid;

use crate::AppError;

#[server(prefix = "/rpc")]
pub async fn list_datasets() -> Result<Vec<Dataset>, AppError> {
    super::respond(async move { Ok(db::datasets::list(&super::pool()?).await?) }).await
}

/// Creates a dataset; returns it (the page navigates to its id).
#[server(prefix = "/rpc", input = Json)]
pub async fn create_dataset(new: NewDataset) -> Result<Dataset, AppError> {
    super::respond(async move {
        let valid = new.validate()?;
        Ok(db::datasets::create(&super::pool()?, &valid).await?)
    })
    .await
}

#[server(prefix = "/rpc")]
pub async fn get_dataset(id: Uuid) -> Result<Dataset, AppError> {
    super::respond(async move { Ok(db::datasets::get(&super::pool()?, id).await?) }).await
}

#[server(prefix = "/rpc")]
pub async fn dataset_versions(id: Uuid) -> Result<Vec<DatasetVersion>, AppError> {
    super::respond(async move { Ok(db::datasets::versions(&super::pool()?, id).await?) }).await
}

/// One page of samples of `version` (the current one when `None`).
#[server(prefix = "/rpc")]
pub async fn load_samples(
    id: Uuid,
    version: Option<i64>,
    offset: i64,
    limit: i64,
) -> Result<SamplePage, AppError> {
    super::respond(async move {
        let limit = limit.clamp(1, 200);
        let offset = offset.max(0);
        Ok(db::datasets::page(&super::pool()?, id, version, offset, limit).await?)
    })
    .await
}

/// Adds one sample as a new version.
#[server(prefix = "/rpc", input = Json)]
pub async fn add_sample(id: Uuid, sample: SampleInput) -> Result<DatasetVersion, AppError> {
    super::respond(async move {
        let valid = sample.validate("").map_err(invalid_sample)?;
        Ok(db::datasets::add_samples(&super::pool()?, id, &[valid], None).await?)
    })
    .await
}

#[server(prefix = "/rpc", input = Json)]
pub async fn edit_sample(
    id: Uuid,
    sample_id: Uuid,
    sample: SampleInput,
) -> Result<DatasetVersion, AppError> {
    super::respond(async move {
        let valid = sample.validate("").map_err(invalid_sample)?;
        let (version, _) =
            db::datasets::edit_sample(&super::pool()?, id, sample_id, &valid, None).await?;
        Ok(version)
    })
    .await
}

#[server(prefix = "/rpc")]
pub async fn delete_sample(id: Uuid, sample_id: Uuid) -> Result<DatasetVersion, AppError> {
    super::respond(async move {
        Ok(db::datasets::delete_sample(&super::pool()?, id, sample_id, None).await?)
    })
    .await
}

#[cfg(feature = "ssr")]
fn invalid_sample(details: Vec<domain::error::FieldError>) -> AppError {
    AppError(domain::problem::Problem {
        code: domain::problem::ErrorCode::ValidationFailed,
        message: "the sample is invalid".into(),
        details,
    })
}
