//! Version strings of a prompt: semantic versions, their order, and the next one to suggest.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

/// Longest accepted version string; semver allows unbounded pre-release tags, the store does not need them.
pub const MAX_VERSION_CHARS: usize = 100;

/// A semantic version "MAJOR.MINOR.PATCH" (pre-release/build allowed, as semver crate parses).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct VersionString(semver::Version);

impl VersionString {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        if raw.chars().count() > MAX_VERSION_CHARS {
            return Err(FieldError::new("version", "must be at most 100 characters"));
        }
        semver::Version::parse(raw)
            .map(Self)
            .map_err(|_| FieldError::new("version", "must be a semantic version like 1.2.0"))
    }

    pub fn first() -> Self {
        Self(semver::Version::new(1, 0, 0))
    }

    /// The next version after the highest of `existing`: minor bumped, patch 0 (1.0.0 -> 1.1.0; 2.3.4 -> 2.4.0). first() when empty.
    pub fn next_after<'a>(existing: impl IntoIterator<Item = &'a VersionString>) -> Self {
        match existing.into_iter().max() {
            // Pre-release and build tags are dropped: a suggested version is always a plain release.
            Some(highest) => Self(semver::Version::new(
                highest.0.major,
                highest.0.minor + 1,
                0,
            )),
            None => Self::first(),
        }
    }

    pub fn as_semver(&self) -> &semver::Version {
        &self.0
    }
}

impl fmt::Display for VersionString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Ord for VersionString {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

impl PartialOrd for VersionString {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl TryFrom<String> for VersionString {
    type Error = FieldError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<VersionString> for String {
    fn from(version: VersionString) -> Self {
        version.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(raw: &str) -> VersionString {
        VersionString::parse(raw).unwrap()
    }

    #[test]
    fn full_semantic_versions_are_accepted() {
        for raw in ["1.0.0", "0.1.2", "10.20.30", "1.0.0-rc.1", "1.0.0+build.5"] {
            assert_eq!(v(raw).to_string(), raw);
        }
    }

    #[test]
    fn incomplete_or_decorated_versions_are_rejected() {
        for raw in ["", "1", "1.2", "v1.2.0", "1.2.0 ", "latest", "01.2.0"] {
            let error = VersionString::parse(raw).unwrap_err();
            assert_eq!(error.field, "version");
            assert_eq!(error.message, "must be a semantic version like 1.2.0");
        }
    }

    #[test]
    fn an_overlong_version_is_rejected() {
        let raw = format!("1.0.0-{}", "a".repeat(200));
        assert_eq!(
            VersionString::parse(&raw).unwrap_err().message,
            "must be at most 100 characters"
        );
    }

    #[test]
    fn the_first_version_is_1_0_0() {
        assert_eq!(VersionString::first().to_string(), "1.0.0");
        assert_eq!(VersionString::next_after([]), VersionString::first());
    }

    #[test]
    fn the_next_version_bumps_the_minor_of_the_highest() {
        assert_eq!(VersionString::next_after([&v("1.0.0")]), v("1.1.0"));
        assert_eq!(VersionString::next_after([&v("2.3.4")]), v("2.4.0"));
        let existing = [v("1.9.0"), v("2.3.4"), v("1.10.0"), v("2.0.0-rc.1")];
        assert_eq!(VersionString::next_after(&existing), v("2.4.0"));
    }

    #[test]
    fn versions_order_by_semver_not_by_text() {
        assert!(v("1.10.0") > v("1.9.0"));
        assert!(v("1.0.0-rc.1") < v("1.0.0"));
        assert_eq!(v("2.0.0").as_semver().major, 2);
    }

    #[test]
    fn versions_round_trip_through_json() {
        let json = serde_json::to_string(&v("1.2.3-beta")).unwrap();
        assert_eq!(json, "\"1.2.3-beta\"");
        assert_eq!(
            serde_json::from_str::<VersionString>(&json).unwrap(),
            v("1.2.3-beta")
        );
        assert!(serde_json::from_str::<VersionString>("\"1.2\"").is_err());
    }
}
