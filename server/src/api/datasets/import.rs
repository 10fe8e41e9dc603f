//! `POST /api/v1/datasets/{id}/import`: a JSONL or CSV file, all or nothing.

use std::io;

use axum::{
    Json,
    body::Body,
    extract::{Path, State},
    http::{HeaderMap, StatusCode, header::CONTENT_TYPE},
};
use domain::dataset::file_format::FileFormat;
use futures_util::TryStreamExt;
use serde::Deserialize;
use service::{App, datasets};
use tokio_util::io::StreamReader;

use crate::api::{ApiError, caller::ApiCaller, params::path_id, query::ApiQuery};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    format: Option<String>,
    message: Option<String>,
}

/// The body is handed to the service as it streams from the socket.
pub async fn import(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<ImportQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<datasets::Imported>), ApiError> {
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok());
    let format = FileFormat::for_import(query.format.as_deref(), content_type)?;
    let id = path_id("dataset", &id)?;
    let upload = StreamReader::new(body.into_data_stream().map_err(io::Error::other));
    let imported = datasets::import(&caller, &app, id, format, query.message, upload).await?;
    Ok((StatusCode::CREATED, Json(imported)))
}
