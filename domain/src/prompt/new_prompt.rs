//! Creating a prompt: its name and description checked together with its first version, so the
//! caller hears about every problem at once.

use serde::{Deserialize, Serialize};

use super::{
    draft::{NewVersion, ValidVersion},
    name::PromptName,
};
use crate::error::{FieldError, ValidationError};

/// Longest description accepted, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 1000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewPrompt {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub first: NewVersion,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidPrompt {
    pub name: PromptName,
    pub description: String,
    pub first: ValidVersion,
}

impl NewPrompt {
    pub fn validate(self) -> Result<ValidPrompt, ValidationError> {
        let mut problems = Vec::new();
        let name = PromptName::parse(&self.name)
            .map_err(|e| problems.push(e))
            .ok();
        let description = self.description.trim().to_string();
        if description.chars().count() > MAX_DESCRIPTION_CHARS {
            problems.push(FieldError::new(
                "description",
                format!("must be at most {MAX_DESCRIPTION_CHARS} characters"),
            ));
        }
        let first = self
            .first
            .validate()
            .map_err(|e| problems.extend(e.details))
            .ok();
        match (name, first) {
            (Some(name), Some(first)) if problems.is_empty() => Ok(ValidPrompt {
                name,
                description,
                first,
            }),
            _ => Err(ValidationError::new("the prompt is invalid", problems)),
        }
    }
}
