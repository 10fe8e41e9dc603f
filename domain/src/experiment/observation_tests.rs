//! Checking metric records against an experiment.

use serde_json::{Value, json};

use super::*;
use crate::experiment::definition::NewExperiment;
use crate::experiment::limits::MAX_OBSERVATIONS_PER_REQUEST;

fn experiment() -> ValidExperiment {
    serde_json::from_value::<NewExperiment>(json!({
        "name": "e",
        "variants": [{"id": "a", "is_control": true}, {"id": "b"}],
        "traffic_split": {"a": 50, "b": 50},
        "metrics": [
            {"name": "converted", "kind": "proportion"},
            {"name": "latency_ms", "kind": "mean", "direction": "lower_is_better"}
        ],
        "target_metric": "converted"
    }))
    .unwrap()
    .validate()
    .unwrap()
}

fn record(body: Value) -> NewObservation {
    serde_json::from_value(body).unwrap()
}

fn fields(error: &ValidationError) -> Vec<(&str, &str)> {
    error
        .details
        .iter()
        .map(|d| (d.field.as_str(), d.message.as_str()))
        .collect()
}

#[test]
fn a_good_record_names_its_variant_and_metric_by_index() {
    let valid =
        record(json!({"variant_id": "b", "metric": "latency_ms", "value": 812.5, "user_id": "u1"}))
            .validate(&experiment())
            .unwrap();
    assert_eq!(
        valid,
        ValidObservation {
            variant_index: 1,
            metric_index: 1,
            value: 812.5,
            user_id: Some("u1".to_owned())
        }
    );
}

#[test]
fn proportion_metrics_take_booleans_and_zero_or_one() {
    let e = experiment();
    let value = |v: Value| {
        record(json!({"variant_id": "a", "metric": "converted", "value": v}))
            .validate(&e)
            .map(|o| o.value)
    };
    assert_eq!(value(json!(true)), Ok(1.0));
    assert_eq!(value(json!(false)), Ok(0.0));
    assert_eq!(value(json!(1)), Ok(1.0));
    let error = value(json!(0.5)).unwrap_err();
    assert_eq!(
        fields(&error),
        [(
            "value",
            "must be 0 or 1 (or false/true) for a proportion metric"
        )]
    );
}

#[test]
fn unknown_variants_metrics_and_bad_values_are_all_reported() {
    let error =
        record(json!({"variant_id": "c", "metric": "revenue", "value": "12", "user_id": ""}))
            .validate(&experiment())
            .unwrap_err();
    assert_eq!(error.message, "the metric record is invalid");
    assert_eq!(
        fields(&error),
        [
            ("variant_id", "must be one of the variant ids: a, b"),
            (
                "metric",
                "must be one of the declared metrics: converted, latency_ms"
            ),
            ("value", "must be a finite number"),
            ("user_id", "must not be empty"),
        ]
    );
}

#[test]
fn a_boolean_is_not_a_value_of_a_mean_metric() {
    let error = record(json!({"variant_id": "a", "metric": "latency_ms", "value": true}))
        .validate(&experiment())
        .unwrap_err();
    assert_eq!(fields(&error), [("value", "must be a finite number")]);
}

#[test]
fn a_batch_is_all_or_nothing_with_positions_in_the_paths() {
    let e = experiment();
    let good = vec![
        record(json!({"variant_id": "a", "metric": "converted", "value": 1})),
        record(json!({"variant_id": "b", "metric": "latency_ms", "value": 3})),
    ];
    assert_eq!(validate_batch(good, &e).unwrap().len(), 2);
    let mixed = vec![
        record(json!({"variant_id": "a", "metric": "converted", "value": 1})),
        record(json!({"variant_id": "a", "metric": "converted", "value": 2})),
    ];
    let error = validate_batch(mixed, &e).unwrap_err();
    assert_eq!(error.message, "the metric records are invalid");
    assert_eq!(
        fields(&error),
        [(
            "[1].value",
            "must be 0 or 1 (or false/true) for a proportion metric"
        )]
    );
}

#[test]
fn user_ids_are_bounded_and_unknown_keys_refused() {
    assert_eq!(check_user_id("u"), Ok(()));
    assert_eq!(
        check_user_id(&"u".repeat(201)).unwrap_err().message,
        "must be at most 200 characters"
    );
    assert!(
        serde_json::from_value::<NewObservation>(
            json!({"variant_id": "a", "metric": "m", "value": 1, "weight": 2})
        )
        .is_err()
    );
}

#[test]
fn a_batch_over_the_limit_is_refused_whole() {
    assert!(check_batch_size(MAX_OBSERVATIONS_PER_REQUEST).is_ok());
    let problem = check_batch_size(MAX_OBSERVATIONS_PER_REQUEST + 1).unwrap_err();
    assert_eq!(problem.code, ErrorCode::PayloadTooLarge);
    assert!(problem.field("body").unwrap().contains("10001"));
}
