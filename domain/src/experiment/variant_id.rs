//! Variant ids: the short slug a variant is addressed by in traffic splits, assignments and metrics.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::limits::MAX_VARIANT_ID_CHARS;
use crate::error::FieldError;

/// 1-64 characters of `[a-z0-9_-]`, starting with a lowercase letter or a digit, e.g. `control`,
/// `b`, `gpt-4o_short`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct VariantId(String);

impl VariantId {
    /// Errors carry the field `id`; callers that know the position rename it (`variants[1].id`).
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let invalid = |message: String| FieldError::new("id", message);
        let Some(first) = raw.chars().next() else {
            return Err(invalid("must not be empty".to_owned()));
        };
        if raw.chars().count() > MAX_VARIANT_ID_CHARS {
            return Err(invalid(format!(
                "must be at most {MAX_VARIANT_ID_CHARS} characters"
            )));
        }
        if !raw.chars().all(is_slug_char) {
            return Err(invalid(
                "may contain only lowercase letters, digits, '-' and '_'".to_owned(),
            ));
        }
        if !(first.is_ascii_lowercase() || first.is_ascii_digit()) {
            return Err(invalid("must start with a letter or digit".to_owned()));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_slug_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_')
}

impl fmt::Display for VariantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for VariantId {
    type Error = FieldError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<VariantId> for String {
    fn from(id: VariantId) -> Self {
        id.0
    }
}

#[cfg(test)]
#[path = "variant_id_tests.rs"]
mod tests;
