//! Metric declarations of an experiment: what is measured, how it is aggregated, and which way
//! is better.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::limits::MAX_METRIC_NAME_CHARS;
use crate::error::FieldError;

/// How a metric's recorded values are aggregated and which variance the statistics use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// Any finite number (latency, score, tokens, revenue); variance is the sample variance.
    Mean,
    /// A 0/1 outcome per event (converted, thumbs-up); the mean is the rate `p` and the variance
    /// of one event is `p(1-p)`.
    Proportion,
}

impl MetricKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MetricKind::Mean => "mean",
            MetricKind::Proportion => "proportion",
        }
    }

    /// Whether one recorded value suits this kind: finite for a mean metric, exactly 0 or 1 for
    /// a proportion metric. The message reads after the field name, e.g. "value must be 0 or 1".
    pub fn check_value(self, value: f64) -> Result<(), String> {
        match self {
            _ if !value.is_finite() => Err("must be a finite number".to_owned()),
            MetricKind::Proportion if value != 0.0 && value != 1.0 => {
                Err("must be 0 or 1 (or false/true) for a proportion metric".to_owned())
            }
            _ => Ok(()),
        }
    }
}

impl fmt::Display for MetricKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which way of a metric counts as an improvement.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    HigherIsBetter,
    LowerIsBetter,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher_is_better",
            Direction::LowerIsBetter => "lower_is_better",
        }
    }

    /// `+1` for higher-is-better, `-1` for lower-is-better: multiplying a difference by it gives
    /// the improvement (positive = better).
    pub fn sign(self) -> f64 {
        match self {
            Direction::HigherIsBetter => 1.0,
            Direction::LowerIsBetter => -1.0,
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One declared metric, e.g. `{"name": "latency_ms", "kind": "mean", "direction": "lower_is_better"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricDefinition {
    /// 1-64 characters: an ASCII letter, then ASCII letters, digits, '_', '-' or '.'.
    pub name: String,
    pub kind: MetricKind,
    #[serde(default)]
    pub direction: Direction,
}

/// Checks a metric name; errors carry the field `name` for the caller to rename.
pub fn check_metric_name(raw: &str) -> Result<(), FieldError> {
    let invalid = |message: String| FieldError::new("name", message);
    let Some(first) = raw.chars().next() else {
        return Err(invalid("must not be empty".to_owned()));
    };
    if raw.chars().count() > MAX_METRIC_NAME_CHARS {
        return Err(invalid(format!(
            "must be at most {MAX_METRIC_NAME_CHARS} characters"
        )));
    }
    if !raw
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return Err(invalid(
            "may contain only letters, digits, '_', '-' and '.'".to_owned(),
        ));
    }
    if !first.is_ascii_alphabetic() {
        return Err(invalid("must start with a letter".to_owned()));
    }
    Ok(())
}

#[cfg(test)]
#[path = "metric_tests.rs"]
mod tests;
