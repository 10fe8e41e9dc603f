//! One treatment against the control on one metric: lifts with intervals, p-value, chance to
//! beat control, and the verdict in the metric's declared direction.

use serde::{Deserialize, Serialize};

use super::distributions::{normal_cdf, student_t_quantile};
use super::holm::holm;
use super::interval::{Interval, finite};
use super::relative::relative_lift;
use super::sequential::{always_valid_p_value, boundary_multiplier};
use super::welch::{Moments, welch_test};
use crate::experiment::metric::{Direction, MetricKind};
use crate::experiment::sufficient::MetricStats;

/// How a treatment fared against the control, in the metric's declared direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Significant, and an improvement (higher for higher-is-better, lower for lower-is-better).
    Better,
    /// Significant, and a regression.
    Worse,
    /// Not significant, or not testable yet.
    Inconclusive,
}

/// Treatment vs control on one metric. Every number is `None` when it is undefined: fewer than
/// two values in either variant, both variants constant, or (relative lift) a control mean of 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The treatment.
    pub variant_id: String,
    /// `d = m_t - m_c`.
    pub absolute_lift: Option<f64>,
    /// `d ± q · SE`, where `q = t_{df, 1-α/2}` (fixed horizon) or the confidence-sequence
    /// multiplier `M` (sequential).
    pub absolute_lift_ci: Option<Interval>,
    /// `r = d / m_c`.
    pub relative_lift: Option<f64>,
    /// `r ± q · se_r` with the delta-method `se_r` and the same `q`.
    pub relative_lift_ci: Option<Interval>,
    /// `SE = sqrt(v_t/n_t + v_c/n_c)`.
    pub std_error: Option<f64>,
    /// Welch-Satterthwaite degrees of freedom.
    pub degrees_of_freedom: Option<f64>,
    /// Two-sided p-value: Welch's t-test (fixed horizon), or the always-valid p-value of the
    /// confidence sequence (sequential).
    pub p_value: Option<f64>,
    /// Holm-adjusted across the treatments of this metric (equal to `p_value` with one treatment).
    pub adjusted_p_value: Option<f64>,
    /// `P(improvement > 0)` under the normal approximation: `Φ(d / SE)` for higher-is-better,
    /// `Φ(-d / SE)` for lower-is-better.
    pub chance_to_beat_control: Option<f64>,
    /// `adjusted_p_value < α`, in either direction.
    pub significant: bool,
    pub outcome: Outcome,
}

/// The settings one comparison needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ComparisonSettings {
    pub kind: MetricKind,
    pub direction: Direction,
    pub confidence_level: f64,
    /// `Some(N*)` in sequential mode: the tuning total of the confidence sequence.
    pub sequential_tuning: Option<f64>,
}

/// Compares `treatment` with `control`. The adjusted p-value, `significant` and `outcome` are
/// those of a lone treatment; [`apply_holm`] corrects them when there are several.
pub fn compare(
    variant_id: &str,
    treatment: &MetricStats,
    control: &MetricStats,
    settings: &ComparisonSettings,
) -> Comparison {
    let mut comparison = Comparison {
        variant_id: variant_id.to_owned(),
        absolute_lift: None,
        absolute_lift_ci: None,
        relative_lift: None,
        relative_lift_ci: None,
        std_error: None,
        degrees_of_freedom: None,
        p_value: None,
        adjusted_p_value: None,
        chance_to_beat_control: None,
        significant: false,
        outcome: Outcome::Inconclusive,
    };
    if treatment.count >= 1 && control.count >= 1 {
        comparison.absolute_lift = finite(treatment.mean - control.mean);
        if control.mean != 0.0 {
            comparison.relative_lift = finite((treatment.mean - control.mean) / control.mean);
        }
    }
    let (Some(t_moments), Some(c_moments)) = (
        Moments::of(treatment, settings.kind),
        Moments::of(control, settings.kind),
    ) else {
        return comparison;
    };
    let Some(test) = welch_test(&t_moments, &c_moments) else {
        return comparison;
    };

    let alpha = 1.0 - settings.confidence_level;
    let (multiplier, p_value) = match settings.sequential_tuning {
        None => (
            student_t_quantile(1.0 - alpha / 2.0, test.degrees_of_freedom),
            test.p_value,
        ),
        Some(tuning) => {
            let total_n = t_moments.n + c_moments.n;
            (
                boundary_multiplier(total_n, alpha, tuning),
                always_valid_p_value(test.t_statistic, total_n, alpha, tuning),
            )
        }
    };
    comparison.std_error = finite(test.std_error);
    comparison.degrees_of_freedom = finite(test.degrees_of_freedom);
    comparison.absolute_lift_ci = Interval::around(test.difference, multiplier * test.std_error);
    if let Some(relative) = relative_lift(&t_moments, &c_moments) {
        comparison.relative_lift_ci =
            Interval::around(relative.estimate, multiplier * relative.std_error);
    }
    comparison.p_value = finite(p_value);
    comparison.chance_to_beat_control =
        finite(normal_cdf(settings.direction.sign() * test.t_statistic));
    let unadjusted = comparison.p_value;
    decide(&mut comparison, unadjusted, alpha, settings.direction);
    comparison
}

/// Replaces the adjusted p-values of `comparisons` (all treatments of one metric) by Holm's,
/// computed over the comparisons that have a p-value, and decides each verdict again.
pub fn apply_holm(comparisons: &mut [Comparison], alpha: f64, direction: Direction) {
    let tested: Vec<usize> = (0..comparisons.len())
        .filter(|i| comparisons[*i].p_value.is_some())
        .collect();
    let raw: Vec<f64> = tested
        .iter()
        .filter_map(|i| comparisons[*i].p_value)
        .collect();
    for (index, adjusted) in tested.into_iter().zip(holm(&raw)) {
        decide(&mut comparisons[index], Some(adjusted), alpha, direction);
    }
}

fn decide(comparison: &mut Comparison, adjusted: Option<f64>, alpha: f64, direction: Direction) {
    comparison.adjusted_p_value = adjusted;
    comparison.significant = adjusted.is_some_and(|p| p < alpha);
    let improvement = comparison.absolute_lift.unwrap_or(0.0) * direction.sign();
    comparison.outcome = match comparison.significant {
        true if improvement > 0.0 => Outcome::Better,
        true if improvement < 0.0 => Outcome::Worse,
        _ => Outcome::Inconclusive,
    };
}
