//! Precision and merging of running statistics.

use super::*;

#[test]
fn empty_and_single_value_statistics_have_no_variance() {
    let empty = MetricStats::new();
    assert_eq!(empty.count, 0);
    assert_eq!(empty.variance(), None);
    assert_eq!(empty.sum(), 0.0);
    let one = MetricStats::from_values([4.0]);
    assert_eq!((one.count, one.mean, one.m2), (1, 4.0, 0.0));
    assert_eq!(one.std_dev(), None);
}

#[test]
fn small_samples_give_the_textbook_values() {
    let stats = MetricStats::from_values([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]);
    assert_eq!(stats.count, 8);
    assert_eq!(stats.mean, 5.0);
    assert_eq!(stats.m2, 32.0);
    assert!((stats.variance().unwrap() - 32.0 / 7.0).abs() < 1e-15);
    assert!((stats.std_dev().unwrap() - (32.0_f64 / 7.0).sqrt()).abs() < 1e-15);
    assert_eq!(stats.sum(), 40.0);
}

#[test]
fn values_near_a_billion_keep_their_variance() {
    let values = [4.0, 7.0, 13.0, 16.0].map(|x| 1e9 + x);
    let stats = MetricStats::from_values(values);
    assert_eq!(stats.mean, 1e9 + 10.0);
    assert!((stats.variance().unwrap() - 30.0).abs() < 1e-9);

    // The naive sum-of-squares formula loses it entirely at this magnitude.
    let n = 4.0;
    let sum: f64 = values.iter().sum();
    let sum_sq: f64 = values.iter().map(|x| x * x).sum();
    let naive = (sum_sq - sum * sum / n) / (n - 1.0);
    assert!((naive - 30.0).abs() > 1.0, "naive gave {naive}");
}

#[test]
fn merging_equals_adding_every_value() {
    let values: Vec<f64> = (0..1000)
        .map(|i| 1e9 + f64::from(i % 37) * 1.5 - f64::from(i % 11))
        .collect();
    let whole = MetricStats::from_values(values.iter().copied());
    let mut merged = MetricStats::new();
    for chunk in values.chunks(77) {
        merged.merge(&MetricStats::from_values(chunk.iter().copied()));
    }
    assert_eq!(merged.count, whole.count);
    assert!((merged.mean - whole.mean).abs() <= 1e-6);
    let (a, b) = (merged.variance().unwrap(), whole.variance().unwrap());
    assert!((a - b).abs() / b < 1e-9, "{a} vs {b}");
}

#[test]
fn merging_with_empty_statistics_changes_nothing() {
    let stats = MetricStats::from_values([1.0, 2.0, 3.0]);
    let mut merged = stats;
    merged.merge(&MetricStats::new());
    assert_eq!(merged, stats);
    let mut from_empty = MetricStats::new();
    from_empty.merge(&stats);
    assert_eq!(from_empty, stats);
}

#[test]
fn statistics_round_trip_through_json() {
    let stats = MetricStats::from_values([1.0, 0.0, 1.0]);
    let json = serde_json::to_value(stats).unwrap();
    assert_eq!(json["count"], serde_json::json!(3));
    assert_eq!(serde_json::from_value::<MetricStats>(json).unwrap(), stats);
}
