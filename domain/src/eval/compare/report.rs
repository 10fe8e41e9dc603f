//! What a comparison of two runs reports. Every number that is undefined is `None`, never NaN.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::eval::metric::{Direction, MetricName};
use crate::eval::result::Score;
pub use crate::experiment::stats::Interval;

/// The default confidence level of a comparison; the significance level is `α = 1 − 0.95`.
pub const DEFAULT_CONFIDENCE_LEVEL: f64 = 0.95;

/// At most this many ids of unpaired samples are listed (all are counted).
pub const MAX_LISTED_UNPAIRED: usize = 100;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunComparison {
    pub base_id: Uuid,
    pub candidate_id: Uuid,
    pub confidence_level: f64,
    /// Samples present in both runs; every figure below is computed over these alone.
    pub paired: u64,
    pub base_only: Unpaired,
    pub candidate_only: Unpaired,
    /// Paired samples that passed in the base ÷ `paired`; None without pairs.
    pub base_pass_rate: Option<f64>,
    pub candidate_pass_rate: Option<f64>,
    /// `candidate_pass_rate − base_pass_rate`.
    pub pass_rate_change: Option<f64>,
    pub transitions: Transitions,
    pub mcnemar: McNemar,
    /// One entry per metric key present in both runs, in the base run's order.
    pub metrics: Vec<MetricChange>,
    /// Metric keys scored by one run only; they are not compared.
    pub base_only_metrics: Vec<String>,
    pub candidate_only_metrics: Vec<String>,
    /// `significant_regression` when McNemar's test or any metric says so; otherwise
    /// `significant_improvement` when McNemar's test or any metric says so; otherwise
    /// `no_significant_change`.
    pub verdict: Verdict,
    pub significance: Significance,
    /// Paired samples that passed in the base and fail in the candidate, in candidate order.
    pub regressions: Vec<SampleChange>,
    /// Paired samples that failed in the base and pass in the candidate, in candidate order.
    pub improvements: Vec<SampleChange>,
    /// Differences between the runs that make the comparison unfair or hard to attribute.
    pub warnings: Vec<Notice>,
    /// What changed between the runs when the comparison is fair.
    pub notes: Vec<Notice>,
    /// Per compared metric, the `(base, candidate)` score of every pair where both have one.
    pub scatter: Vec<MetricPairs>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unpaired {
    pub count: u64,
    /// The first [`MAX_LISTED_UNPAIRED`] ids, in their run's order.
    pub sample_ids: Vec<Uuid>,
}

/// How the paired samples moved between pass and fail (an errored sample counts as failed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transitions {
    pub pass_pass: u64,
    /// Regressions (McNemar's `b`).
    pub pass_fail: u64,
    /// Improvements (McNemar's `c`).
    pub fail_pass: u64,
    pub fail_fail: u64,
}

/// Whether the change is statistically significant, and by which tests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Significance {
    /// `verdict` is not `no_significant_change`.
    pub significant: bool,
    /// `1 − confidence_level`; each test is at this level.
    pub alpha: f64,
    /// The tests behind the verdict, in words.
    pub method: String,
    pub mcnemar_p_value: f64,
    /// The smallest per-metric (Wilcoxon) p-value; None without compared metrics.
    pub min_metric_p_value: Option<f64>,
}

/// The tests `significance.method` names.
pub const SIGNIFICANCE_METHOD: &str = "McNemar's exact test on the pass/fail pairs; per metric, the Wilcoxon signed-rank test on the paired scores (the paired t-test sizes the change)";

/// McNemar's exact test on the discordant pairs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct McNemar {
    /// Passed in the base, fails in the candidate.
    pub b: u64,
    /// Failed in the base, passes in the candidate.
    pub c: u64,
    /// `min(1, 2 · P(X ≤ min(b, c)))` with `X ~ Binomial(b + c, ½)`; 1 when `b + c = 0`.
    pub p_value: f64,
    /// `p_value < α`.
    pub significant: bool,
    /// A significant `b > c` is a regression, a significant `c > b` an improvement.
    pub verdict: Verdict,
}

/// One metric's change over the pairs where both runs have a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricChange {
    /// The metric key (`regex#2` for the second regex metric).
    pub metric: String,
    pub name: MetricName,
    /// `at_least`: higher is better; `at_most` (latency, tokens): lower is better.
    pub direction: Direction,
    /// Pairs where both runs have a value.
    pub n: u64,
    pub base_mean: Option<f64>,
    pub candidate_mean: Option<f64>,
    /// Mean of the paired differences `dᵢ = candidateᵢ − baseᵢ`, which equals
    /// `candidate_mean − base_mean`.
    pub mean_change: Option<f64>,
    /// `d̄ ± t_{n−1, 1−α/2} · s_d/√n`; needs `n ≥ 2`.
    pub ci: Option<Interval>,
    /// Paired t statistic `d̄ / (s_d/√n)`; None when `n < 2` or every difference is equal.
    pub t_statistic: Option<f64>,
    /// Two-sided p-value of the paired t-test on `n − 1` degrees of freedom.
    pub t_p_value: Option<f64>,
    /// Non-zero differences, which the signed-rank test ranks.
    pub wilcoxon_n: u64,
    /// `min(W⁺, W⁻)`, as scipy reports it.
    pub wilcoxon_statistic: Option<f64>,
    /// The continuity-corrected normal deviate of `W⁺`.
    pub wilcoxon_z: Option<f64>,
    /// Two-sided p-value of the Wilcoxon signed-rank test (normal approximation).
    pub wilcoxon_p_value: Option<f64>,
    /// The verdict's basis: `wilcoxon_p_value`.
    pub p_value: Option<f64>,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    SignificantRegression,
    SignificantImprovement,
    NoSignificantChange,
}

impl Verdict {
    /// Significant when `p < α`; `shift > 0` means the candidate is higher, which is an
    /// improvement for a higher-is-better quantity and a regression for a lower-is-better one.
    pub fn decide(p_value: Option<f64>, alpha: f64, shift: f64, direction: Direction) -> Verdict {
        if !p_value.is_some_and(|p| p < alpha) || shift == 0.0 {
            return Verdict::NoSignificantChange;
        }
        let higher_is_better = direction == Direction::AtLeast;
        if (shift > 0.0) == higher_is_better {
            Verdict::SignificantImprovement
        } else {
            Verdict::SignificantRegression
        }
    }
}

/// A paired sample that changed between pass and fail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SampleChange {
    pub sample_id: Uuid,
    /// Its position in the candidate run.
    pub position: i64,
    /// As the candidate run saw them.
    pub input: String,
    pub expected_output: String,
    pub base_output: Option<String>,
    pub candidate_output: Option<String>,
    pub base_error: Option<String>,
    pub candidate_error: Option<String>,
    pub base_scores: Vec<Score>,
    pub candidate_scores: Vec<Score>,
}

/// A remark about the comparison, pointing at the run field it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub field: String,
    pub message: String,
}

impl Notice {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Notice {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Paired values of one metric, for a scatter chart (`x` the base, `y` the candidate).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricPairs {
    pub metric: String,
    pub points: Vec<(f64, f64)>,
}
