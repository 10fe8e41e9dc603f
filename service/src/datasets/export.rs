//! Exporting a version of a dataset as a stream of file chunks.

use domain::dataset::{csv_format, file_format::FileFormat, jsonl};
use domain::problem::Problem;
use futures_util::{StreamExt, stream, stream::BoxStream};
use uuid::Uuid;

use crate::{App, Caller, Permission};

/// A file being written: its name and its bytes, a chunk of samples at a time.
pub struct Export {
    pub filename: String,
    pub chunks: BoxStream<'static, Result<Vec<u8>, Problem>>,
}

/// Opens `version` (the current one when `None`); the file is written while it is sent, so
/// memory stays flat for any dataset size.
pub async fn export(
    caller: &Caller,
    app: &App,
    id: Uuid,
    version: Option<i64>,
    format: FileFormat,
) -> Result<Export, Problem> {
    caller.require(Permission::View)?;
    let (dataset, cursor) = db::datasets::SampleCursor::open(app.pool(), id, version).await?;
    let filename = format!(
        "{}-v{}.{}",
        dataset.name,
        cursor.version(),
        format.extension()
    );
    let header = (format == FileFormat::Csv).then(|| {
        let mut out = Vec::new();
        csv_format::write_header(&mut out);
        Ok(out)
    });
    let samples = stream::try_unfold(cursor, move |mut cursor| async move {
        let samples = cursor.next_chunk().await?;
        if samples.is_empty() {
            return Ok::<_, Problem>(None);
        }
        let mut out = Vec::with_capacity(samples.len() * 512);
        for sample in &samples {
            match format {
                FileFormat::Jsonl => jsonl::write_line(sample, &mut out),
                FileFormat::Csv => csv_format::write_record(sample, &mut out),
            }
        }
        Ok(Some((out, cursor)))
    });
    Ok(Export {
        filename,
        chunks: stream::iter(header).chain(samples).boxed(),
    })
}
