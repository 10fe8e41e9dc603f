use chrono::Utc;
use uuid::Uuid;

use super::*;
use crate::eval::result::Score;

fn result(passed: bool, errored: bool, score: Option<f64>, latency: u64) -> SampleResult {
    SampleResult {
        sample_id: Uuid::new_v4(),
        position: 0,
        input: "q".into(),
        expected_output: "the cat sat on the mat".into(),
        rendered: None,
        output: (!errored).then(|| "the cat sat on the mat".to_owned()),
        scores: vec![Score {
            metric: "levenshtein".into(),
            value: score,
            passed: score.map(|s| s >= 0.5),
            error: score.is_none().then(|| "failed".to_owned()),
        }],
        passed,
        errored,
        error: None,
        latency_ms: Some(latency),
        prompt_tokens: Some(10),
        completion_tokens: Some(5),
        attempts: 1,
        finished_at: Utc::now(),
    }
}

#[test]
fn totals_pass_rate_and_metric_figures() {
    let metrics = [MetricSpec::new(MetricName::Levenshtein).with_threshold(0.5)];
    let results = [
        result(true, false, Some(1.0), 100),
        result(true, false, Some(0.55), 200),
        result(false, false, Some(0.2), 300),
        result(false, true, None, 400),
    ];
    let summary = RunSummary::compute(&metrics, &results);
    assert_eq!(
        (
            summary.total,
            summary.passed,
            summary.failed,
            summary.errored
        ),
        (4, 2, 1, 1)
    );
    assert_eq!(summary.pass_rate, 0.5);
    let metric = &summary.metrics[0];
    assert_eq!(
        (metric.count, metric.errors, metric.passed),
        (3, 1, Some(2))
    );
    assert!((metric.mean.unwrap() - 0.5833333333333334).abs() < 1e-12);
    assert_eq!(metric.histogram.counts, [0, 0, 1, 0, 0, 1, 0, 0, 0, 1]);
    // The errored sample has no output: its latency is not a model latency.
    let latency = summary.latency_ms.unwrap();
    assert_eq!((latency.p50, latency.max), (200.0, 300.0));
    assert_eq!(latency.p95, 290.0);
    assert_eq!(summary.tokens.total, 60);
    assert_eq!(summary.corpus_bleu, None);
}

#[test]
fn quantiles_interpolate_between_ranks_like_numpy() {
    let sorted = [1.0, 2.0, 3.0, 4.0];
    assert_eq!(quantile(&sorted, 0.5), 2.5);
    assert!((quantile(&sorted, 0.95) - 3.85).abs() < 1e-12);
    assert_eq!(quantile(&[7.0], 0.95), 7.0);
}

#[test]
fn an_empty_run_has_a_zero_pass_rate_and_no_spreads() {
    let summary = RunSummary::compute(&[MetricSpec::new(MetricName::Latency)], &[]);
    assert_eq!((summary.total, summary.pass_rate), (0, 0.0));
    assert!(summary.latency_ms.is_none());
    assert_eq!(summary.metrics[0].histogram.counts.iter().sum::<u64>(), 0);
}
