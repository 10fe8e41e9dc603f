use serde_json::json;

use super::*;
use crate::eval::metric::MetricName;
use crate::prompt::selector::VersionSelector;

fn request(overrides: serde_json::Value) -> NewSchedule {
    let mut body = json!({
        "name": "nightly",
        "cron": "0 2 * * *",
        "dataset": "support-golden",
        "prompt_name": "support-reply",
        "endpoint": "local-llama",
        "metrics": ["exact_match", {"name": "levenshtein", "threshold": 0.8}],
    });
    for (key, value) in overrides.as_object().unwrap() {
        body[key] = value.clone();
    }
    serde_json::from_value(body).unwrap()
}

fn fields(error: &ValidationError) -> Vec<&str> {
    error.details.iter().map(|d| d.field.as_str()).collect()
}

#[test]
fn a_minimal_request_leaves_versions_open_and_is_enabled() {
    let schedule = request(json!({})).validate().unwrap();
    assert_eq!(schedule.name, "nightly");
    assert_eq!(schedule.cron.as_str(), "0 2 * * *");
    assert!(schedule.enabled);
    assert_eq!(schedule.min_pass_rate, None);
    assert_eq!(schedule.webhook_url, None);
    assert_eq!(schedule.run.name.as_deref(), Some("nightly"));
    assert_eq!(schedule.run.dataset, "support-golden");
    assert_eq!(schedule.run.dataset_version, None);
    assert_eq!(schedule.run.prompt_version, VersionSelector::Active);
    assert!(schedule.run.start);
    let names: Vec<_> = schedule.run.metrics.iter().map(|m| m.name).collect();
    assert_eq!(names, [MetricName::ExactMatch, MetricName::Levenshtein]);
    assert_eq!(schedule.run.metrics[1].threshold, Some(0.8));
}

#[test]
fn a_full_request_keeps_every_setting() {
    let schedule = request(json!({
        "dataset_version": 3,
        "prompt_version": "1.2.0",
        "parameters": {"temperature": 0},
        "min_pass_rate": 0.9,
        "webhook_url": "  https://hooks.example.com/T1?key=abc ",
        "enabled": false,
    }))
    .validate()
    .unwrap();
    assert_eq!(schedule.run.dataset_version, Some(3));
    assert_eq!(schedule.run.prompt_version.to_string(), "1.2.0");
    assert_eq!(schedule.run.parameters["temperature"], json!(0));
    assert_eq!(schedule.min_pass_rate, Some(0.9));
    assert_eq!(
        schedule.webhook_url.as_deref(),
        Some("https://hooks.example.com/T1?key=abc")
    );
    assert!(!schedule.enabled);
}

#[test]
fn an_empty_webhook_means_none() {
    let schedule = request(json!({"webhook_url": " "})).validate().unwrap();
    assert_eq!(schedule.webhook_url, None);
    let schedule = request(json!({"webhook_url": null})).validate().unwrap();
    assert_eq!(schedule.webhook_url, None);
}

#[test]
fn names_every_bad_field() {
    let error = request(json!({
        "name": " ",
        "cron": "61 * * * *",
        "dataset": "",
        "prompt_version": "not a version!",
        "metrics": [{"name": "levenshtein", "threshold": 2}, "no_such_metric"],
        "parameters": {"model": "x"},
        "min_pass_rate": 1.5,
        "webhook_url": "ftp://example.com",
    }))
    .validate()
    .unwrap_err();
    assert_eq!(error.message, "the schedule is invalid");
    assert_eq!(
        fields(&error),
        [
            "name",
            "cron",
            "dataset",
            "prompt_version",
            "metrics[1]",
            "metrics[0].threshold",
            "parameters.model",
            "min_pass_rate",
            "webhook_url",
        ]
    );
    let message = |field: &str| {
        error
            .details
            .iter()
            .find(|d| d.field == field)
            .map(|d| d.message.as_str())
            .unwrap()
    };
    assert_eq!(message("name"), "must not be empty");
    assert_eq!(message("cron"), "minute field: 61 is out of range 0-59");
    assert_eq!(message("min_pass_rate"), "must be between 0 and 1");
    assert_eq!(message("webhook_url"), "must be an http(s) URL");
}

#[test]
fn a_name_longer_than_a_run_name_is_refused() {
    let error = request(json!({"name": "x".repeat(MAX_RUN_NAME_CHARS + 1)}))
        .validate()
        .unwrap_err();
    assert_eq!(fields(&error), ["name"]);
    assert_eq!(error.details[0].message, "must be at most 200 characters");
}

#[test]
fn pass_rates_outside_zero_to_one_are_refused() {
    for rate in [-0.1, 1.000001, f64::NAN, f64::INFINITY] {
        let mut schedule = request(json!({}));
        schedule.min_pass_rate = Some(rate);
        let error = schedule.validate().unwrap_err();
        assert_eq!(fields(&error), ["min_pass_rate"], "{rate}");
    }
    for rate in [0.0, 1.0] {
        assert!(request(json!({"min_pass_rate": rate})).validate().is_ok());
    }
}

#[test]
fn unknown_fields_are_refused() {
    let body = json!({
        "name": "nightly", "cron": "0 2 * * *", "dataset": "d", "prompt_name": "p",
        "endpoint": "e", "metrics": ["exact_match"], "start": true,
    });
    let error = serde_json::from_value::<NewSchedule>(body).unwrap_err();
    assert!(
        error.to_string().contains("unknown field `start`"),
        "{error}"
    );
}
