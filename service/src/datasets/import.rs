//! Importing a JSONL or CSV file, all or nothing.

use domain::dataset::{
    file_format::FileFormat, limits::MAX_REPORTED_LINE_ERRORS, record::DatasetVersion,
};
use domain::problem::{ErrorCode, Problem};
use serde::Serialize;
use tokio::io::AsyncRead;
use tokio::sync::mpsc;
use tokio_util::io::SyncIoBridge;
use uuid::Uuid;

use super::name_of;
use super::parse::read_file;
use crate::access::audit::{self, Target};
use crate::{App, Caller, Permission};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    pub imported: i64,
    pub version: DatasetVersion,
}

/// The upload streams through the parser (on a blocking thread) into one transaction: memory
/// stays bounded by a few batches whatever the file's size. Any bad line rolls everything back
/// and every bad line is reported (the first [`MAX_REPORTED_LINE_ERRORS`] listed).
pub async fn import(
    caller: &Caller,
    app: &App,
    id: Uuid,
    format: FileFormat,
    message: Option<String>,
    upload: impl AsyncRead + Send + Unpin + 'static,
) -> Result<Imported, Problem> {
    caller.require(Permission::Edit)?;
    let message = message.or_else(|| Some(format!("import ({})", format.extension())));
    let mut import = db::datasets::Import::begin(app.pool(), id, message).await?;
    let (batches, mut received) = mpsc::channel(4);
    let reader =
        tokio::task::spawn_blocking(move || read_file(format, SyncIoBridge::new(upload), batches));
    while let Some(batch) = received.recv().await {
        import.add(&batch).await?;
    }
    let report = reader.await.map_err(|error| {
        tracing::error!(%error, "the import reader failed");
        Problem::internal()
    })?;
    if !report.errors.is_empty() {
        let more = if report.bad_lines > report.errors.len() as u64 {
            format!(" (the first {MAX_REPORTED_LINE_ERRORS} are listed)")
        } else {
            String::new()
        };
        return Err(Problem {
            code: ErrorCode::ValidationFailed,
            message: format!(
                "the file has {} bad line(s){more}; nothing was imported",
                report.bad_lines
            ),
            details: report.errors.iter().map(|e| e.to_field_error()).collect(),
        });
    }
    if import.added() == 0 {
        return Err(
            Problem::new(ErrorCode::ValidationFailed, "the file holds no samples")
                .with_field("body", "empty"),
        );
    }
    let imported = import.added();
    let version = import.commit().await?;
    let name = name_of(app, id).await;
    audit::record(
        app,
        caller,
        "dataset.import",
        Target::new("dataset", id, &name),
    )
    .await;
    Ok(Imported { imported, version })
}
