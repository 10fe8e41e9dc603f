//! JSONL import and export: one sample per line, every bad line reported with its number.

use std::{collections::BTreeSet, fmt};

use serde::{
    Deserialize, Deserializer, Serialize,
    de::{MapAccess, Visitor},
};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::{
    limits::MAX_REPORTED_LINE_ERRORS,
    record::Sample,
    sample::{SampleInput, ValidSample},
};
use crate::error::FieldError;

/// One problem in an import file: 1-based line number (for CSV: the line where the record
/// starts) and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct LineError {
    pub line: u64,
    pub message: String,
}

impl LineError {
    pub fn new(line: u64, message: impl Into<String>) -> Self {
        LineError {
            line,
            message: message.into(),
        }
    }

    /// Field "line 12", so a rejected import travels in the usual `ValidationError` shape.
    pub fn to_field_error(&self) -> FieldError {
        FieldError::new(format!("line {}", self.line), self.message.clone())
    }

    /// One line error out of the problems found on that line; a line with a flood of
    /// problems (say thousands of unknown keys) gets the first few and a count.
    pub(super) fn from_problems(line: u64, problems: &[String]) -> Self {
        const SHOWN: usize = 5;
        let mut message = problems[..problems.len().min(SHOWN)].join("; ");
        if problems.len() > SHOWN {
            message.push_str(&format!("; and {} more problems", problems.len() - SHOWN));
        }
        LineError::new(line, message)
    }
}

/// A sample's field errors as line problems: "input must not be empty".
pub(super) fn describe_field_errors(errors: Vec<FieldError>) -> Vec<String> {
    errors
        .into_iter()
        .map(|e| format!("{} {}", e.field, e.message))
        .collect()
}

/// serde_json's reason without its "at line 1 column 5" tail, which means nothing inside one
/// line or one CSV cell; the column alone does.
pub(super) fn describe_json_error(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let tail = format!(" at line {} column {}", error.line(), error.column());
    let reason = text.strip_suffix(&tail).unwrap_or(&text);
    format!("invalid JSON: {reason} at column {}", error.column())
}

/// Parses one JSONL line (without its newline) into a validated sample. Blank lines are the
/// caller's to skip (return None for a line that is empty or whitespace only).
/// Errors say why precisely: "invalid JSON: ... at column 5", "missing field `input`",
/// "`input` must be a string", "unknown field `foo`", "metadata must be a JSON object",
/// "input must not be empty", size limits. Several problems of one line are joined with "; ".
///
/// An "id" key (a string) is accepted and ignored, so exported files import again; a byte
/// order mark before line 1 is ignored too, as editors on Windows add one.
pub fn parse_line(line_number: u64, line: &str) -> Option<Result<ValidSample, LineError>> {
    let line = match line_number {
        1 => line.strip_prefix('\u{feff}').unwrap_or(line),
        _ => line,
    };
    if line.trim().is_empty() {
        return None;
    }
    Some(
        sample_from_line(line).map_err(|problems| LineError::from_problems(line_number, &problems)),
    )
}

fn sample_from_line(line: &str) -> Result<ValidSample, Vec<String>> {
    let entries = serde_json::from_str::<Entries>(line).map_err(|error| {
        vec![match error.classify() {
            serde_json::error::Category::Data => "each line must be a JSON object".to_owned(),
            _ => describe_json_error(&error),
        }]
    })?;
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    let mut input = None;
    let mut expected_output = String::new();
    let mut context = String::new();
    let mut metadata = Map::new();
    for (key, value) in entries.0 {
        // serde_json would keep the last of repeated keys; silently losing the first is worse.
        if !seen.insert(key.clone()) {
            problems.push(format!("duplicate field `{key}`"));
            continue;
        }
        match (key.as_str(), value) {
            ("id", Value::String(_)) => {}
            ("input", Value::String(text)) => input = Some(text),
            ("expected_output", Value::String(text)) => expected_output = text,
            ("context", Value::String(text)) => context = text,
            ("metadata", Value::Object(map)) => metadata = map,
            ("id" | "input" | "expected_output" | "context", _) => {
                problems.push(format!("`{key}` must be a string"));
            }
            ("metadata", _) => problems.push("metadata must be a JSON object".to_owned()),
            _ => problems.push(format!("unknown field `{key}`")),
        }
    }
    if !seen.contains("input") {
        problems.push("missing field `input`".to_owned());
    }
    // Content checks only once the shape is right: "input must not be empty" would be
    // misleading about an input that is missing or not a string.
    match input {
        Some(input) if problems.is_empty() => SampleInput {
            input,
            expected_output,
            context,
            metadata,
        }
        .check("")
        .map_err(describe_field_errors),
        _ => Err(problems),
    }
}

/// The keys and values of one JSON object in the order written, repeated keys included, so
/// that repeats can be reported; anything but an object is a data error.
struct Entries(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;

        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, Value>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }

        deserializer.deserialize_map(EntriesVisitor)
    }
}

/// Writes one sample as a JSONL line (with trailing '\n') with keys in the order id, input,
/// expected_output, context, metadata. `id` is included so an exported file shows sample ids;
/// parse_line accepts and ignores it, so the file imports again unchanged.
pub fn write_line(sample: &Sample, out: &mut Vec<u8>) {
    // Field order here is key order in the file.
    #[derive(Serialize)]
    struct Line<'a> {
        id: &'a Uuid,
        input: &'a str,
        expected_output: &'a str,
        context: &'a str,
        metadata: &'a Map<String, Value>,
    }
    let line = Line {
        id: &sample.id,
        input: &sample.input,
        expected_output: &sample.expected_output,
        context: &sample.context,
        metadata: &sample.metadata,
    };
    // serde_json escapes newlines inside strings, so the sample stays on one line.
    serde_json::to_writer(&mut *out, &line).expect("a sample always serializes to JSON");
    out.push(b'\n');
}

/// Parses a whole JSONL file, all or nothing: every sample, or the first
/// MAX_REPORTED_LINE_ERRORS bad lines. Lines end at '\n' (a '\r' before it is JSON whitespace);
/// blank lines are skipped but still counted; a line that is not UTF-8 is a bad line; a file
/// without any sample is rejected as line 1.
pub fn parse_all(data: &[u8]) -> Result<Vec<ValidSample>, Vec<LineError>> {
    let mut samples = Vec::new();
    let mut errors = Vec::new();
    for (line_number, bytes) in (1u64..).zip(data.split(|&byte| byte == b'\n')) {
        let outcome = match std::str::from_utf8(bytes) {
            Ok(line) => parse_line(line_number, line),
            Err(_) => Some(Err(LineError::new(
                line_number,
                "the line is not valid UTF-8",
            ))),
        };
        match outcome {
            None => {}
            Some(Ok(sample)) => samples.push(sample),
            Some(Err(error)) => {
                errors.push(error);
                if errors.len() == MAX_REPORTED_LINE_ERRORS {
                    break;
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if samples.is_empty() {
        return Err(vec![LineError::new(1, NO_SAMPLES)]);
    }
    Ok(samples)
}

/// The reason given for an import file without a single sample.
pub const NO_SAMPLES: &str = "the file holds no samples";

#[cfg(test)]
#[path = "jsonl_tests.rs"]
mod tests;
