//! Prompt names: the stable, URL-safe identifier a prompt is addressed by.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

/// Longest accepted name, in characters; keeps URLs and table columns readable.
pub const MAX_PROMPT_NAME_CHARS: usize = 100;

/// 1-100 chars, first char ASCII alphanumeric, then ASCII alphanumerics, '-', '_', '.'.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PromptName(String);

impl PromptName {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let invalid = |message: &str| FieldError::new("name", message);
        let Some(first) = raw.chars().next() else {
            return Err(invalid("must not be empty"));
        };
        if raw.chars().count() > MAX_PROMPT_NAME_CHARS {
            return Err(invalid("must be at most 100 characters"));
        }
        if !raw.chars().all(is_name_char) {
            return Err(invalid(
                "may contain only letters, digits, '-', '_' and '.'",
            ));
        }
        // Names appear in URL paths: a leading '.' or '-' would read like a relative path or a flag.
        if !first.is_ascii_alphanumeric() {
            return Err(invalid("must start with a letter or digit"));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
}

impl fmt::Display for PromptName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PromptName {
    type Error = FieldError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<PromptName> for String {
    fn from(name: PromptName) -> Self {
        name.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message_for(raw: &str) -> String {
        PromptName::parse(raw).unwrap_err().message
    }

    #[test]
    fn ordinary_names_are_accepted_unchanged() {
        for raw in ["summarize", "Support-Bot_v2.1", "0day", "a"] {
            assert_eq!(PromptName::parse(raw).unwrap().as_str(), raw);
        }
    }

    #[test]
    fn an_empty_name_is_rejected() {
        assert_eq!(message_for(""), "must not be empty");
        assert_eq!(PromptName::parse("").unwrap_err().field, "name");
    }

    #[test]
    fn a_name_of_300_characters_is_rejected() {
        assert_eq!(
            message_for(&"a".repeat(300)),
            "must be at most 100 characters"
        );
        assert!(PromptName::parse(&"a".repeat(100)).is_ok());
    }

    #[test]
    fn spaces_and_punctuation_are_rejected() {
        assert_eq!(
            message_for("my prompt!"),
            "may contain only letters, digits, '-', '_' and '.'"
        );
    }

    #[test]
    fn non_ascii_letters_are_rejected() {
        assert_eq!(
            message_for("ünï"),
            "may contain only letters, digits, '-', '_' and '.'"
        );
    }

    #[test]
    fn a_name_starting_with_a_separator_is_rejected() {
        for raw in [".hidden", "-flag", "_private"] {
            assert_eq!(message_for(raw), "must start with a letter or digit");
        }
    }

    #[test]
    fn names_round_trip_through_json_and_bad_ones_fail_to_deserialize() {
        let name = PromptName::parse("summarize").unwrap();
        let json = serde_json::to_string(&name).unwrap();
        assert_eq!(json, "\"summarize\"");
        assert_eq!(serde_json::from_str::<PromptName>(&json).unwrap(), name);
        assert!(serde_json::from_str::<PromptName>("\"my prompt!\"").is_err());
    }
}
