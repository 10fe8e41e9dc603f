//! `POST /api/v1/datasets/{id}/import`: a JSONL or CSV file, all or nothing.

use std::io;

use axum::{
    Json,
    body::Body,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
};
use db::{SqlitePool, datasets::Import};
use domain::{
    dataset::{limits::MAX_REPORTED_LINE_ERRORS, record::DatasetVersion},
    problem::{ErrorCode, Problem},
};
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;
use tokio_util::io::{StreamReader, SyncIoBridge};

use super::{dataset_id, file_format::FileFormat, parse::read_file};
use crate::api::{ApiError, query::ApiQuery};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    format: Option<String>,
    message: Option<String>,
}

#[derive(Serialize)]
pub struct Imported {
    imported: i64,
    version: DatasetVersion,
}

/// The file streams from the socket through the parser into one transaction: memory stays
/// bounded by a few batches whatever the file's size. Any bad line rolls the transaction back.
pub async fn import(
    State(pool): State<SqlitePool>,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<ImportQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<Imported>), ApiError> {
    let format = FileFormat::for_import(query.format.as_deref(), &headers)?;
    let dataset_id = dataset_id(&id)?;
    let message = query
        .message
        .or_else(|| Some(format!("import ({})", format.extension())));
    let mut import = Import::begin(&pool, dataset_id, message).await?;

    let upload = StreamReader::new(body.into_data_stream().map_err(io::Error::other));
    let (batches, mut received) = mpsc::channel(4);
    let reader =
        tokio::task::spawn_blocking(move || read_file(format, SyncIoBridge::new(upload), batches));
    while let Some(batch) = received.recv().await {
        import.add(&batch).await?;
    }
    let report = reader.await.map_err(|_| ApiError(Problem::internal()))?;

    if !report.errors.is_empty() {
        let shown = report.errors.len();
        let more = if report.bad_lines > shown as u64 {
            format!(" (the first {MAX_REPORTED_LINE_ERRORS} are listed)")
        } else {
            String::new()
        };
        return Err(ApiError(Problem {
            code: ErrorCode::ValidationFailed,
            message: format!(
                "the file has {} bad line(s){more}; nothing was imported",
                report.bad_lines
            ),
            details: report.errors.iter().map(|e| e.to_field_error()).collect(),
        }));
    }
    if import.added() == 0 {
        return Err(ApiError(
            Problem::new(ErrorCode::ValidationFailed, "the file holds no samples")
                .with_field("body", "empty"),
        ));
    }
    let imported = import.added();
    let version = import.commit().await?;
    Ok((StatusCode::CREATED, Json(Imported { imported, version })))
}
