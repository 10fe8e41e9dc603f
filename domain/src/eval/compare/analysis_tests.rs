use super::*;
use crate::eval::compare::error::{CompareError, Side};
use crate::eval::compare::report::{RunComparison, SampleChange, Verdict};
use crate::eval::compare::test_fixtures::{result, run, sample_id};
use crate::eval::metric::{MetricName, MetricSpec};
use crate::eval::result::SampleResult;
use crate::problem::{ErrorCode, Problem};

const REGRESSED: [usize; 5] = [3, 9, 17, 25, 38];
const IMPROVED: usize = 12;
const ALWAYS_FAILING: [usize; 2] = [30, 31];

fn metrics() -> Vec<MetricSpec> {
    vec![
        MetricSpec::new(MetricName::ExactMatch).with_threshold(1.0),
        MetricSpec::new(MetricName::Levenshtein),
    ]
}

fn scored(index: usize, passed: bool, levenshtein: f64) -> SampleResult {
    let exact = if passed { 1.0 } else { 0.0 };
    result(
        index,
        passed,
        &[
            ("exact_match", Some(exact)),
            ("levenshtein", Some(levenshtein)),
        ],
    )
}

/// 40 samples: the candidate regresses on 5, improves 1, and 2 fail in both runs.
fn crafted() -> (Vec<SampleResult>, Vec<SampleResult>) {
    let base = (0..40)
        .map(|i| scored(i, i != IMPROVED && !ALWAYS_FAILING.contains(&i), 0.9))
        .collect();
    let candidate = (0..40)
        .map(|i| {
            if REGRESSED.contains(&i) {
                scored(i, false, 0.4)
            } else if i == IMPROVED {
                scored(i, true, 1.0)
            } else {
                scored(i, !ALWAYS_FAILING.contains(&i), 0.9)
            }
        })
        .collect();
    (base, candidate)
}

fn compare(base: &[SampleResult], candidate: &[SampleResult]) -> RunComparison {
    compare_runs(
        &run(1, metrics()),
        base,
        &run(2, metrics()),
        candidate,
        0.95,
    )
    .unwrap()
}

#[track_caller]
fn assert_close(actual: Option<f64>, expected: f64) {
    let actual = actual.unwrap();
    assert!((actual - expected).abs() < 1e-12, "{actual} != {expected}");
}

#[test]
fn lists_exactly_the_regressions_and_the_improvement() {
    let (base, candidate) = crafted();
    let comparison = compare(&base, &candidate);
    let ids =
        |changes: &[SampleChange]| -> Vec<_> { changes.iter().map(|c| c.sample_id).collect() };
    assert_eq!(
        ids(&comparison.regressions),
        REGRESSED.map(sample_id).to_vec()
    );
    assert_eq!(ids(&comparison.improvements), [sample_id(IMPROVED)]);
    assert_eq!(
        comparison.transitions,
        Transitions {
            pass_pass: 32,
            pass_fail: 5,
            fail_pass: 1,
            fail_fail: 2
        }
    );
    let first = &comparison.regressions[0];
    assert_eq!(first.position, 3);
    assert_eq!(first.input, "question 3");
    assert_eq!(first.expected_output, "answer 3");
    assert_eq!(first.base_output.as_deref(), Some("output 3 ok"));
    assert_eq!(first.candidate_output.as_deref(), Some("output 3 wrong"));
    assert_eq!(first.base_scores[1].value, Some(0.9));
    assert_eq!(first.candidate_scores[1].value, Some(0.4));
}

#[test]
fn pass_rates_and_verdicts_of_the_crafted_runs() {
    let (base, candidate) = crafted();
    let comparison = compare(&base, &candidate);
    assert_eq!(comparison.paired, 40);
    assert_close(comparison.base_pass_rate, 37.0 / 40.0);
    assert_close(comparison.candidate_pass_rate, 33.0 / 40.0);
    assert_close(comparison.pass_rate_change, 33.0 / 40.0 - 37.0 / 40.0);
    // McNemar: 2 · P(X ≤ 1), X ~ Bin(6, ½) = 2 · 7/64.
    assert_eq!((comparison.mcnemar.b, comparison.mcnemar.c), (5, 1));
    assert_close(Some(comparison.mcnemar.p_value), 0.21875);
    assert_eq!(comparison.mcnemar.verdict, Verdict::NoSignificantChange);

    // exact_match: five −1 and one +1, all tied at rank 3.5: W⁺ = 3.5, μ = 10.5,
    // σ² = 6·7·13/24 − (6³ − 6)/48 = 18.375, z' = (−7 + 0.5)/σ.
    let exact = &comparison.metrics[0];
    assert_eq!((exact.n, exact.wilcoxon_n), (40, 6));
    assert_close(exact.mean_change, -4.0 / 40.0);
    assert_close(exact.wilcoxon_statistic, 3.5);
    assert_close(exact.wilcoxon_z, -6.5 / 18.375f64.sqrt());
    assert_eq!(exact.verdict, Verdict::NoSignificantChange);

    // levenshtein: five −0.5 (ranks 2-6, 4 each) and one +0.1 (rank 1): W⁺ = 1, W⁻ = 20,
    // σ² = 22.75 − (5³ − 5)/48 = 20.25, so z' = (1 − 10.5 + 0.5)/4.5 = −2 and p = 2Φ(−2).
    let levenshtein = &comparison.metrics[1];
    assert_close(levenshtein.wilcoxon_z, -2.0);
    // 2Φ(−2) = 0.04550026389635842; statrs' normal tail is good to about 1e-10 relative.
    let p = levenshtein.wilcoxon_p_value.unwrap();
    assert!((p / 0.04550026389635842 - 1.0).abs() < 1e-9, "{p}");
    assert_close(levenshtein.base_mean, 0.9);
    assert_close(levenshtein.mean_change, (5.0 * -0.5 + 0.1) / 40.0);
    assert_eq!(levenshtein.verdict, Verdict::SignificantRegression);
    assert_eq!(comparison.verdict, Verdict::SignificantRegression);

    assert!(comparison.warnings.is_empty(), "{:?}", comparison.warnings);
    assert_eq!(comparison.notes[0].field, "runs");
    assert_eq!(
        comparison.base_only.count + comparison.candidate_only.count,
        0
    );
}

#[test]
fn a_lower_confidence_level_makes_more_changes_significant() {
    let (base, candidate) = crafted();
    let loose = compare_runs(
        &run(1, metrics()),
        &base,
        &run(2, metrics()),
        &candidate,
        0.51,
    )
    .unwrap();
    assert_eq!(loose.mcnemar.verdict, Verdict::SignificantRegression);
    assert_eq!(loose.metrics[0].verdict, Verdict::SignificantRegression);
}

#[test]
fn runs_of_different_datasets_are_refused() {
    let base = run(1, metrics());
    let mut candidate = run(2, metrics());
    candidate.dataset_id = uuid::Uuid::from_u128(77);
    candidate.dataset = "other".into();
    let error = compare_runs(&base, &[], &candidate, &[], 0.95).unwrap_err();
    assert_eq!(
        error,
        CompareError::DifferentDatasets {
            base: "golden".into(),
            candidate: "other".into()
        }
    );
    let problem = Problem::from(error);
    assert_eq!(problem.code, ErrorCode::ValidationFailed);
    assert_eq!(problem.code.http_status(), 422);
    assert_eq!(
        problem.field("candidate"),
        Some("evaluates dataset \"other\", not the base's \"golden\"")
    );
}

#[test]
fn unfinished_runs_are_refused_naming_which() {
    let mut candidate = run(2, metrics());
    candidate.status = RunStatus::Running;
    let error = compare_runs(&run(1, metrics()), &[], &candidate, &[], 0.95).unwrap_err();
    assert_eq!(
        error,
        CompareError::NotCompleted {
            side: Side::Candidate,
            status: RunStatus::Running
        }
    );
    assert_eq!(
        error.to_string(),
        "the candidate run is running; only completed runs can be compared"
    );
    let problem = Problem::from(error);
    assert_eq!(
        problem.field("candidate"),
        Some("is running, not completed")
    );

    let mut base = run(1, metrics());
    base.status = RunStatus::Cancelled;
    let error = compare_runs(&base, &[], &run(2, metrics()), &[], 0.95).unwrap_err();
    assert_eq!(
        Problem::from(error).field("base"),
        Some("is cancelled, not completed")
    );
}

#[test]
fn confidence_levels_outside_the_range_are_refused() {
    for level in [0.5, 1.0, 0.9999, f64::NAN] {
        let error = compare_runs(&run(1, metrics()), &[], &run(2, metrics()), &[], level);
        assert_eq!(
            error.unwrap_err(),
            CompareError::InvalidConfidenceLevel,
            "{level}"
        );
    }
}

#[test]
fn unpaired_samples_are_counted_listed_and_left_out() {
    let base: Vec<_> = (0..210).map(|i| scored(i, true, 0.9)).collect();
    let candidate: Vec<_> = (200..320).map(|i| scored(i, false, 0.1)).collect();
    let comparison = compare(&base, &candidate);
    assert_eq!(comparison.paired, 10);
    assert_eq!(comparison.base_only.count, 200);
    assert_eq!(comparison.base_only.sample_ids.len(), 100);
    assert_eq!(comparison.base_only.sample_ids[0], sample_id(0));
    assert_eq!(comparison.candidate_only.count, 110);
    assert_eq!(comparison.candidate_only.sample_ids[99], sample_id(309));
    assert_eq!(comparison.regressions.len(), 10);
    assert_eq!(comparison.metrics[0].n, 10);
    let samples = comparison
        .warnings
        .iter()
        .find(|w| w.field == "samples")
        .unwrap();
    assert_eq!(
        samples.message,
        "200 samples are only in the base run and 110 samples are only in the candidate run: they are left out of every figure"
    );
}

#[test]
fn without_pairs_every_figure_is_undefined() {
    let base: Vec<_> = (0..5).map(|i| scored(i, true, 0.9)).collect();
    let candidate: Vec<_> = (5..10).map(|i| scored(i, true, 0.9)).collect();
    let comparison = compare(&base, &candidate);
    assert_eq!(comparison.paired, 0);
    assert_eq!(comparison.base_pass_rate, None);
    assert_eq!(comparison.pass_rate_change, None);
    assert_eq!(comparison.mcnemar.p_value, 1.0);
    let metric = &comparison.metrics[0];
    assert_eq!(
        (metric.n, metric.base_mean, metric.p_value),
        (0, None, None)
    );
    assert_eq!(metric.ci, None);
    assert_eq!(comparison.verdict, Verdict::NoSignificantChange);
    let json = serde_json::to_value(&comparison).unwrap();
    assert_eq!(json["metrics"][0]["t_p_value"], serde_json::Value::Null);
}

#[test]
fn identical_runs_show_no_change() {
    let (base, _) = crafted();
    let comparison = compare(&base, &base);
    assert_eq!(comparison.pass_rate_change, Some(0.0));
    for metric in &comparison.metrics {
        assert_eq!(metric.mean_change, Some(0.0));
        assert_eq!(metric.t_statistic, None);
        assert_eq!(metric.t_p_value, Some(1.0));
        assert_eq!(metric.wilcoxon_p_value, Some(1.0));
        assert_eq!(metric.verdict, Verdict::NoSignificantChange);
    }
    assert!(comparison.regressions.is_empty() && comparison.improvements.is_empty());
}

#[test]
fn metrics_of_one_run_only_are_listed_not_compared() {
    let base_metrics = vec![
        MetricSpec::new(MetricName::ExactMatch),
        MetricSpec::new(MetricName::Bleu),
    ];
    let candidate_metrics = vec![
        MetricSpec::new(MetricName::RougeL),
        MetricSpec::new(MetricName::ExactMatch),
    ];
    let base = vec![result(
        0,
        true,
        &[("exact_match", Some(1.0)), ("bleu", Some(0.5))],
    )];
    let candidate = vec![result(
        0,
        true,
        &[("rouge_l", Some(0.5)), ("exact_match", Some(1.0))],
    )];
    let comparison = compare_runs(
        &run(1, base_metrics),
        &base,
        &run(2, candidate_metrics),
        &candidate,
        0.95,
    )
    .unwrap();
    let compared: Vec<_> = comparison
        .metrics
        .iter()
        .map(|m| m.metric.as_str())
        .collect();
    assert_eq!(compared, ["exact_match"]);
    assert_eq!(comparison.metrics[0].n, 1);
    assert_eq!(comparison.base_only_metrics, ["bleu"]);
    assert_eq!(comparison.candidate_only_metrics, ["rouge_l"]);
    assert_eq!(comparison.scatter[0].points, [(1.0, 1.0)]);
}

#[test]
fn scores_that_could_not_be_computed_are_left_out_of_the_metric() {
    let base = vec![
        result(
            0,
            true,
            &[("exact_match", Some(1.0)), ("levenshtein", Some(0.5))],
        ),
        result(
            1,
            true,
            &[("exact_match", Some(1.0)), ("levenshtein", None)],
        ),
        result(
            2,
            true,
            &[("exact_match", Some(1.0)), ("levenshtein", Some(0.7))],
        ),
    ];
    let mut candidate = base.clone();
    candidate[2].scores[1].value = Some(f64::NAN);
    candidate[0].scores[1].value = Some(0.75);
    let comparison = compare(&base, &candidate);
    let levenshtein = &comparison.metrics[1];
    assert_eq!(levenshtein.n, 1);
    assert_eq!(comparison.scatter[1].points, [(0.5, 0.75)]);
    assert_eq!(levenshtein.t_p_value, None);
}

#[test]
fn an_errored_sample_counts_as_a_failure() {
    let base = vec![scored(0, true, 0.9)];
    let mut failed = result(0, false, &[("exact_match", None), ("levenshtein", None)]);
    failed.errored = true;
    failed.output = None;
    failed.error = Some("timed out after 3 attempts".into());
    let comparison = compare(&base, &[failed]);
    let regression = &comparison.regressions[0];
    assert_eq!(
        regression.candidate_error.as_deref(),
        Some("timed out after 3 attempts")
    );
    assert_eq!(regression.candidate_output, None);
    assert!(comparison.warnings.iter().any(|w| w.field == "errored"));
}

#[test]
fn the_report_serializes_in_snake_case() {
    let (base, candidate) = crafted();
    let json = serde_json::to_value(compare(&base, &candidate)).unwrap();
    assert_eq!(json["verdict"], "significant_regression");
    assert_eq!(json["mcnemar"]["verdict"], "no_significant_change");
    assert_eq!(json["metrics"][1]["direction"], "at_least");
    assert_eq!(json["metrics"][1]["name"], "levenshtein");
    assert_eq!(json["transitions"]["pass_fail"], 5);
    assert_eq!(
        json["scatter"][1]["points"][3],
        serde_json::json!([0.9, 0.4])
    );
    let ci = &json["metrics"][1]["ci"];
    assert!(ci["lower"].as_f64().unwrap() < ci["upper"].as_f64().unwrap());
}

/// Two runs of 10,000 samples with three metrics each: the figures a caller would time.
#[test]
fn ten_thousand_samples_pair_up() {
    let many = |shift: f64| -> Vec<SampleResult> {
        (0..10_000)
            .map(|i| {
                let score = ((i * 7919) % 1000) as f64 / 1000.0;
                let value = (score + shift).min(1.0);
                result(
                    i,
                    value >= 0.5,
                    &[
                        ("exact_match", Some(f64::from(value >= 0.5))),
                        ("levenshtein", Some(value)),
                        ("latency", Some(100.0 + (i % 37) as f64)),
                    ],
                )
            })
            .rev()
            .collect()
    };
    let metrics = vec![
        MetricSpec::new(MetricName::ExactMatch).with_threshold(1.0),
        MetricSpec::new(MetricName::Levenshtein),
        MetricSpec::new(MetricName::Latency),
    ];
    let (base, candidate) = (many(0.0), many(0.01));
    let comparison = compare_runs(
        &run(1, metrics.clone()),
        &base,
        &run(2, metrics),
        &candidate,
        0.95,
    )
    .unwrap();
    assert_eq!(comparison.paired, 10_000);
    assert_eq!(comparison.regressions.len(), 0);
    assert_eq!(comparison.improvements.len(), 100);
    // Pairs come out in candidate position order whatever order the results came in: the
    // first improvement is sample 68 (68 · 7919 mod 1000 = 492, a score of 0.492 + 0.01).
    assert_eq!(comparison.improvements[0].position, 68);
    assert!(
        comparison
            .improvements
            .windows(2)
            .all(|w| w[0].position < w[1].position)
    );
    assert_eq!(
        comparison.metrics[1].verdict,
        Verdict::SignificantImprovement
    );
    assert_eq!(comparison.metrics[2].verdict, Verdict::NoSignificantChange);
    assert_eq!(comparison.metrics[2].wilcoxon_p_value, Some(1.0));
}
