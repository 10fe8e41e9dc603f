//! A parsed cron expression and its occurrences in UTC.

use std::fmt;

use chrono::{DateTime, Utc};
use croner::Cron;
use croner::parser::{CronParser, Seconds, Year};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::syntax::normalize;
use crate::error::FieldError;

/// A five-field cron expression (see [`super::syntax`] for the grammar), evaluated in UTC at
/// whole minutes. Serializes as the expression text.
#[derive(Debug, Clone)]
pub struct CronSchedule {
    /// As written, trimmed.
    expr: String,
    cron: Cron,
}

/// Where the search that proves an expression fires at all starts (1970-01-01T00:00:00Z). The
/// calendar repeats every 400 years, so an expression with no tick after this has none ever.
const NEVER_FIRES_PROBE: i64 = 0;

impl CronSchedule {
    /// Parses `expr`; the error is on field `cron` and says why, e.g.
    /// `minute field: 61 is out of range 0-59` or `expected 5 fields (...), found 6`. An
    /// expression that matches no real date (`0 0 30 2 *`, February 30) is refused too.
    pub fn parse(expr: &str) -> Result<CronSchedule, FieldError> {
        let invalid = |message: String| FieldError::new("cron", message);
        let normalized = normalize(expr).map_err(invalid)?;
        let cron = CronParser::builder()
            .seconds(Seconds::Disallowed)
            .year(Year::Disallowed)
            .build()
            .parse(&normalized)
            .map_err(|error| invalid(format!("is not a valid cron expression: {error}")))?;
        let schedule = CronSchedule {
            expr: expr.trim().to_owned(),
            cron,
        };
        let probe = DateTime::<Utc>::from_timestamp(NEVER_FIRES_PROBE, 0).unwrap_or_default();
        if schedule.next_after(probe).is_none() {
            return Err(invalid(
                "never fires: no month it names has the day of month it names".to_owned(),
            ));
        }
        Ok(schedule)
    }

    /// The first tick strictly after `t`; None if there is none (beyond the year 9999).
    pub fn next_after(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.cron.find_next_occurrence(&t, false).ok()
    }

    /// The last tick at or before `t`; None if there is none.
    pub fn latest_at_or_before(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.cron.find_previous_occurrence(&t, true).ok()
    }

    /// The expression as written (trimmed).
    pub fn as_str(&self) -> &str {
        &self.expr
    }
}

impl PartialEq for CronSchedule {
    fn eq(&self, other: &Self) -> bool {
        self.expr == other.expr
    }
}

impl Eq for CronSchedule {}

impl fmt::Display for CronSchedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.expr)
    }
}

impl std::str::FromStr for CronSchedule {
    type Err = FieldError;

    fn from_str(expr: &str) -> Result<Self, Self::Err> {
        CronSchedule::parse(expr)
    }
}

impl Serialize for CronSchedule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.expr)
    }
}

impl<'de> Deserialize<'de> for CronSchedule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let expr = String::deserialize(deserializer)?;
        CronSchedule::parse(&expr).map_err(|error| serde::de::Error::custom(error.message))
    }
}

#[cfg(test)]
#[path = "cron_tests.rs"]
mod tests;
