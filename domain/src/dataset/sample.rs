//! Samples as callers send them, and the checks every sample passes before it is stored,
//! whether it comes from a REST body, a JSONL line or a CSV row.

use std::io;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::limits::{MAX_METADATA_BYTES, MAX_SAMPLES_PER_REQUEST, MAX_TEXT_FIELD_BYTES};
use crate::error::{FieldError, ValidationError};

/// A sample as callers send it (REST body items, JSONL lines, CSV rows once mapped).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SampleInput {
    pub input: String,
    #[serde(default)]
    pub expected_output: String,
    #[serde(default)]
    pub context: String,
    #[serde(default)]
    pub metadata: Map<String, Value>,
}

/// A sample that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidSample(SampleInput);

impl ValidSample {
    pub fn get(&self) -> &SampleInput {
        &self.0
    }

    pub fn into_inner(self) -> SampleInput {
        self.0
    }
}

impl SampleInput {
    /// `input` must not be empty or whitespace only; each text field at most MAX_TEXT_FIELD_BYTES;
    /// metadata serialized at most MAX_METADATA_BYTES.
    /// Field names in errors are prefixed: prefix "samples[3]" gives "samples[3].input".
    /// With an empty prefix the field is just "input".
    ///
    /// Text is never trimmed or otherwise touched: a sample is stored byte for byte as sent.
    pub fn validate(self) -> Result<ValidSample, ValidationError> {
        self.check("")
            .map_err(|details| ValidationError::new("the sample is invalid", details))
    }

    /// [`SampleInput::validate`] with every problem's field prefixed, for checks of many
    /// samples that report them all together.
    pub(crate) fn check(self, prefix: &str) -> Result<ValidSample, Vec<FieldError>> {
        let field = |name: &str| {
            if prefix.is_empty() {
                name.to_owned()
            } else {
                format!("{prefix}.{name}")
            }
        };
        let mut problems = Vec::new();
        if self.input.is_empty() {
            problems.push(FieldError::new(field("input"), "must not be empty"));
        } else if self.input.trim().is_empty() {
            problems.push(FieldError::new(
                field("input"),
                "must not be only whitespace",
            ));
        }
        let texts = [
            ("input", &self.input),
            ("expected_output", &self.expected_output),
            ("context", &self.context),
        ];
        for (name, text) in texts {
            if text.len() > MAX_TEXT_FIELD_BYTES {
                problems.push(FieldError::new(
                    field(name),
                    format!("must be at most {MAX_TEXT_FIELD_BYTES} bytes"),
                ));
            }
        }
        if json_len(&self.metadata) > MAX_METADATA_BYTES {
            problems.push(FieldError::new(
                field("metadata"),
                format!("must be at most {MAX_METADATA_BYTES} bytes as JSON"),
            ));
        }
        if problems.is_empty() {
            Ok(ValidSample(self))
        } else {
            Err(problems)
        }
    }
}

/// Checks many at once (REST "add samples"): at most MAX_SAMPLES_PER_REQUEST (else one
/// FieldError field "samples"), at least one; errors of all items collected (prefix "samples[i]").
pub fn validate_all(samples: Vec<SampleInput>) -> Result<Vec<ValidSample>, ValidationError> {
    if samples.is_empty() {
        return Err(ValidationError::single(
            "samples",
            "must contain at least one sample",
        ));
    }
    if samples.len() > MAX_SAMPLES_PER_REQUEST {
        return Err(ValidationError::single(
            "samples",
            format!(
                "must contain at most {MAX_SAMPLES_PER_REQUEST} samples; import a file instead"
            ),
        ));
    }
    let mut valid = Vec::with_capacity(samples.len());
    let mut problems = Vec::new();
    for (index, sample) in samples.into_iter().enumerate() {
        match sample.check(&format!("samples[{index}]")) {
            Ok(sample) => valid.push(sample),
            Err(errors) => problems.extend(errors),
        }
    }
    if problems.is_empty() {
        Ok(valid)
    } else {
        Err(ValidationError::new("some samples are invalid", problems))
    }
}

/// Size of `metadata` as compact JSON, counted without building the string: metadata may come
/// from a large request body, and only its length matters here.
fn json_len(metadata: &Map<String, Value>) -> usize {
    struct Counter(usize);
    impl io::Write for Counter {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut counter = Counter(0);
    // A map of JSON values always serializes; the counter itself never fails.
    serde_json::to_writer(&mut counter, metadata).expect("JSON values always serialize");
    counter.0
}

#[cfg(test)]
#[path = "sample_tests.rs"]
mod tests;
