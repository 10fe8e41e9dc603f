//! Dataset types: what a dataset is for, which decides how the UI groups and offers it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatasetType {
    /// Hand-checked answers a prompt must keep getting right.
    Golden,
    /// Cases that once broke, kept so they stay fixed.
    Regression,
    /// Cases for measuring quality, cost or speed across prompts and models.
    Benchmark,
    /// Samples collected from real users.
    User,
}

impl DatasetType {
    pub const ALL: [DatasetType; 4] = [
        DatasetType::Golden,
        DatasetType::Regression,
        DatasetType::Benchmark,
        DatasetType::User,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DatasetType::Golden => "golden",
            DatasetType::Regression => "regression",
            DatasetType::Benchmark => "benchmark",
            DatasetType::User => "user",
        }
    }

    /// Accepts exactly the lowercase names, as JSON does, so a type reads the same everywhere.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == raw)
            .ok_or_else(|| {
                let allowed: Vec<&str> = Self::ALL.iter().map(|kind| kind.as_str()).collect();
                FieldError::new(
                    "type",
                    format!("must be one of {} (lowercase)", allowed.join(", ")),
                )
            })
    }
}

impl fmt::Display for DatasetType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_parses_from_its_own_name() {
        for kind in DatasetType::ALL {
            assert_eq!(DatasetType::parse(kind.as_str()), Ok(kind));
        }
    }

    #[test]
    fn an_unknown_type_is_rejected_with_the_allowed_values() {
        let error = DatasetType::parse("gold").unwrap_err();
        assert_eq!(error.field, "type");
        assert_eq!(
            error.message,
            "must be one of golden, regression, benchmark, user (lowercase)"
        );
    }

    #[test]
    fn a_capitalized_type_is_rejected_because_only_lowercase_is_accepted() {
        for raw in ["Golden", "GOLDEN", " golden", ""] {
            let error = DatasetType::parse(raw).unwrap_err();
            assert!(error.message.ends_with("(lowercase)"), "{raw:?}");
        }
    }

    #[test]
    fn types_serialize_as_their_lowercase_names() {
        assert_eq!(
            serde_json::to_string(&DatasetType::Regression).unwrap(),
            "\"regression\""
        );
        assert_eq!(
            serde_json::from_str::<DatasetType>("\"benchmark\"").unwrap(),
            DatasetType::Benchmark
        );
        assert!(serde_json::from_str::<DatasetType>("\"Benchmark\"").is_err());
        assert_eq!(DatasetType::User.to_string(), "user");
    }
}
