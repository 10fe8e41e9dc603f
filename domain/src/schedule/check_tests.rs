use chrono::{DateTime, Utc};
use serde_json::Map;
use uuid::Uuid;

use super::*;
use crate::eval::compare::compare_runs;
use crate::eval::metric::{MetricName, MetricSpec};
use crate::eval::record::{Progress, Run};
use crate::eval::result::{SampleResult, Score};
use crate::eval::summary::RunSummary;

fn at() -> DateTime<Utc> {
    DateTime::from_timestamp(1_760_000_000, 0).unwrap()
}

fn metrics() -> Vec<MetricSpec> {
    vec![MetricSpec::new(MetricName::ExactMatch).with_threshold(1.0)]
}

fn result(index: usize, passed: bool) -> SampleResult {
    let value = if passed { 1.0 } else { 0.0 };
    SampleResult {
        sample_id: Uuid::from_u128(index as u128 + 1),
        position: index as i64,
        input: format!("q{index}"),
        expected_output: format!("a{index}"),
        rendered: None,
        output: Some(String::new()),
        scores: vec![Score {
            metric: "exact_match".into(),
            value: Some(value),
            passed: Some(passed),
            error: None,
        }],
        passed,
        errored: false,
        error: None,
        latency_ms: Some(1),
        prompt_tokens: None,
        completion_tokens: None,
        attempts: 1,
        finished_at: at(),
    }
}

/// A completed run whose first `passed` of `n` samples pass.
fn run(id: u128, passed: usize, n: usize) -> (Run, Vec<SampleResult>) {
    let results: Vec<SampleResult> = (0..n).map(|i| result(i, i < passed)).collect();
    let run = Run {
        id: Uuid::from_u128(id),
        name: format!("nightly {id}"),
        dataset_id: Uuid::from_u128(77),
        dataset: "golden".into(),
        dataset_version: 1,
        prompt_name: "support".into(),
        prompt_version: "1.0.0".into(),
        prompt_version_id: Uuid::from_u128(88),
        endpoint_id: Uuid::from_u128(99),
        endpoint: "echo".into(),
        model_name: "echo".into(),
        metrics: metrics(),
        parameters: Map::new(),
        status: RunStatus::Completed,
        progress: Progress::default(),
        results: Some(RunSummary::compute(&metrics(), &results)),
        error: None,
        schedule_id: Some(Uuid::from_u128(5)),
        check: None,
        created_at: at(),
        queued_at: Some(at()),
        start_time: Some(at()),
        end_time: Some(at()),
    };
    (run, results)
}

#[test]
fn the_first_run_of_a_schedule_is_checked_against_its_minimum_only() {
    let (run, _) = run(1, 9, 10);
    let check = CheckInput {
        run: &run,
        previous: None,
        comparison: None,
        min_pass_rate: Some(0.8),
        checked_at: at(),
    }
    .check();
    assert!(!check.regression, "{check:?}");
    assert_eq!(check.previous_run_id, None);
    assert_eq!(check.verdict, None);
    assert_eq!(check.pass_rate, Some(0.9));
    assert!(check.reasons.is_empty());
}

#[test]
fn a_pass_rate_under_the_minimum_is_a_regression() {
    let (run, _) = run(1, 5, 8);
    let check = CheckInput {
        run: &run,
        previous: None,
        comparison: None,
        min_pass_rate: Some(0.8),
        checked_at: at(),
    }
    .check();
    assert!(check.regression);
    assert_eq!(
        check.reasons,
        ["pass rate 0.62 is under the schedule's minimum 0.80"]
    );
}

#[test]
fn a_significant_drop_against_the_previous_run_is_a_regression_with_its_figures() {
    let (previous, previous_results) = run(1, 30, 30);
    let (current, current_results) = run(2, 10, 30);
    let comparison = compare_runs(
        &previous,
        &previous_results,
        &current,
        &current_results,
        0.95,
    )
    .unwrap();
    let check = CheckInput {
        run: &current,
        previous: Some(&previous),
        comparison: Some(Ok(&comparison)),
        min_pass_rate: None,
        checked_at: at(),
    }
    .check();
    assert!(check.regression);
    assert_eq!(check.previous_run_id, Some(previous.id));
    assert_eq!(check.previous_pass_rate, Some(1.0));
    assert_eq!(check.verdict, Some(Verdict::SignificantRegression));
    assert_eq!(check.regressions, 20);
    assert_eq!(check.improvements, 0);
    let change = check.pass_rate_change.unwrap();
    assert!((change + 20.0 / 30.0).abs() < 1e-12, "{change}");
    assert_eq!(check.reasons.len(), 1);
    let reason = &check.reasons[0];
    assert!(
        reason.starts_with(&format!(
            "significant regression against run \"nightly 1\" ({}): pass rate 1.00 → 0.33; 20 samples passed before and fail now, 0 the other way (McNemar p = 0.0000)",
            previous.id
        )),
        "{reason}"
    );
    assert!(reason.contains("exact_match got worse"), "{reason}");
}

#[test]
fn no_significant_change_is_no_regression() {
    let (previous, previous_results) = run(1, 29, 30);
    let (current, current_results) = run(2, 28, 30);
    let comparison = compare_runs(
        &previous,
        &previous_results,
        &current,
        &current_results,
        0.95,
    )
    .unwrap();
    let check = CheckInput {
        run: &current,
        previous: Some(&previous),
        comparison: Some(Ok(&comparison)),
        min_pass_rate: Some(0.9),
        checked_at: at(),
    }
    .check();
    assert!(!check.regression, "{check:?}");
    assert_eq!(check.verdict, Some(Verdict::NoSignificantChange));
    assert_eq!(check.regressions, 1);
}

#[test]
fn a_refused_comparison_is_a_note_not_a_reason() {
    let (previous, _) = run(1, 10, 10);
    let (mut current, _) = run(2, 10, 10);
    current.dataset_id = Uuid::from_u128(1234);
    current.dataset = "renamed".into();
    let error = CompareError::DifferentDatasets {
        base: "golden".into(),
        candidate: "renamed".into(),
    };
    let check = CheckInput {
        run: &current,
        previous: Some(&previous),
        comparison: Some(Err(&error)),
        min_pass_rate: None,
        checked_at: at(),
    }
    .check();
    assert!(!check.regression);
    assert_eq!(check.verdict, None);
    assert_eq!(check.notes.len(), 1);
    assert!(
        check.notes[0].contains("different datasets"),
        "{:?}",
        check.notes
    );
}

#[test]
fn a_failed_run_is_a_regression_whatever_its_pass_rate() {
    let (mut failed, _) = run(2, 10, 10);
    failed.status = RunStatus::Failed;
    failed.error = Some("the endpoint could not be loaded".into());
    let (previous, _) = run(1, 10, 10);
    let check = CheckInput {
        run: &failed,
        previous: Some(&previous),
        comparison: None,
        min_pass_rate: Some(0.5),
        checked_at: at(),
    }
    .check();
    assert!(check.regression);
    assert_eq!(
        check.reasons,
        ["the run failed: the endpoint could not be loaded"]
    );
    assert_eq!(check.previous_run_id, Some(previous.id));
}
