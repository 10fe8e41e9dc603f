use serde_json::json;

use super::*;

fn request(body: Value) -> Result<RunRequest, ValidationError> {
    serde_json::from_value::<NewRun>(body).unwrap().validate()
}

fn fields(error: ValidationError) -> Vec<String> {
    error.details.into_iter().map(|d| d.field).collect()
}

#[test]
fn metrics_may_be_names_or_objects_and_versions_default_to_active() {
    let run = request(json!({
        "dataset": "qa",
        "prompt_name": "support",
        "endpoint": "local",
        "metrics": ["exact_match", {"name": "levenshtein", "threshold": 0.8}, {"name": "bleu", "threshold": null}]
    }))
    .unwrap();
    assert_eq!(run.prompt_version, VersionSelector::Active);
    assert_eq!(run.dataset_version, None);
    assert_eq!(run.metrics[0], MetricSpec::new(MetricName::ExactMatch));
    assert_eq!(
        run.metrics[1],
        MetricSpec::new(MetricName::Levenshtein).with_threshold(0.8)
    );
    assert_eq!(run.metrics[2].threshold, None);
}

#[test]
fn an_unknown_metric_is_named_with_the_known_ones() {
    let error = request(json!({
        "dataset": "qa", "prompt_name": "p", "endpoint": "e",
        "metrics": ["exact_match", "vibes"]
    }))
    .unwrap_err();
    assert_eq!(error.details[0].field, "metrics[1]");
    assert!(
        error.details[0]
            .message
            .contains("unknown metric \"vibes\"")
    );
    assert!(error.details[0].message.contains("rouge_l"));
}

#[test]
fn every_problem_is_reported_at_once() {
    let error = request(json!({
        "dataset": " ", "dataset_version": -1, "prompt_name": "", "prompt_version": "1.x",
        "endpoint": "", "metrics": [{"name": "regex", "pattern": "(", "threshold": 2}],
        "parameters": {"model": "gpt"}
    }))
    .unwrap_err();
    assert_eq!(
        fields(error),
        [
            "dataset",
            "dataset_version",
            "prompt_name",
            "prompt_version",
            "endpoint",
            "metrics[0].threshold",
            "metrics[0].pattern",
            "parameters.model"
        ]
    );
}

#[test]
fn a_bad_option_is_named_at_its_own_index_beside_an_unreadable_metric() {
    let error = request(json!({
        "dataset": "qa", "prompt_name": "p", "endpoint": "e",
        "metrics": ["nope", {"name": "regex", "pattern": "("}]
    }))
    .unwrap_err();
    assert_eq!(fields(error), ["metrics[0]", "metrics[1].pattern"]);
}
