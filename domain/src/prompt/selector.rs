//! Version selectors: how a caller names which version of a prompt it wants.

use std::fmt;

use crate::error::FieldError;
use crate::prompt::label::LabelName;
use crate::prompt::version::VersionString;

/// How a caller names a version: an exact version string, "latest" (highest semver), "active", or a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionSelector {
    Exact(VersionString),
    Latest,
    Active,
    Label(LabelName),
}

impl VersionSelector {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        match raw {
            "latest" => return Ok(Self::Latest),
            "active" => return Ok(Self::Active),
            _ => {}
        }
        // Labels must start with a letter, so a leading digit can only mean a version string;
        // routing on it gives the caller the error message for what they evidently meant.
        if raw.starts_with(|c: char| c.is_ascii_digit()) {
            return VersionString::parse(raw).map(Self::Exact);
        }
        LabelName::parse(raw).map(Self::Label).map_err(|_| {
            FieldError::new(
                "version",
                "must be a semantic version like 1.2.0, \"latest\", \"active\" or a label name",
            )
        })
    }
}

impl fmt::Display for VersionSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Exact(version) => fmt::Display::fmt(version, f),
            Self::Latest => f.write_str("latest"),
            Self::Active => f.write_str("active"),
            Self::Label(label) => fmt::Display::fmt(label, f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_select_latest_and_active() {
        assert_eq!(
            VersionSelector::parse("latest"),
            Ok(VersionSelector::Latest)
        );
        assert_eq!(
            VersionSelector::parse("active"),
            Ok(VersionSelector::Active)
        );
    }

    #[test]
    fn a_version_string_selects_that_exact_version() {
        assert_eq!(
            VersionSelector::parse("1.2.0"),
            Ok(VersionSelector::Exact(
                VersionString::parse("1.2.0").unwrap()
            ))
        );
    }

    #[test]
    fn any_other_valid_label_selects_a_label() {
        assert_eq!(
            VersionSelector::parse("staging"),
            Ok(VersionSelector::Label(LabelName::parse("staging").unwrap()))
        );
    }

    #[test]
    fn a_malformed_version_reports_the_version_rule() {
        let error = VersionSelector::parse("1.2").unwrap_err();
        assert_eq!(error.field, "version");
        assert_eq!(error.message, "must be a semantic version like 1.2.0");
    }

    #[test]
    fn something_that_is_neither_a_version_nor_a_label_is_rejected() {
        for raw in ["", "Staging", "v1.2.0", "no spaces"] {
            let error = VersionSelector::parse(raw).unwrap_err();
            assert_eq!(error.field, "version");
            assert!(error.message.contains("\"latest\""), "{raw}: {error}");
        }
    }

    #[test]
    fn selectors_display_as_they_were_written() {
        for raw in ["latest", "active", "staging", "1.2.0-rc.1"] {
            assert_eq!(VersionSelector::parse(raw).unwrap().to_string(), raw);
        }
    }
}
