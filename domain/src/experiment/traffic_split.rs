//! The traffic split of a definition: variant id -> percent of traffic.

use serde_json::{Map, Value};

use super::definition::NewVariant;
use super::limits::SPLIT_SUM_TOLERANCE;
use crate::error::FieldError;

/// One entry per variant, each a number in [0, 100], none for unknown ids, summing to 100.
/// Returns the percents aligned with `variants` when every variant has a good entry.
pub(super) fn validate_split(
    variants: &[NewVariant],
    split: &Map<String, Value>,
    problems: &mut Vec<FieldError>,
) -> Option<Vec<f64>> {
    let before = problems.len();
    let path = |key: &str| format!("traffic_split.{key}");

    let mut percents = Vec::with_capacity(variants.len());
    for variant in variants {
        match split.get(&variant.id) {
            None => problems.push(FieldError::new(
                path(&variant.id),
                "is missing; every variant needs a share of traffic",
            )),
            Some(value) => percents.extend(percent(value)),
        }
    }

    let mut sum = Some(0.0);
    for (key, value) in split {
        if !variants.iter().any(|v| &v.id == key) {
            problems.push(FieldError::new(path(key), "is not the id of a variant"));
        }
        match percent(value) {
            Some(share) => sum = sum.map(|total| total + share),
            None => {
                problems.push(FieldError::new(path(key), "must be a number from 0 to 100"));
                sum = None;
            }
        }
    }
    if let Some(sum) = sum
        && (sum - 100.0).abs() > SPLIT_SUM_TOLERANCE
    {
        problems.push(FieldError::new(
            "traffic_split",
            format!("must sum to 100; sums to {}", readable(sum)),
        ));
    }
    (problems.len() == before).then_some(percents)
}

fn percent(value: &Value) -> Option<f64> {
    value
        .as_f64()
        .filter(|p| p.is_finite() && (0.0..=100.0).contains(p))
}

/// Rounds to 9 decimals so that 33.3 + 33.3 + 33.3 reads "99.9", not "99.89999999999999".
fn readable(sum: f64) -> String {
    let rounded = (sum * 1e9).round() / 1e9;
    rounded.to_string()
}

/// A whole percent stays an integer in JSON (`50`, not `50.0`).
pub(super) fn percent_json(percent: f64) -> Value {
    if percent.fract() == 0.0 && percent.abs() <= 100.0 {
        Value::from(percent as i64)
    } else {
        Value::from(percent)
    }
}

#[cfg(test)]
#[path = "traffic_split_tests.rs"]
mod tests;
