//! Validation errors shared by every domain check: one message plus the offending fields.

use serde::{Deserialize, Serialize};

/// One problem with one input field, e.g. `variables[2].name` "must be an identifier".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// A request that was understood but is not acceptable; `details` names every offending field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct ValidationError {
    pub message: String,
    pub details: Vec<FieldError>,
}

impl ValidationError {
    pub fn new(message: impl Into<String>, details: Vec<FieldError>) -> Self {
        Self {
            message: message.into(),
            details,
        }
    }

    /// A validation error about exactly one field; the field's message doubles as the summary.
    pub fn single(field: impl Into<String>, message: impl Into<String>) -> Self {
        let detail = FieldError::new(field, message);
        Self {
            message: detail.message.clone(),
            details: vec![detail],
        }
    }
}

impl From<FieldError> for ValidationError {
    fn from(detail: FieldError) -> Self {
        Self {
            message: detail.message.clone(),
            details: vec![detail],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_error_uses_its_message_as_the_summary() {
        let error = ValidationError::single("name", "must not be empty");
        assert_eq!(error.message, "must not be empty");
        assert_eq!(
            error.details,
            vec![FieldError::new("name", "must not be empty")]
        );
        assert_eq!(error.to_string(), "must not be empty");
    }

    #[test]
    fn a_validation_error_serializes_with_message_and_details() {
        let error = ValidationError::new(
            "the version is invalid",
            vec![FieldError::new("template", "must not be empty")],
        );
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "message": "the version is invalid",
                "details": [{"field": "template", "message": "must not be empty"}]
            })
        );
    }

    #[test]
    fn a_field_error_displays_its_field_and_message() {
        let error = FieldError::new("label", "is reserved");
        assert_eq!(error.to_string(), "label: is reserved");
    }
}
