//! `GET /api/v1/datasets/{id}/export`: every sample of a version, streamed as JSONL or CSV.

use axum::{
    body::Body,
    extract::{Path, State},
    http::header::{CONTENT_DISPOSITION, CONTENT_TYPE},
    response::{IntoResponse, Response},
};
use domain::dataset::file_format::FileFormat;
use futures_util::TryStreamExt;
use serde::Deserialize;
use service::{App, datasets};

use crate::api::{ApiError, caller::ApiCaller, params::path_id, query::ApiQuery};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    format: Option<String>,
    version: Option<i64>,
}

pub async fn export(
    ApiCaller(caller): ApiCaller,
    State(app): State<App>,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<ExportQuery>,
) -> Result<Response, ApiError> {
    let format = FileFormat::for_export(query.format.as_deref())?;
    let id = path_id("dataset", &id)?;
    let export = datasets::export(&caller, &app, id, query.version, format).await?;
    let chunks = export
        .chunks
        .map_err(|problem| std::io::Error::other(problem.message));
    Ok((
        [
            (CONTENT_TYPE, format.content_type().to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", export.filename),
            ),
        ],
        Body::from_stream(chunks),
    )
        .into_response())
}
