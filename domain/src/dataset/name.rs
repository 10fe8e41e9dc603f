//! Dataset names: the stable, URL-safe identifier a dataset is addressed by.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{error::FieldError, prompt::name::PromptName};

/// 1-100 chars, first char ASCII alphanumeric, then ASCII alphanumerics, '-', '_', '.'.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DatasetName(String);

impl DatasetName {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        // Datasets and prompts share their naming rules (and error messages) on purpose, so
        // the rules live in one place: both kinds of name appear in the same URLs and forms.
        PromptName::parse(raw).map(|name| Self(name.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DatasetName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for DatasetName {
    type Error = FieldError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<DatasetName> for String {
    fn from(name: DatasetName) -> Self {
        name.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message_for(raw: &str) -> String {
        DatasetName::parse(raw).unwrap_err().message
    }

    #[test]
    fn ordinary_names_are_accepted_unchanged() {
        for raw in ["qa-golden", "Support_v2.1", "0day", "a"] {
            assert_eq!(DatasetName::parse(raw).unwrap().as_str(), raw);
        }
    }

    #[test]
    fn bad_names_are_rejected_under_the_field_name() {
        let error = DatasetName::parse("").unwrap_err();
        assert_eq!(error.field, "name");
        assert_eq!(error.message, "must not be empty");
        assert_eq!(
            message_for(&"a".repeat(101)),
            "must be at most 100 characters"
        );
        assert!(DatasetName::parse(&"a".repeat(100)).is_ok());
        assert_eq!(
            message_for("my data!"),
            "may contain only letters, digits, '-', '_' and '.'"
        );
        assert_eq!(message_for(".hidden"), "must start with a letter or digit");
    }

    #[test]
    fn names_round_trip_through_json_and_bad_ones_fail_to_deserialize() {
        let name = DatasetName::parse("qa-golden").unwrap();
        let json = serde_json::to_string(&name).unwrap();
        assert_eq!(json, "\"qa-golden\"");
        assert_eq!(serde_json::from_str::<DatasetName>(&json).unwrap(), name);
        assert!(serde_json::from_str::<DatasetName>("\"my data!\"").is_err());
        assert_eq!(name.to_string(), "qa-golden");
    }
}
