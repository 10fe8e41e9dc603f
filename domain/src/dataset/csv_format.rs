//! CSV import and export: a header row naming the columns, then one sample per record, with
//! metadata as a JSON string and any column the format does not know kept in metadata.
//!
//! Callers read with `reader_builder()` (headers on, every record as wide as the header, no
//! trimming, RFC 4180 quotes with doubled quotes, no escape or comment character) so every
//! import reads the same, and take line numbers from a `CsvLayout` of the same bytes: the
//! `csv` crate's own `Position::line()` is wrong after blank lines and with "\r\n" endings.
//! `read_all` does all of this for a file held in memory.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{
    csv_layout::CsvLayout,
    jsonl::{LineError, NO_SAMPLES, describe_field_errors, describe_json_error},
    limits::MAX_REPORTED_LINE_ERRORS,
    record::Sample,
    sample::{SampleInput, ValidSample},
};

pub const CSV_HEADER: [&str; 4] = ["input", "expected_output", "context", "metadata"];

/// The one reader configuration for imports. Headers on and `flexible(false)`, so a record with
/// a missing or extra comma, or swallowed by a quote never closed, fails as `UnequalLengths`
/// with its position; `Trim::None`, so spaces in cells survive; quoting as RFC 4180.
pub fn reader_builder() -> csv::ReaderBuilder {
    let mut builder = csv::ReaderBuilder::new();
    builder
        .has_headers(true)
        .flexible(false)
        .trim(csv::Trim::None)
        .delimiter(b',')
        .quote(b'"')
        .quoting(true)
        .double_quote(true)
        .escape(None)
        .comment(None)
        .terminator(csv::Terminator::CRLF);
    builder
}

/// Maps CSV header names to a record reader: known columns by name (any order, matched exactly
/// after trimming; "id" is accepted and ignored), every other column goes into metadata as a
/// string value under its header name, even when its cell is empty.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvColumns {
    width: usize,
    input: usize,
    expected_output: Option<usize>,
    context: Option<usize>,
    metadata: Option<usize>,
    /// Column index and header name of every column kept in metadata.
    extra: Vec<(usize, String)>,
}

impl CsvColumns {
    /// A header without an `input` column, with a column named twice or with a column without
    /// a name is an error (LineError line 1).
    pub fn from_header(header: &csv::StringRecord) -> Result<Self, LineError> {
        if header.iter().all(|name| name.trim().is_empty()) {
            return Err(LineError::new(1, "the header row is missing"));
        }
        let mut problems = Vec::new();
        let mut known: BTreeMap<&str, usize> = BTreeMap::new();
        let mut extra: Vec<(usize, String)> = Vec::new();
        for (index, name) in header.iter().enumerate() {
            let name = name.trim();
            let named_before =
                known.contains_key(name) || extra.iter().any(|(_, seen)| seen == name);
            if name.is_empty() {
                problems.push(format!("column {} has no name", index + 1));
            } else if named_before {
                problems.push(format!("column `{name}` appears more than once"));
            } else if CSV_HEADER.contains(&name) || name == "id" {
                known.insert(name, index);
            } else {
                extra.push((index, name.to_owned()));
            }
        }
        let input = known.get("input").copied();
        if input.is_none() {
            problems.push("the header has no `input` column".to_owned());
        }
        match input {
            Some(input) if problems.is_empty() => Ok(CsvColumns {
                width: header.len(),
                input,
                expected_output: known.get("expected_output").copied(),
                context: known.get("context").copied(),
                metadata: known.get("metadata").copied(),
                extra,
            }),
            _ => Err(LineError::from_problems(1, &problems)),
        }
    }

    /// The metadata cell: empty (or only spaces) means {}, else it must be a JSON object. Extra
    /// columns are added to it; one named like a key already in the cell is an error rather
    /// than a silent overwrite.
    pub fn sample(&self, line: u64, record: &csv::StringRecord) -> Result<ValidSample, LineError> {
        if record.len() != self.width {
            let message = format!(
                "the record has {} fields but the header has {}",
                record.len(),
                self.width
            );
            return Err(LineError::new(line, message));
        }
        let cell = |index: Option<usize>| index.and_then(|i| record.get(i)).unwrap_or("");
        let mut problems = Vec::new();
        let mut metadata = parse_metadata(cell(self.metadata)).unwrap_or_else(|problem| {
            problems.push(problem);
            Map::new()
        });
        for (index, name) in &self.extra {
            if metadata.contains_key(name) {
                problems.push(format!("column `{name}` clashes with a metadata key"));
            } else {
                metadata.insert(name.clone(), Value::String(cell(Some(*index)).to_owned()));
            }
        }
        let sample = SampleInput {
            input: cell(Some(self.input)).to_owned(),
            expected_output: cell(self.expected_output).to_owned(),
            context: cell(self.context).to_owned(),
            metadata,
        };
        match sample.validate("") {
            Ok(sample) if problems.is_empty() => Ok(sample),
            Ok(_) => Err(LineError::from_problems(line, &problems)),
            Err(errors) => {
                problems.extend(describe_field_errors(errors));
                Err(LineError::from_problems(line, &problems))
            }
        }
    }
}

fn parse_metadata(cell: &str) -> Result<Map<String, Value>, String> {
    if cell.trim().is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_str::<Value>(cell) {
        Ok(Value::Object(metadata)) => Ok(metadata),
        Ok(_) => Err("metadata must be a JSON object".to_owned()),
        Err(error) => Err(format!("metadata is {}", describe_json_error(&error))),
    }
}

/// Streaming-friendly writers: the header line, and one record per sample (RFC 4180 quoting,
/// "\n" line endings, metadata as compact JSON, empty string for {}). Written with csv::Writer
/// into the given Vec so callers can flush chunks.
pub fn write_header(out: &mut Vec<u8>) {
    write_fields(CSV_HEADER, out);
}

/// Sample ids are not written: the header is exactly CSV_HEADER (JSONL exports carry ids).
pub fn write_record(sample: &Sample, out: &mut Vec<u8>) {
    let metadata = if sample.metadata.is_empty() {
        String::new()
    } else {
        Value::Object(sample.metadata.clone()).to_string()
    };
    write_fields(
        [
            sample.input.as_str(),
            &sample.expected_output,
            &sample.context,
            &metadata,
        ],
        out,
    );
}

fn write_fields(fields: [&str; 4], out: &mut Vec<u8>) {
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .quote_style(csv::QuoteStyle::Necessary)
        .double_quote(true)
        .from_writer(out);
    // Writing into a Vec cannot fail, and four fields always match the record length.
    writer
        .write_record(fields)
        .expect("writing CSV into memory cannot fail");
    writer.flush().expect("writing CSV into memory cannot fail");
}

/// A reader error as a line error, at the line `layout` knows for the record (0 only for an
/// error without a position, which a reader over bytes in memory never raises).
pub fn line_error(layout: &CsvLayout, error: &csv::Error) -> LineError {
    let line = error
        .position()
        .map_or(0, |position| layout.line_of(position));
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("the record has {len} fields but the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "the record is not valid UTF-8".to_owned(),
        _ => error.to_string(),
    };
    LineError::new(line, message)
}

/// Reads a whole CSV file, all or nothing: every sample, or the first MAX_REPORTED_LINE_ERRORS
/// bad records by line, one error per record (a quoting mistake, found by `CsvLayout`, before
/// what the reader says about the same record). A file without any sample is rejected as line 1.
pub fn read_all(data: &[u8]) -> Result<Vec<ValidSample>, Vec<LineError>> {
    let layout = CsvLayout::scan(data);
    let mut errors: BTreeMap<u64, String> = layout
        .quoting_errors()
        .iter()
        .map(|error| (error.line, error.message.clone()))
        .collect();
    let mut reader = reader_builder().from_reader(data);
    let header = reader
        .headers()
        .map_err(|error| line_error(&layout, &error))
        .and_then(CsvColumns::from_header);
    let columns = match header {
        Ok(columns) => Some(columns),
        Err(error) => {
            let line = layout.record_line(0).unwrap_or(error.line);
            errors.entry(line).or_insert(error.message);
            None
        }
    };
    let mut samples = Vec::new();
    if let Some(columns) = columns {
        let mut bad_records = 0;
        for result in reader.records() {
            let outcome = result
                .map_err(|error| line_error(&layout, &error))
                .and_then(|record| {
                    let line = record.position().map_or(0, |p| layout.line_of(p));
                    columns.sample(line, &record)
                });
            match outcome {
                // Once the file is rejected its samples are of no use; only errors are kept.
                Ok(sample) if errors.is_empty() => samples.push(sample),
                Ok(_) => {}
                Err(error) => {
                    errors.entry(error.line).or_insert(error.message);
                    bad_records += 1;
                    // Records come in line order, so any later error would be cut anyway.
                    if bad_records == MAX_REPORTED_LINE_ERRORS {
                        break;
                    }
                }
            }
        }
    }
    if !errors.is_empty() {
        let first = errors.into_iter().take(MAX_REPORTED_LINE_ERRORS);
        return Err(first
            .map(|(line, message)| LineError { line, message })
            .collect());
    }
    if samples.is_empty() {
        return Err(vec![LineError::new(1, NO_SAMPLES)]);
    }
    Ok(samples)
}

#[cfg(test)]
#[path = "csv_format_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "csv_import_tests.rs"]
mod import_tests;
