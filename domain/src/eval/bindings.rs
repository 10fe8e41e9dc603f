//! How a sample becomes template variables, and whether a dataset can supply a prompt.
//!
//! A sample supplies `input`, `expected_output` and `context` (always strings) and every key
//! of its `metadata`; the three fields win over a metadata key of the same name.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::dataset::record::Sample;
use crate::error::FieldError;
use crate::prompt::variables::{VarType, VariableSpec};

const SAMPLE_FIELDS: [&str; 3] = ["input", "expected_output", "context"];

/// The values of the declared variables that the sample holds; undeclared keys are left out,
/// since rendering refuses variables a prompt does not declare.
pub fn sample_variables(sample: &Sample, specs: &[VariableSpec]) -> Map<String, Value> {
    specs
        .iter()
        .filter_map(|spec| {
            let value = match spec.name.as_str() {
                "input" => Value::String(sample.input.clone()),
                "expected_output" => Value::String(sample.expected_output.clone()),
                "context" => Value::String(sample.context.clone()),
                key => sample.metadata.get(key)?.clone(),
            };
            Some((spec.name.clone(), value))
        })
        .collect()
}

/// Watches every sample of a dataset version and says which declared variables it cannot
/// supply: a required variable without a default that some sample lacks, or a value of the
/// wrong type.
pub struct Coverage<'a> {
    specs: &'a [VariableSpec],
    samples: u64,
    missing: BTreeMap<&'a str, u64>,
    mistyped: BTreeMap<&'a str, u64>,
}

impl<'a> Coverage<'a> {
    pub fn new(specs: &'a [VariableSpec]) -> Self {
        Coverage {
            specs,
            samples: 0,
            missing: BTreeMap::new(),
            mistyped: BTreeMap::new(),
        }
    }

    pub fn observe(&mut self, sample: &Sample) {
        self.samples += 1;
        for spec in self.specs {
            if SAMPLE_FIELDS.contains(&spec.name.as_str()) {
                continue;
            }
            match sample.metadata.get(&spec.name) {
                None | Some(Value::Null) => {
                    if spec.required && spec.effective_default().is_none() {
                        *self.missing.entry(&spec.name).or_default() += 1;
                    }
                }
                Some(value) if !spec.var_type.accepts(value) => {
                    *self.mistyped.entry(&spec.name).or_default() += 1;
                }
                Some(_) => {}
            }
        }
    }

    /// One FieldError per variable the dataset cannot supply, under `prompt_version`.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut problems = Vec::new();
        let total = self.samples;
        for spec in self.specs {
            let name = spec.name.as_str();
            if SAMPLE_FIELDS.contains(&name) {
                if spec.var_type != VarType::String {
                    problems.push(FieldError::new(
                        "prompt_version",
                        format!(
                            "variable \"{name}\" is declared {} but samples supply {name} as a string",
                            spec.var_type.as_str()
                        ),
                    ));
                }
                continue;
            }
            if let Some(count) = self.missing.get(name) {
                problems.push(FieldError::new(
                    "prompt_version",
                    format!(
                        "variable \"{name}\" is required but {count} of {total} samples have no metadata key \"{name}\""
                    ),
                ));
            }
            if let Some(count) = self.mistyped.get(name) {
                problems.push(FieldError::new(
                    "prompt_version",
                    format!(
                        "variable \"{name}\" must be {} but {count} of {total} samples hold another type in metadata \"{name}\"",
                        spec.var_type.as_str()
                    ),
                ));
            }
        }
        problems
    }
}

#[cfg(test)]
#[path = "bindings_tests.rs"]
mod tests;
