//! Metric declarations: names, kinds, directions and the values each kind accepts.

use serde_json::json;

use super::*;

#[test]
fn metric_names_follow_the_identifier_rule() {
    for good in ["latency_ms", "thumbs.up", "Score-2", "a"] {
        assert_eq!(check_metric_name(good), Ok(()));
    }
    let message = |raw: &str| check_metric_name(raw).unwrap_err().message;
    assert_eq!(message(""), "must not be empty");
    assert_eq!(message("2fast"), "must start with a letter");
    assert_eq!(message("_x"), "must start with a letter");
    assert_eq!(
        message("with space"),
        "may contain only letters, digits, '_', '-' and '.'"
    );
    assert_eq!(message(&"m".repeat(65)), "must be at most 64 characters");
    assert_eq!(check_metric_name("").unwrap_err().field, "name");
}

#[test]
fn direction_defaults_to_higher_is_better() {
    let metric: MetricDefinition =
        serde_json::from_value(json!({"name": "score", "kind": "mean"})).unwrap();
    assert_eq!(metric.direction, Direction::HigherIsBetter);
    assert_eq!(metric.kind, MetricKind::Mean);
}

#[test]
fn kinds_and_directions_use_snake_case_names() {
    let metric: MetricDefinition = serde_json::from_value(
        json!({"name": "latency", "kind": "proportion", "direction": "lower_is_better"}),
    )
    .unwrap();
    assert_eq!(metric.kind, MetricKind::Proportion);
    assert_eq!(metric.direction, Direction::LowerIsBetter);
    assert_eq!(
        serde_json::to_value(&metric).unwrap(),
        json!({"name": "latency", "kind": "proportion", "direction": "lower_is_better"})
    );
    assert_eq!(MetricKind::Mean.to_string(), "mean");
    assert_eq!(Direction::LowerIsBetter.to_string(), "lower_is_better");
    assert_eq!(Direction::LowerIsBetter.sign(), -1.0);
}

#[test]
fn unknown_kinds_and_keys_are_refused() {
    assert!(
        serde_json::from_value::<MetricDefinition>(json!({"name": "a", "kind": "avg"})).is_err()
    );
    assert!(
        serde_json::from_value::<MetricDefinition>(
            json!({"name": "a", "kind": "mean", "unit": "ms"})
        )
        .is_err()
    );
}

#[test]
fn a_mean_metric_takes_any_finite_value() {
    for value in [0.0, -3.5, 1e300] {
        assert_eq!(MetricKind::Mean.check_value(value), Ok(()));
    }
    for value in [f64::NAN, f64::INFINITY] {
        assert_eq!(
            MetricKind::Mean.check_value(value).unwrap_err(),
            "must be a finite number"
        );
    }
}

#[test]
fn a_proportion_metric_takes_only_zero_or_one() {
    assert_eq!(MetricKind::Proportion.check_value(0.0), Ok(()));
    assert_eq!(MetricKind::Proportion.check_value(1.0), Ok(()));
    assert_eq!(
        MetricKind::Proportion.check_value(0.5).unwrap_err(),
        "must be 0 or 1 (or false/true) for a proportion metric"
    );
    assert_eq!(
        MetricKind::Proportion.check_value(f64::NAN).unwrap_err(),
        "must be a finite number"
    );
}
