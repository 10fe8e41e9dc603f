//! The two file formats of import and export, chosen by `?format=` or the content type.

use crate::problem::{ErrorCode, Problem};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Jsonl,
    Csv,
}

impl FileFormat {
    pub fn content_type(self) -> &'static str {
        match self {
            FileFormat::Jsonl => "application/x-ndjson",
            FileFormat::Csv => "text/csv; charset=utf-8",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Jsonl => "jsonl",
            FileFormat::Csv => "csv",
        }
    }

    fn from_name(name: &str) -> Option<FileFormat> {
        match name.trim().to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" => Some(FileFormat::Jsonl),
            "csv" => Some(FileFormat::Csv),
            _ => None,
        }
    }

    fn from_content_type(value: &str) -> Option<FileFormat> {
        let essence = value
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "application/x-ndjson"
            | "application/jsonl"
            | "application/jsonlines"
            | "application/x-jsonlines" => Some(FileFormat::Jsonl),
            "text/csv" | "application/csv" => Some(FileFormat::Csv),
            _ => None,
        }
    }

    /// `?format=` wins; otherwise the request's content type decides.
    pub fn for_import(
        query: Option<&str>,
        content_type: Option<&str>,
    ) -> Result<FileFormat, Problem> {
        if let Some(name) = query {
            return FileFormat::from_name(name).ok_or_else(|| unknown_format(name));
        }
        content_type
            .and_then(FileFormat::from_content_type)
            .ok_or_else(|| {
                Problem::new(
                    ErrorCode::UnsupportedMediaType,
                    "send the file as application/x-ndjson or text/csv, or say ?format=jsonl|csv",
                )
                .with_field("format", "unknown")
            })
    }

    /// `?format=`, JSONL when absent.
    pub fn for_export(query: Option<&str>) -> Result<FileFormat, Problem> {
        query.map_or(Ok(FileFormat::Jsonl), |name| {
            FileFormat::from_name(name).ok_or_else(|| unknown_format(name))
        })
    }
}

fn unknown_format(name: &str) -> Problem {
    Problem::new(ErrorCode::BadRequest, format!("unknown format `{name}`"))
        .with_field("format", "must be jsonl or csv")
}
