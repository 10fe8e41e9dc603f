//! Assembling results: shapes, undefined numbers, Holm across treatments, the winner rule and
//! the minimum sample size.

use serde_json::json;

use super::*;
use crate::experiment::definition::NewExperiment;
use crate::experiment::metric::{Direction, MetricDefinition, MetricKind};
use crate::experiment::sufficient::MetricStats;

fn described(n: u64, mean: f64, sd: f64) -> MetricStats {
    MetricStats {
        count: n,
        mean,
        m2: sd * sd * n.saturating_sub(1) as f64,
    }
}

fn input(variants: &[&str], metrics: &[(&str, MetricKind, Direction)]) -> AnalysisInput {
    AnalysisInput {
        variants: variants
            .iter()
            .enumerate()
            .map(|(i, id)| AnalysisVariant {
                id: (*id).to_owned(),
                is_control: i == 0,
                weight: 100.0 / variants.len() as f64,
            })
            .collect(),
        metrics: metrics
            .iter()
            .map(|(name, kind, direction)| MetricDefinition {
                name: (*name).to_owned(),
                kind: *kind,
                direction: *direction,
            })
            .collect(),
        target_metric: 0,
        confidence_level: 0.95,
        min_sample_size: None,
        sequential: false,
    }
}

fn score_only(variants: &[&str]) -> AnalysisInput {
    input(
        variants,
        &[("score", MetricKind::Mean, Direction::HigherIsBetter)],
    )
}

#[test]
fn the_input_follows_a_validated_definition() {
    let experiment = serde_json::from_value::<NewExperiment>(json!({
        "name": "e",
        "variants": [{"id": "a"}, {"id": "b", "is_control": true}],
        "traffic_split": {"a": 30, "b": 70},
        "metrics": [{"name": "m", "kind": "mean"}, {"name": "t", "kind": "proportion"}],
        "target_metric": "t",
        "min_sample_size": 10,
        "sequential": true
    }))
    .unwrap()
    .validate()
    .unwrap();
    let input = AnalysisInput::from(&experiment);
    assert_eq!(input.variants[0].id, "a");
    assert!(input.variants[1].is_control);
    assert_eq!(input.variants[1].weight, 70.0);
    assert_eq!(input.target_metric, 1);
    assert_eq!(input.min_sample_size, Some(10));
    assert!(input.sequential);
    let results = analyze(&input, &[], &[]);
    assert_eq!(results.control_id, "b");
    assert_eq!(results.target_metric, "t");
    assert_eq!(results.sequential_tuning_sample_size, Some(5000.0));
    assert_eq!(results.metrics[0].comparisons[0].variant_id, "a");
    assert_eq!(results.srm.expected_fractions, vec![0.3, 0.7]);
}

#[test]
fn an_experiment_without_data_has_no_numbers_and_no_winner() {
    let results = analyze(&score_only(&["a", "b"]), &[], &[]);
    let metric = &results.metrics[0];
    assert_eq!(metric.variants.len(), 2);
    assert_eq!(metric.variants[0].count, 0);
    assert_eq!(metric.variants[0].mean, None);
    assert_eq!(metric.comparisons.len(), 1);
    let comparison = &metric.comparisons[0];
    assert_eq!(comparison.absolute_lift, None);
    assert_eq!(comparison.p_value, None);
    assert_eq!(comparison.outcome, Outcome::Inconclusive);
    assert_eq!(results.srm.chi_square, None);
    assert!(!results.srm.mismatch);
    assert!(results.enough_data);
    assert_eq!(results.recommended_winner, None);
    let json = serde_json::to_value(&results).unwrap();
    assert_eq!(json["metrics"][0]["comparisons"][0]["p_value"], json!(null));
    assert_eq!(json["recommended_winner"], json!(null));
}

#[test]
fn one_value_per_variant_gives_a_lift_but_no_inference() {
    let stats = vec![
        vec![MetricStats::from_values([1.0])],
        vec![MetricStats::from_values([3.0])],
    ];
    let results = analyze(&score_only(&["a", "b"]), &stats, &[1, 1]);
    let comparison = &results.metrics[0].comparisons[0];
    assert_eq!(comparison.absolute_lift, Some(2.0));
    assert_eq!(comparison.relative_lift, Some(2.0));
    assert_eq!(comparison.std_error, None);
    assert_eq!(comparison.absolute_lift_ci, None);
    assert_eq!(comparison.p_value, None);
    assert_eq!(comparison.chance_to_beat_control, None);
    assert!(!comparison.significant);
    assert_eq!(results.metrics[0].variants[0].std_dev, None);
    assert_eq!(results.metrics[0].variants[0].ci, None);
}

#[test]
fn constant_variants_cannot_be_tested_and_a_zero_control_has_no_relative_lift() {
    let stats = vec![
        vec![MetricStats::from_values([0.0; 50])],
        vec![MetricStats::from_values([0.0; 50])],
    ];
    let results = analyze(&score_only(&["a", "b"]), &stats, &[50, 50]);
    let comparison = &results.metrics[0].comparisons[0];
    assert_eq!(comparison.absolute_lift, Some(0.0));
    assert_eq!(comparison.relative_lift, None);
    assert_eq!(comparison.p_value, None);
    assert_eq!(comparison.outcome, Outcome::Inconclusive);
    let summary = &results.metrics[0].variants[0];
    assert_eq!(summary.std_dev, Some(0.0));
    assert_eq!(
        summary.ci,
        Some(Interval {
            lower: 0.0,
            upper: 0.0
        })
    );

    let zero_control = vec![
        vec![described(100, 0.0, 1.0)],
        vec![described(100, 0.5, 1.0)],
    ];
    let results = analyze(&score_only(&["a", "b"]), &zero_control, &[100, 100]);
    let comparison = &results.metrics[0].comparisons[0];
    assert!(comparison.p_value.is_some());
    assert_eq!(comparison.relative_lift, None);
    assert_eq!(comparison.relative_lift_ci, None);
}

#[test]
fn proportion_intervals_stay_within_zero_and_one() {
    let mut input = score_only(&["a", "b"]);
    input.metrics[0].kind = MetricKind::Proportion;
    let stats = vec![
        vec![MetricStats::from_values([0.0, 0.0, 0.0, 1.0])],
        vec![MetricStats::from_values([1.0, 1.0, 1.0, 0.0])],
    ];
    let results = analyze(&input, &stats, &[]);
    let a = results.metrics[0].variants[0].ci.unwrap();
    let b = results.metrics[0].variants[1].ci.unwrap();
    assert_eq!(a.lower, 0.0);
    assert_eq!(b.upper, 1.0);
}

#[test]
fn holm_corrects_the_treatments_of_each_metric() {
    let stats = vec![
        vec![described(1000, 10.0, 2.0)],
        vec![described(1000, 10.3, 2.0)],
        vec![described(1000, 10.0, 2.0)],
        vec![described(1000, 10.05, 2.0)],
    ];
    let results = analyze(&score_only(&["a", "b", "c", "d"]), &stats, &[]);
    let comparisons = &results.metrics[0].comparisons;
    let raw: Vec<f64> = comparisons.iter().map(|c| c.p_value.unwrap()).collect();
    let adjusted: Vec<f64> = comparisons
        .iter()
        .map(|c| c.adjusted_p_value.unwrap())
        .collect();
    assert_eq!(adjusted, holm::holm(&raw));
    assert!(adjusted.iter().zip(&raw).all(|(a, r)| a >= r));
    assert!(
        (adjusted[0] - 3.0 * raw[0]).abs() < 1e-15,
        "smallest p is tripled"
    );
    assert!(comparisons[0].significant);
    assert_eq!(comparisons[0].outcome, Outcome::Better);
    assert!(!comparisons[1].significant);
    assert_eq!(results.recommended_winner.as_deref(), Some("b"));
}

#[test]
fn the_winner_is_the_best_significant_improvement_in_the_declared_direction() {
    let mut input = input(
        &["control", "fast", "faster", "slow"],
        &[("latency_ms", MetricKind::Mean, Direction::LowerIsBetter)],
    );
    input.target_metric = 0;
    let stats = vec![
        vec![described(5000, 800.0, 100.0)],
        vec![described(5000, 780.0, 100.0)],
        vec![described(5000, 760.0, 100.0)],
        vec![described(5000, 850.0, 100.0)],
    ];
    let results = analyze(&input, &stats, &[5000, 5000, 5000, 5000]);
    let outcomes: Vec<Outcome> = results.metrics[0]
        .comparisons
        .iter()
        .map(|c| c.outcome)
        .collect();
    assert_eq!(outcomes, [Outcome::Better, Outcome::Better, Outcome::Worse]);
    assert_eq!(results.recommended_winner.as_deref(), Some("faster"));
    let slow = &results.metrics[0].comparisons[2];
    assert!(slow.chance_to_beat_control.unwrap() < 1e-6);
}

#[test]
fn only_the_target_metric_decides_the_winner() {
    let mut input = input(
        &["a", "b"],
        &[
            (
                "converted",
                MetricKind::Proportion,
                Direction::HigherIsBetter,
            ),
            ("score", MetricKind::Mean, Direction::HigherIsBetter),
        ],
    );
    input.target_metric = 0;
    let stats = vec![
        vec![described(1000, 0.1, 0.3), described(1000, 5.0, 1.0)],
        vec![described(1000, 0.1, 0.3), described(1000, 6.0, 1.0)],
    ];
    let results = analyze(&input, &stats, &[]);
    assert_eq!(results.metrics[1].comparisons[0].outcome, Outcome::Better);
    assert_eq!(results.recommended_winner, None);
    input.target_metric = 1;
    assert_eq!(
        analyze(&input, &stats, &[]).recommended_winner.as_deref(),
        Some("b")
    );
}

#[test]
fn too_few_samples_withhold_the_winner() {
    let mut input = score_only(&["a", "b"]);
    input.min_sample_size = Some(1001);
    let stats = vec![
        vec![described(2000, 10.0, 2.0)],
        vec![described(1000, 11.0, 2.0)],
    ];
    let results = analyze(&input, &stats, &[]);
    assert!(!results.enough_data);
    assert_eq!(results.metrics[0].comparisons[0].outcome, Outcome::Better);
    assert_eq!(results.recommended_winner, None);
    input.min_sample_size = Some(1000);
    let results = analyze(&input, &stats, &[]);
    assert!(results.enough_data);
    assert_eq!(results.recommended_winner.as_deref(), Some("b"));
}

#[test]
fn sequential_mode_is_wider_and_reports_its_tuning() {
    let mut input = score_only(&["a", "b"]);
    let stats = vec![
        vec![described(3000, 10.0, 2.0)],
        vec![described(3000, 10.12, 2.0)],
    ];
    let fixed = analyze(&input, &stats, &[]);
    input.sequential = true;
    input.min_sample_size = Some(4000);
    let sequential = analyze(&input, &stats, &[]);
    assert_eq!(sequential.sequential_tuning_sample_size, Some(8000.0));
    let (f, s) = (
        &fixed.metrics[0].comparisons[0],
        &sequential.metrics[0].comparisons[0],
    );
    assert!(s.absolute_lift_ci.unwrap().width() > f.absolute_lift_ci.unwrap().width());
    assert!(s.relative_lift_ci.unwrap().width() > f.relative_lift_ci.unwrap().width());
    assert!(s.p_value.unwrap() > f.p_value.unwrap());
    assert_eq!(s.chance_to_beat_control, f.chance_to_beat_control);
    assert_eq!(f.outcome, Outcome::Better);
    assert_eq!(s.outcome, Outcome::Inconclusive);
    assert!(!sequential.enough_data);
}

#[test]
fn exposures_feed_the_sample_ratio_check() {
    let results = analyze(&score_only(&["a", "b"]), &[], &[5000, 4600]);
    assert!(results.srm.mismatch);
    assert_eq!(results.srm.observed, vec![5000, 4600]);
    let results = analyze(&score_only(&["a", "b"]), &[], &[5000]);
    assert_eq!(results.srm.observed, vec![5000, 0]);
}

#[test]
fn a_zero_share_variant_with_exposures_is_a_mismatch() {
    let check = srm::sample_ratio_check(&[100, 3], &[100.0, 0.0]);
    assert_eq!(check.chi_square, None);
    assert_eq!(check.p_value, Some(0.0));
    assert!(check.mismatch);
    let quiet = srm::sample_ratio_check(&[100, 0, 100], &[50.0, 0.0, 50.0]);
    assert_eq!(quiet.degrees_of_freedom, 1);
    assert_eq!(quiet.chi_square, Some(0.0));
    assert!(!quiet.mismatch);
}

#[test]
fn holm_is_monotone_capped_and_handles_edge_cases() {
    assert!(holm::holm(&[]).is_empty());
    assert_eq!(holm::holm(&[0.3]), vec![0.3]);
    assert_eq!(holm::holm(&[0.6, 0.5]), vec![1.0, 1.0]);
    assert_eq!(holm::holm(&[0.01, 0.01]), vec![0.02, 0.02]);
}

#[test]
fn results_round_trip_through_json_with_snake_case_fields() {
    let stats = vec![
        vec![described(100, 1.0, 0.5)],
        vec![described(100, 1.2, 0.5)],
    ];
    let results = analyze(&score_only(&["a", "b"]), &stats, &[100, 100]);
    let json = serde_json::to_value(&results).unwrap();
    for key in [
        "confidence_level",
        "sequential",
        "sequential_tuning_sample_size",
        "control_id",
        "target_metric",
        "metrics",
        "srm",
        "enough_data",
        "recommended_winner",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    let comparison = &json["metrics"][0]["comparisons"][0];
    assert!(comparison["absolute_lift_ci"]["lower"].is_number());
    assert_eq!(comparison["outcome"], json!("better"));
    assert_eq!(json["metrics"][0]["direction"], json!("higher_is_better"));
    let back: ExperimentResults = serde_json::from_value(json).unwrap();
    assert_eq!(back, results);
}

#[test]
fn a_hundred_million_values_per_variant_are_analyzed_like_any_other() {
    let stats = vec![
        vec![described(100_000_000, 10.0, 2.0)],
        vec![described(100_000_000, 10.001, 2.0)],
        vec![described(100_000_000, 9.9995, 2.0)],
    ];
    let exposures = [100_000_000, 100_020_000, 99_990_000];
    let results = analyze(&score_only(&["a", "b", "c"]), &stats, &exposures);
    let b = &results.metrics[0].comparisons[0];
    assert!(b.degrees_of_freedom.unwrap() > 1e8);
    assert!(b.p_value.unwrap() < 0.001);
    assert_eq!(b.outcome, Outcome::Better);
    let ci = b.absolute_lift_ci.unwrap();
    assert!(ci.lower > 0.0004 && ci.upper < 0.0016);
    assert_eq!(
        results.metrics[0].comparisons[1].outcome,
        Outcome::Inconclusive
    );
    assert_eq!(results.recommended_winner.as_deref(), Some("b"));
    assert!(results.srm.p_value.unwrap() > 0.001);
}
