//! `GET /api/v1/datasets/{id}/export`: every sample of a version, streamed as JSONL or CSV.

use axum::{
    body::{Body, Bytes},
    extract::{Path, State},
    http::header::{CONTENT_DISPOSITION, CONTENT_TYPE},
    response::{IntoResponse, Response},
};
use db::{SqlitePool, datasets::SampleCursor};
use domain::dataset::{csv_format, jsonl};
use futures_util::{StreamExt, stream};
use serde::Deserialize;

use super::{dataset_id, file_format::FileFormat};
use crate::api::{ApiError, query::ApiQuery};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    format: Option<String>,
    version: Option<i64>,
}

/// Streams the file a chunk of samples at a time, so memory stays flat for any dataset size.
pub async fn export(
    State(pool): State<SqlitePool>,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<ExportQuery>,
) -> Result<Response, ApiError> {
    let format = FileFormat::for_export(query.format.as_deref())?;
    let (dataset, cursor) = SampleCursor::open(&pool, dataset_id(&id)?, query.version).await?;
    let filename = format!(
        "{}-v{}.{}",
        dataset.name,
        cursor.version(),
        format.extension()
    );
    let header = (format == FileFormat::Csv).then(|| {
        let mut out = Vec::new();
        csv_format::write_header(&mut out);
        Bytes::from(out)
    });
    let chunks = stream::try_unfold(cursor, move |mut cursor| async move {
        let samples = cursor.next_chunk().await?;
        if samples.is_empty() {
            return Ok::<_, db::DbError>(None);
        }
        let mut out = Vec::with_capacity(samples.len() * 512);
        for sample in &samples {
            match format {
                FileFormat::Jsonl => jsonl::write_line(sample, &mut out),
                FileFormat::Csv => csv_format::write_record(sample, &mut out),
            }
        }
        Ok(Some((Bytes::from(out), cursor)))
    });
    let body = stream::iter(header.map(Ok)).chain(chunks);
    Ok((
        [
            (CONTENT_TYPE, format.content_type().to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        Body::from_stream(body),
    )
        .into_response())
}
