//! Validating a "create an experiment" request: every rule, and every problem reported at once.

use serde_json::{Value, json};

use super::*;
use crate::experiment::metric::{Direction, MetricKind};

fn request(body: Value) -> NewExperiment {
    serde_json::from_value(body).unwrap()
}

fn good_body() -> Value {
    json!({
        "name": "  Shorter answers  ",
        "variants": [
            {"id": "control", "is_control": true, "prompt_name": "support-bot", "prompt_version": "1.2.0"},
            {"id": "short", "name": "Short prompt", "prompt_name": "support-bot",
             "model_name": " gpt-4o-mini ", "parameters": {"temperature": 0.2, "max_tokens": 256}}
        ],
        "traffic_split": {"control": 50, "short": 50},
        "metrics": [
            {"name": "thumbs_up", "kind": "proportion"},
            {"name": "latency_ms", "kind": "mean", "direction": "lower_is_better"}
        ],
        "target_metric": "thumbs_up"
    })
}

fn with(mut body: Value, key: &str, value: Value) -> Value {
    body[key] = value;
    body
}

fn problems(body: Value) -> Vec<(String, String)> {
    request(body)
        .validate()
        .unwrap_err()
        .details
        .into_iter()
        .map(|d| (d.field, d.message))
        .collect()
}

fn pair(field: &str, message: &str) -> (String, String) {
    (field.to_owned(), message.to_owned())
}

#[test]
fn a_good_request_becomes_a_typed_definition_with_defaults() {
    let valid = request(good_body()).validate().unwrap();
    assert_eq!(valid.name, "Shorter answers");
    assert_eq!(valid.description, "");
    assert_eq!(valid.variants.len(), 2);
    assert_eq!(valid.variants[0].id.as_str(), "control");
    assert_eq!(
        valid.variants[0].name, "control",
        "the name defaults to the id"
    );
    assert_eq!(valid.variants[1].name, "Short prompt");
    assert_eq!(
        valid.variants[0]
            .prompt_version
            .as_ref()
            .unwrap()
            .to_string(),
        "1.2.0"
    );
    assert_eq!(valid.variants[1].model_name.as_deref(), Some("gpt-4o-mini"));
    assert_eq!(valid.splits, vec![50.0, 50.0]);
    assert_eq!(valid.weights(), vec![0.5, 0.5]);
    assert_eq!(valid.control_index(), 0);
    assert_eq!(valid.control().id.as_str(), "control");
    assert_eq!(valid.target_metric, 0);
    assert_eq!(valid.target().kind, MetricKind::Proportion);
    assert_eq!(valid.metrics[1].direction, Direction::LowerIsBetter);
    assert_eq!(valid.confidence_level, 0.95);
    assert!((valid.alpha() - 0.05).abs() < 1e-15);
    assert_eq!(valid.min_sample_size, None);
    assert!(!valid.sequential);
    assert_eq!(valid.seed, None);
    assert_eq!(valid.hash_seed("exp-uuid"), "exp-uuid");
}

#[test]
fn splits_follow_the_variant_order_not_the_map_order() {
    let body = with(
        good_body(),
        "traffic_split",
        json!({"short": 30, "control": 70}),
    );
    assert_eq!(request(body).validate().unwrap().splits, vec![70.0, 30.0]);
}

#[test]
fn the_normalized_definition_validates_to_the_same_experiment() {
    let body = with(good_body(), "seed", json!("checkout-2024"));
    let valid = request(body).validate().unwrap();
    assert_eq!(valid.hash_seed("ignored"), "checkout-2024");
    let normalized = valid.to_definition();
    let json = serde_json::to_value(&normalized).unwrap();
    assert_eq!(json["traffic_split"], json!({"control": 50, "short": 50}));
    assert_eq!(json["variants"][0]["name"], json!("control"));
    assert_eq!(json["target_metric"], json!("thumbs_up"));
    let again: NewExperiment = serde_json::from_value(json).unwrap();
    assert_eq!(again.validate().unwrap(), valid);
}

#[test]
fn fractional_splits_within_the_tolerance_are_accepted() {
    let body = json!({
        "name": "thirds",
        "variants": [{"id": "a", "is_control": true}, {"id": "b"}, {"id": "c"}],
        "traffic_split": {"a": 33.3333333333, "b": 33.3333333333, "c": 33.3333333334},
        "metrics": [{"name": "score", "kind": "mean"}],
        "target_metric": "score"
    });
    let valid = request(body.clone()).validate().unwrap();
    assert_eq!(valid.splits[2], 33.3333333334);
    let json = serde_json::to_value(valid.to_definition()).unwrap();
    assert_eq!(json["traffic_split"]["a"], json!(33.3333333333));
}

#[test]
fn a_split_summing_to_99_9_is_refused_with_its_sum() {
    let body = with(
        good_body(),
        "traffic_split",
        json!({"control": 50, "short": 49.9}),
    );
    assert_eq!(
        problems(body.clone()),
        vec![pair("traffic_split", "must sum to 100; sums to 99.9")]
    );
    assert_eq!(
        request(body).validate().unwrap_err().message,
        "the experiment is invalid: traffic_split must sum to 100; sums to 99.9"
    );
}

#[test]
fn the_sum_is_shown_rounded_to_nine_decimals() {
    let body = json!({
        "name": "x",
        "variants": [{"id": "a", "is_control": true}, {"id": "b"}, {"id": "c"}],
        "traffic_split": {"a": 33.3, "b": 33.3, "c": 33.3},
        "metrics": [{"name": "score", "kind": "mean"}],
        "target_metric": "score"
    });
    assert_eq!(
        problems(body),
        vec![pair("traffic_split", "must sum to 100; sums to 99.9")]
    );
}

#[test]
fn missing_unknown_and_out_of_range_split_entries_are_each_named() {
    let body = with(
        good_body(),
        "traffic_split",
        json!({"control": 120, "bogus": -5}),
    );
    assert_eq!(
        problems(body),
        vec![
            pair(
                "traffic_split.short",
                "is missing; every variant needs a share of traffic"
            ),
            pair("traffic_split.control", "must be a number from 0 to 100"),
            pair("traffic_split.bogus", "is not the id of a variant"),
            pair("traffic_split.bogus", "must be a number from 0 to 100"),
        ]
    );
}

#[test]
fn a_split_entry_that_is_not_a_number_is_refused() {
    let body = with(
        good_body(),
        "traffic_split",
        json!({"control": "50", "short": 50}),
    );
    assert_eq!(
        problems(body),
        vec![pair(
            "traffic_split.control",
            "must be a number from 0 to 100"
        )]
    );
}

#[test]
fn a_zero_share_is_allowed() {
    let body = with(
        good_body(),
        "traffic_split",
        json!({"control": 100, "short": 0}),
    );
    assert_eq!(request(body).validate().unwrap().splits, vec![100.0, 0.0]);
}

#[test]
fn one_variant_is_not_an_experiment() {
    let body = json!({
        "name": "solo",
        "variants": [{"id": "a", "is_control": true}],
        "traffic_split": {"a": 100},
        "metrics": [{"name": "score", "kind": "mean"}],
        "target_metric": "score"
    });
    assert_eq!(
        problems(body),
        vec![pair("variants", "must have at least two variants; found 1")]
    );
}

#[test]
fn too_many_variants_are_refused() {
    let variants: Vec<Value> = (0..21)
        .map(|i| json!({"id": format!("v{i}"), "is_control": i == 0}))
        .collect();
    let split: serde_json::Map<String, Value> = (0..21)
        .map(|i| (format!("v{i}"), json!(if i == 0 { 80 } else { 1 })))
        .collect();
    let body = json!({
        "name": "many", "variants": variants, "traffic_split": split,
        "metrics": [{"name": "score", "kind": "mean"}], "target_metric": "score"
    });
    assert_eq!(
        problems(body),
        vec![pair("variants", "must have at most 20 variants; found 21")]
    );
}

#[test]
fn two_controls_are_refused_with_the_count() {
    let mut body = good_body();
    body["variants"][1]["is_control"] = json!(true);
    assert_eq!(
        problems(body),
        vec![pair(
            "variants",
            "exactly one variant must be the control; found 2"
        )]
    );
}

#[test]
fn no_control_is_refused() {
    let mut body = good_body();
    body["variants"][0]["is_control"] = json!(false);
    assert_eq!(
        problems(body),
        vec![pair(
            "variants",
            "exactly one variant must be the control; found 0"
        )]
    );
}

#[test]
fn duplicate_and_malformed_variant_ids_are_named_by_position() {
    let body = json!({
        "name": "dups",
        "variants": [
            {"id": "a", "is_control": true}, {"id": "a"}, {"id": "Bad Id"}
        ],
        "traffic_split": {"a": 50, "Bad Id": 50},
        "metrics": [{"name": "score", "kind": "mean"}],
        "target_metric": "score"
    });
    assert_eq!(
        problems(body),
        vec![
            pair(
                "variants[1].id",
                "must be unique; variants[0] has the same id"
            ),
            pair(
                "variants[2].id",
                "may contain only lowercase letters, digits, '-' and '_'"
            ),
        ]
    );
}

#[test]
fn variant_fields_are_checked_with_their_paths() {
    let body = json!({
        "name": "fields",
        "variants": [
            {"id": "a", "is_control": true, "name": "   ", "prompt_version": "1.0.0"},
            {"id": "b", "prompt_name": "bad name", "prompt_version": "1.2", "model_name": "",
             "parameters": {"temperature": 3, "top_p": 0, "max_tokens": 0, "seed": 7}}
        ],
        "traffic_split": {"a": 50, "b": 50},
        "metrics": [{"name": "score", "kind": "mean"}],
        "target_metric": "score"
    });
    assert_eq!(
        problems(body),
        vec![
            pair("variants[0].name", "must not be empty"),
            pair("variants[0].prompt_version", "needs a prompt_name"),
            pair(
                "variants[1].prompt_name",
                "may contain only letters, digits, '-', '_' and '.'"
            ),
            pair(
                "variants[1].prompt_version",
                "must be a semantic version like 1.2.0"
            ),
            pair("variants[1].model_name", "must not be empty"),
            pair(
                "variants[1].parameters.temperature",
                "must be a number between 0 and 2"
            ),
            pair(
                "variants[1].parameters.top_p",
                "must be a number greater than 0 and at most 1"
            ),
            pair(
                "variants[1].parameters.max_tokens",
                "must be an integer between 1 and 1000000"
            ),
        ]
    );
}

#[test]
fn oversized_parameters_are_refused() {
    let mut body = good_body();
    body["variants"][1]["parameters"] = json!({"system": "x".repeat(20_000)});
    let found = problems(body);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "variants[1].parameters");
    assert!(
        found[0]
            .1
            .starts_with("must be at most 16384 bytes of JSON")
    );
}

#[test]
fn metrics_must_be_declared_unique_and_well_named() {
    let body = with(
        with(
            good_body(),
            "metrics",
            json!([
                {"name": "score", "kind": "mean"},
                {"name": "score", "kind": "proportion"},
                {"name": "9lives", "kind": "mean"}
            ]),
        ),
        "target_metric",
        json!("score"),
    );
    assert_eq!(
        problems(body),
        vec![
            pair(
                "metrics[1].name",
                "must be unique; metrics[0] has the same name"
            ),
            pair("metrics[2].name", "must start with a letter"),
        ]
    );
}

#[test]
fn no_metrics_and_an_unknown_target_are_refused() {
    let body = with(good_body(), "metrics", json!([]));
    assert_eq!(
        problems(body),
        vec![
            pair("metrics", "must declare at least one metric"),
            pair("target_metric", "must name a declared metric"),
        ]
    );
    let body = with(good_body(), "target_metric", json!("revenue"));
    assert_eq!(
        problems(body),
        vec![pair(
            "target_metric",
            "must be one of the declared metrics: thumbs_up, latency_ms"
        )]
    );
}

#[test]
fn statistical_settings_are_range_checked() {
    for level in [0.5, 0.9999, 1.0, 0.2] {
        assert_eq!(
            problems(with(good_body(), "confidence_level", json!(level))),
            vec![pair(
                "confidence_level",
                "must be greater than 0.5 and at most 0.999"
            )]
        );
    }
    for level in [0.51, 0.9, 0.99, 0.999] {
        let valid = request(with(good_body(), "confidence_level", json!(level)))
            .validate()
            .unwrap();
        assert_eq!(valid.confidence_level, level);
    }
    assert_eq!(
        problems(with(good_body(), "min_sample_size", json!(0))),
        vec![pair("min_sample_size", "must be at least 1")]
    );
    assert_eq!(
        problems(with(good_body(), "seed", json!(""))),
        vec![pair("seed", "must not be empty when given")]
    );
    assert_eq!(
        problems(with(good_body(), "seed", json!("s".repeat(201)))),
        vec![pair("seed", "must be at most 200 characters")]
    );
    let valid = request(with(
        with(good_body(), "min_sample_size", json!(1000)),
        "sequential",
        json!(true),
    ))
    .validate()
    .unwrap();
    assert_eq!(valid.min_sample_size, Some(1000));
    assert!(valid.sequential);
}

#[test]
fn names_and_descriptions_are_trimmed_and_bounded() {
    assert_eq!(
        problems(with(good_body(), "name", json!("   "))),
        vec![pair("name", "must not be empty")]
    );
    assert_eq!(
        problems(with(good_body(), "name", json!("n".repeat(101)))),
        vec![pair("name", "must be at most 100 characters")]
    );
    assert_eq!(
        problems(with(good_body(), "description", json!("d".repeat(1001)))),
        vec![pair("description", "must be at most 1000 characters")]
    );
    let valid = request(with(good_body(), "description", json!("  why  ")))
        .validate()
        .unwrap();
    assert_eq!(valid.description, "why");
}

#[test]
fn every_problem_is_reported_at_once_with_a_summary_naming_the_first() {
    let body = json!({
        "name": "",
        "variants": [
            {"id": "a", "is_control": true}, {"id": "a", "is_control": true}
        ],
        "traffic_split": {"a": 50, "b": 49.9},
        "metrics": [],
        "target_metric": "score",
        "confidence_level": 2.0
    });
    let error = request(body).validate().unwrap_err();
    let fields: Vec<&str> = error.details.iter().map(|d| d.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "name",
            "variants[1].id",
            "variants",
            "traffic_split.b",
            "traffic_split",
            "metrics",
            "target_metric",
            "confidence_level"
        ]
    );
    assert_eq!(
        error.message,
        "the experiment is invalid: name must not be empty (and 7 more problems)"
    );
}

#[test]
fn unknown_keys_are_refused_at_every_level() {
    assert!(
        serde_json::from_value::<NewExperiment>(with(good_body(), "owner", json!("me"))).is_err()
    );
    let mut body = good_body();
    body["variants"][0]["weight"] = json!(50);
    assert!(serde_json::from_value::<NewExperiment>(body).is_err());
}

#[test]
fn the_winner_must_be_a_variant_id() {
    let valid = request(good_body()).validate().unwrap();
    assert_eq!(valid.winner_index(None), Ok(None));
    assert_eq!(valid.winner_index(Some("short")), Ok(Some(1)));
    assert_eq!(
        valid.winner_index(Some("long")),
        Err(FieldError::new(
            "winner",
            "must be one of the variant ids: control, short"
        ))
    );
    assert_eq!(valid.variant_index("control"), Some(0));
    assert_eq!(valid.metric_index("latency_ms"), Some(1));
    assert_eq!(valid.metric_index("nope"), None);
}
