//! One metric compared over the paired samples: means, paired tests, interval and verdict.

use super::paired_t::paired_t;
use super::pairing::Pair;
use super::report::{MetricChange, MetricPairs, Verdict};
use super::wilcoxon::{RELATIVE_TOLERANCE, signed_rank};
use crate::eval::metric::MetricName;
use crate::eval::result::SampleResult;

/// Where a metric's scores sit in each run's score lists (the scorer writes them in the order
/// of the run's metrics), so that looking one up is usually a single comparison.
#[derive(Debug, Clone, Copy)]
pub struct ScoreSlots {
    pub base: usize,
    pub candidate: usize,
}

/// Compares metric `key` over the pairs where both runs have a finite value for it.
///
/// The difference of a pair is `dᵢ = candidateᵢ − baseᵢ`, taken as 0 when it is within
/// [`RELATIVE_TOLERANCE`] of the larger score (floating-point noise). The verdict is the
/// Wilcoxon signed-rank test's: significant when its p-value is below `α = 1 − confidence_level`,
/// in the direction of `W⁺ − W⁻`, which is an improvement when it favours the metric's better
/// side (higher scores; lower latency and tokens).
pub fn compare_metric(
    key: &str,
    name: MetricName,
    slots: ScoreSlots,
    pairs: &[Pair<'_>],
    confidence_level: f64,
) -> (MetricChange, MetricPairs) {
    let points: Vec<(f64, f64)> = pairs
        .iter()
        .filter_map(|pair| {
            Some((
                value(pair.base, key, slots.base)?,
                value(pair.candidate, key, slots.candidate)?,
            ))
        })
        .collect();
    let differences: Vec<f64> = points
        .iter()
        .map(|&(base, candidate)| difference(base, candidate))
        .collect();
    let n = points.len();
    let mean = |pick: fn(&(f64, f64)) -> f64| {
        (n > 0).then(|| points.iter().map(pick).sum::<f64>() / n as f64)
    };
    let t_test = paired_t(&differences, confidence_level);
    let rank_test = (n > 0).then(|| signed_rank(&differences));
    let p_value = rank_test.and_then(|test| test.p_value);
    let direction = name.direction();
    let change = MetricChange {
        metric: key.to_owned(),
        name,
        direction,
        n: n as u64,
        base_mean: mean(|point| point.0),
        candidate_mean: mean(|point| point.1),
        mean_change: t_test.mean,
        ci: t_test.ci,
        t_statistic: t_test.t,
        t_p_value: t_test.p_value,
        wilcoxon_n: rank_test.map_or(0, |test| test.n),
        wilcoxon_statistic: rank_test.and_then(|test| test.statistic),
        wilcoxon_z: rank_test.and_then(|test| test.z),
        wilcoxon_p_value: p_value,
        p_value,
        verdict: Verdict::decide(
            p_value,
            1.0 - confidence_level,
            rank_test.map_or(0.0, |test| test.shift),
            direction,
        ),
    };
    let scatter = MetricPairs {
        metric: key.to_owned(),
        points,
    };
    (change, scatter)
}

/// The finite value of metric `key` in `result`, looked up at `slot` first.
fn value(result: &SampleResult, key: &str, slot: usize) -> Option<f64> {
    let score = match result.scores.get(slot) {
        Some(score) if score.metric == key => Some(score),
        _ => result.score(key),
    };
    score?.value.filter(|value| value.is_finite())
}

/// `candidate − base`, or 0 when that is within [`RELATIVE_TOLERANCE`] of the larger score.
pub fn difference(base: f64, candidate: f64) -> f64 {
    let d = candidate - base;
    if d.abs() <= RELATIVE_TOLERANCE * base.abs().max(candidate.abs()) {
        0.0
    } else {
        d
    }
}
