//! CSV import and export: a header row naming the columns, then one sample per record, with
//! metadata as a JSON string and any column the format does not know kept in metadata.
//!
//! Callers read with `reader_builder()` (headers on, every record as wide as the header, no
//! trimming, RFC 4180 quotes with doubled quotes, no escape or comment character) so every
//! import reads the same, and take line numbers from a `CsvLayout` of the same bytes: the
//! `csv` crate's own `Position::line()` is wrong after blank lines and with "\r\n" endings.
//! `read_records` does all of this as the bytes arrive, `read_all` for a file in memory.

use std::{collections::BTreeMap, io::Read};

use serde_json::{Map, Value};

use super::{
    csv_layout::{CsvLayout, ScannedRead, line_error},
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
        match sample.check("") {
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

/// Reads a whole CSV file, all or nothing: every sample, or the first MAX_REPORTED_LINE_ERRORS
/// bad records as `read_records` reports them. A file without any sample is rejected as line 1.
pub fn read_all(data: &[u8]) -> Result<Vec<ValidSample>, Vec<LineError>> {
    let (mut samples, mut errors) = (Vec::new(), Vec::new());
    read_records(data, |outcome| {
        match outcome {
            // Once the file is rejected its samples are of no use; only errors are kept.
            Ok(sample) if errors.is_empty() => samples.push(sample),
            Ok(_) => {}
            Err(error) => errors.push(error),
        }
        // Errors come in line order, so any later one would be cut anyway.
        errors.len() < MAX_REPORTED_LINE_ERRORS
    });
    match (errors.is_empty(), samples.is_empty()) {
        (false, _) => Err(errors),
        (true, true) => Err(vec![LineError::new(1, NO_SAMPLES)]),
        (true, false) => Ok(samples),
    }
}

/// Reads CSV from any reader as the bytes arrive, in memory that does not grow with the file:
/// hands `take` each sample, or one error per bad record (a quoting mistake `CsvLayout` finds
/// first), in line order until it returns false. After a bad header only quoting mistakes
/// follow, the columns being unknown; an input that fails ends with an error where it failed.
pub fn read_records<R: Read>(input: R, mut take: impl FnMut(Outcome) -> bool) {
    let mut reader = reader_builder().from_reader(ScannedRead::new(input));
    let header = match reader.headers() {
        Ok(header) => CsvColumns::from_header(header),
        Err(error) if error.position().is_none() => {
            return end(&mut reader.get_mut().layout, Some(&error), take);
        }
        Err(error) => Err(line_error(&reader.get_ref().layout, &error)),
    };
    let (columns, mut outcome) = match header {
        Ok(columns) => (Some(columns), None),
        Err(error) => {
            // Blank lines may come before the header, which is record 0.
            let line = reader.get_ref().layout.record_line(0).unwrap_or(error.line);
            (None, Some(Err(LineError { line, ..error })))
        }
    };
    let mut record = csv::StringRecord::new();
    // Each turn hands on record `index` (the header first), then reads the next one.
    for index in 0.. {
        let layout = &mut reader.get_mut().layout;
        let line = layout.record_line(index).unwrap_or(0);
        layout.forget_records_before(index + 1);
        if !hand_on(layout, line, outcome, &mut take) {
            return;
        }
        let read = reader.read_record(&mut record);
        let layout = &reader.get_ref().layout;
        outcome = match (read, &columns) {
            (Ok(false), _) => return end(&mut reader.get_mut().layout, None, take),
            // Only a failing input gives an error without a position.
            (Err(error), _) if error.position().is_none() => {
                return end(&mut reader.get_mut().layout, Some(&error), take);
            }
            (_, None) => None,
            (Ok(true), Some(columns)) => {
                let line = record.position().map_or(0, |p| layout.line_of(p));
                Some(columns.sample(line, &record))
            }
            (Err(error), Some(_)) => Some(Err(line_error(layout, &error))),
        };
    }
}

type Outcome = Result<ValidSample, LineError>;

/// The input is over, at its end or where it failed: quoting mistakes not yet handed on come
/// first, then the failure at the line being read.
fn end(
    layout: &mut CsvLayout,
    failure: Option<&csv::Error>,
    mut take: impl FnMut(Outcome) -> bool,
) {
    if failure.is_none() {
        layout.finish();
    }
    let failure = failure.map(|failure| Err(line_error(layout, failure)));
    hand_on(layout, u64::MAX, failure, &mut take);
}

/// Hands on the outcome of the record starting on `line`, or its quoting mistake instead, which
/// says more than what the reader makes of it; first those of earlier records, which the reader
/// skipped (it never does, as both split alike). False once `take` wants no more.
fn hand_on(
    layout: &mut CsvLayout,
    line: u64,
    mut outcome: Option<Outcome>,
    take: &mut impl FnMut(Outcome) -> bool,
) -> bool {
    while let Some(error) = layout.take_quoting_error(line) {
        if error.line == line {
            outcome = Some(Err(error));
        } else if !take(Err(error)) {
            return false;
        }
    }
    outcome.is_none_or(take)
}

#[cfg(test)]
#[path = "csv_format_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "csv_import_tests.rs"]
mod import_tests;
