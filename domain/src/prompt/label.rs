//! Label names: movable pointers such as "staging" or "production" that name one version.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

/// Longest accepted label, in characters.
pub const MAX_LABEL_CHARS: usize = 40;

/// Words that already mean something as version selectors, so no label may take them.
pub const RESERVED_LABELS: [&str; 2] = ["latest", "active"];

/// A named pointer such as "staging": 1-40 chars, starts with a lowercase ASCII letter, then lowercase letters, digits, '-', '_'. "latest" and "active" are reserved (they have meanings as version selectors).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LabelName(String);

impl LabelName {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let Some(first) = raw.chars().next() else {
            return Err(FieldError::new("label", "must not be empty"));
        };
        if raw.chars().count() > MAX_LABEL_CHARS {
            return Err(FieldError::new("label", "must be at most 40 characters"));
        }
        if !raw.chars().all(is_label_char) {
            return Err(FieldError::new(
                "label",
                "may contain only lowercase letters, digits, '-' and '_'",
            ));
        }
        // A leading letter keeps labels distinguishable from version strings, which start with a digit.
        if !first.is_ascii_lowercase() {
            return Err(FieldError::new(
                "label",
                "must start with a lowercase letter",
            ));
        }
        if RESERVED_LABELS.contains(&raw) {
            return Err(FieldError::new(
                "label",
                format!("\"{raw}\" is reserved: it already selects a version"),
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_label_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_')
}

impl fmt::Display for LabelName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for LabelName {
    type Error = FieldError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<LabelName> for String {
    fn from(label: LabelName) -> Self {
        label.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message_for(raw: &str) -> String {
        let error = LabelName::parse(raw).unwrap_err();
        assert_eq!(error.field, "label");
        error.message
    }

    #[test]
    fn ordinary_labels_are_accepted() {
        for raw in ["staging", "production", "canary-2", "a_b", "x"] {
            assert_eq!(LabelName::parse(raw).unwrap().as_str(), raw);
        }
    }

    #[test]
    fn an_empty_label_is_rejected() {
        assert_eq!(message_for(""), "must not be empty");
    }

    #[test]
    fn a_label_longer_than_40_characters_is_rejected() {
        assert!(LabelName::parse(&"a".repeat(40)).is_ok());
        assert_eq!(
            message_for(&"a".repeat(41)),
            "must be at most 40 characters"
        );
    }

    #[test]
    fn uppercase_and_punctuation_are_rejected() {
        for raw in ["Staging", "pro duction", "v1.2", "ünï"] {
            assert_eq!(
                message_for(raw),
                "may contain only lowercase letters, digits, '-' and '_'"
            );
        }
    }

    #[test]
    fn a_label_must_start_with_a_letter() {
        for raw in ["1st", "-x", "_x"] {
            assert_eq!(message_for(raw), "must start with a lowercase letter");
        }
    }

    #[test]
    fn latest_and_active_are_reserved() {
        assert_eq!(
            message_for("latest"),
            "\"latest\" is reserved: it already selects a version"
        );
        assert!(message_for("active").contains("reserved"));
        assert!(LabelName::parse("latest-stable").is_ok());
    }

    #[test]
    fn labels_round_trip_through_json() {
        let label: LabelName = serde_json::from_str("\"staging\"").unwrap();
        assert_eq!(serde_json::to_string(&label).unwrap(), "\"staging\"");
        assert!(serde_json::from_str::<LabelName>("\"active\"").is_err());
    }
}
