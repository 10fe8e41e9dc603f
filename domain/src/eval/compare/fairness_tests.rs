use serde_json::json;
use uuid::Uuid;

use super::analysis::compare_runs;
use super::report::{Notice, RunComparison};
use super::test_fixtures::{result, run};
use crate::eval::metric::{MetricName, MetricSpec};
use crate::eval::record::Run;

fn metrics() -> Vec<MetricSpec> {
    vec![MetricSpec::new(MetricName::ExactMatch).with_threshold(1.0)]
}

fn compare_with(change: impl FnOnce(&mut Run)) -> RunComparison {
    let base = run(1, metrics());
    let mut candidate = run(2, metrics());
    change(&mut candidate);
    let results = vec![result(0, true, &[("exact_match", Some(1.0))])];
    compare_runs(&base, &results, &candidate, &results, 0.95).unwrap()
}

fn new_prompt_version(run: &mut Run) {
    run.prompt_version = "1.1.0".into();
    run.prompt_version_id = Uuid::from_u128(0x9f02);
}

fn new_model(run: &mut Run) {
    run.model_name = "qwen".into();
}

fn messages(notices: &[Notice]) -> Vec<(&str, &str)> {
    notices
        .iter()
        .map(|n| (n.field.as_str(), n.message.as_str()))
        .collect()
}

#[test]
fn the_same_setup_gets_a_note_only() {
    let comparison = compare_with(|_| {});
    assert!(comparison.warnings.is_empty());
    assert_eq!(
        messages(&comparison.notes),
        [(
            "runs",
            "the runs use the same prompt version, model and call parameters: other differences come from the model's nondeterminism"
        )]
    );
}

#[test]
fn changing_one_thing_is_the_normal_use() {
    let comparison = compare_with(new_prompt_version);
    assert!(comparison.warnings.is_empty());
    assert_eq!(
        messages(&comparison.notes),
        [(
            "prompt_version",
            "only the prompt version (1.0.0 → 1.1.0) changed, so differences can be attributed to it"
        )]
    );
    let comparison = compare_with(new_model);
    assert!(comparison.warnings.is_empty());
    assert_eq!(comparison.notes[0].field, "model_name");
    let comparison = compare_with(|run| {
        run.parameters.insert("temperature".into(), json!(0.7));
    });
    assert_eq!(
        messages(&comparison.notes),
        [(
            "parameters",
            "only the call parameters (temperature) changed, so differences can be attributed to it"
        )]
    );
}

#[test]
fn changing_two_things_at_once_is_a_warning() {
    let comparison = compare_with(|run| {
        new_prompt_version(run);
        new_model(run);
    });
    assert!(comparison.notes.is_empty());
    assert_eq!(
        messages(&comparison.warnings),
        [(
            "changes",
            "prompt version (1.0.0 → 1.1.0) and model (llama → qwen) changed together: the comparison cannot tell which of them caused a difference"
        )]
    );
    let comparison = compare_with(|run| {
        new_prompt_version(run);
        run.endpoint = "remote".into();
        run.endpoint_id = Uuid::from_u128(0xe0d2);
        run.parameters.insert("max_tokens".into(), json!(64));
    });
    assert_eq!(
        messages(&comparison.warnings),
        [(
            "changes",
            "prompt version (1.0.0 → 1.1.0), endpoint (local → remote) and call parameters (max_tokens) changed together: the comparison cannot tell which of them caused a difference"
        )]
    );
}

#[test]
fn a_different_prompt_or_dataset_version_is_a_warning() {
    let comparison = compare_with(|run| {
        run.prompt_name = "billing".into();
        run.dataset_version = 4;
    });
    assert_eq!(
        messages(&comparison.warnings),
        [
            (
                "dataset_version",
                "base uses dataset version 1, candidate version 4: samples may have changed"
            ),
            (
                "prompt_name",
                "base uses prompt \"support\", candidate prompt \"billing\": a different prompt entirely"
            ),
        ]
    );
    assert!(comparison.notes.is_empty());
    let comparison = compare_with(|run| {
        run.prompt_name = "billing".into();
        new_model(run);
    });
    assert_eq!(comparison.warnings[1].field, "changes");
    assert!(
        comparison.warnings[1]
            .message
            .starts_with("prompt (support 1.0.0 → billing 1.0.0) and model (llama → qwen)")
    );
}

#[test]
fn different_metric_settings_are_warnings() {
    let base_metrics = vec![
        MetricSpec::new(MetricName::Levenshtein).with_threshold(0.8),
        MetricSpec {
            pattern: Some("^yes".into()),
            ..MetricSpec::new(MetricName::Regex)
        },
        MetricSpec::new(MetricName::TokenF1).with_threshold(0.5),
    ];
    let candidate_metrics = vec![
        MetricSpec::new(MetricName::Levenshtein).with_threshold(0.9),
        MetricSpec {
            pattern: Some("^no".into()),
            ..MetricSpec::new(MetricName::Regex)
        },
        MetricSpec::new(MetricName::Tokens),
    ];
    let results = vec![result(0, true, &[])];
    let comparison = compare_runs(
        &run(1, base_metrics),
        &results,
        &run(2, candidate_metrics),
        &results,
        0.95,
    )
    .unwrap();
    assert_eq!(
        messages(&comparison.warnings),
        [
            (
                "metrics.levenshtein.threshold",
                "the threshold of levenshtein is 0.8 in base and 0.9 in candidate: pass and fail are judged differently"
            ),
            (
                "metrics.regex",
                "regex is configured differently (pattern): its scores measure different things"
            ),
            (
                "metrics.token_f1",
                "token_f1 (threshold 0.5) is scored in the base run only, so pass and fail are judged differently"
            ),
        ]
    );
}
