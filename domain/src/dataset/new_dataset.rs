//! Creating a dataset: its name, type and description checked together, so the caller hears
//! about every problem at once.

use serde::{Deserialize, Serialize};

use super::{kind::DatasetType, limits::MAX_DESCRIPTION_CHARS, name::DatasetName};
use crate::error::{FieldError, ValidationError};

/// A "create a dataset" request; the type stays a string here so that a wrong type is reported
/// beside the other problems instead of failing the whole body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewDataset {
    pub name: String,
    #[serde(rename = "type")]
    pub dataset_type: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidDataset {
    pub name: DatasetName,
    pub dataset_type: DatasetType,
    /// Trimmed.
    pub description: String,
}

impl NewDataset {
    pub fn validate(self) -> Result<ValidDataset, ValidationError> {
        let mut problems = Vec::new();
        let name = DatasetName::parse(&self.name)
            .map_err(|e| problems.push(e))
            .ok();
        let dataset_type = DatasetType::parse(&self.dataset_type)
            .map_err(|e| problems.push(e))
            .ok();
        let description = self.description.trim().to_owned();
        if description.chars().count() > MAX_DESCRIPTION_CHARS {
            problems.push(FieldError::new(
                "description",
                format!("must be at most {MAX_DESCRIPTION_CHARS} characters"),
            ));
        }
        match (name, dataset_type) {
            (Some(name), Some(dataset_type)) if problems.is_empty() => Ok(ValidDataset {
                name,
                dataset_type,
                description,
            }),
            _ => Err(ValidationError::new("the dataset is invalid", problems)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_dataset(name: &str, dataset_type: &str, description: &str) -> NewDataset {
        NewDataset {
            name: name.to_owned(),
            dataset_type: dataset_type.to_owned(),
            description: description.to_owned(),
        }
    }

    #[test]
    fn a_good_request_is_accepted_with_its_description_trimmed() {
        let valid = new_dataset("qa-golden", "golden", "  Hand-checked answers \n")
            .validate()
            .unwrap();
        assert_eq!(valid.name.as_str(), "qa-golden");
        assert_eq!(valid.dataset_type, DatasetType::Golden);
        assert_eq!(valid.description, "Hand-checked answers");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let error = new_dataset("bad name", "Golden", &"x".repeat(MAX_DESCRIPTION_CHARS + 1))
            .validate()
            .unwrap_err();
        assert_eq!(error.message, "the dataset is invalid");
        let fields: Vec<&str> = error.details.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(fields, ["name", "type", "description"]);
        assert_eq!(error.details[2].message, "must be at most 1000 characters");
    }

    #[test]
    fn a_description_counts_characters_after_trimming() {
        let padded = format!("  {}  ", "é".repeat(MAX_DESCRIPTION_CHARS));
        assert!(new_dataset("qa", "user", &padded).validate().is_ok());
    }

    #[test]
    fn the_request_body_uses_the_key_type_and_rejects_unknown_keys() {
        let parsed: NewDataset =
            serde_json::from_str(r#"{"name": "qa", "type": "benchmark"}"#).unwrap();
        assert_eq!(parsed, new_dataset("qa", "benchmark", ""));
        assert!(
            serde_json::from_str::<NewDataset>(r#"{"name": "qa", "type": "user", "size": 1}"#)
                .is_err()
        );
    }
}
