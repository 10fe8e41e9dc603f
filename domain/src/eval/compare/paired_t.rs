//! The paired t-test and the t-based interval of the mean difference.

use crate::experiment::stats::Interval;
use crate::experiment::stats::distributions::{student_t_quantile, student_t_sf};
use crate::experiment::stats::interval::finite;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairedT {
    pub mean: Option<f64>,
    pub t: Option<f64>,
    pub p_value: Option<f64>,
    pub ci: Option<Interval>,
}

/// The paired t-test on differences `d₁ … dₙ` (scipy's `ttest_rel`):
///
/// - `d̄ = Σdᵢ / n`, `s_d = √(Σ(dᵢ − d̄)² / (n − 1))`, `t = d̄ / (s_d / √n)` on `n − 1`
///   degrees of freedom, two-sided `p = 2 · P(T > |t|)`;
/// - the interval `d̄ ± t_{n−1, 1−α/2} · s_d / √n`, with `α = 1 − confidence_level`.
///
/// Needs `n ≥ 2`. When every difference is the same (`s_d = 0`), `t` is undefined and the
/// p-value is its limit: 1 when they are all 0 (nothing changed), 0 otherwise (every pair
/// moved by exactly the same amount); the interval is the point `[d̄, d̄]`.
pub fn paired_t(differences: &[f64], confidence_level: f64) -> PairedT {
    let n = differences.len();
    let mean = (n > 0).then(|| differences.iter().sum::<f64>() / n as f64);
    let (Some(mean), true) = (mean, n >= 2) else {
        return PairedT {
            mean,
            t: None,
            p_value: None,
            ci: None,
        };
    };
    let n_f = n as f64;
    let sum_squares: f64 = differences.iter().map(|d| (d - mean) * (d - mean)).sum();
    let std_error = (sum_squares / (n_f - 1.0)).sqrt() / n_f.sqrt();
    let df = n_f - 1.0;
    let alpha = 1.0 - confidence_level;
    let quantile = student_t_quantile(1.0 - alpha / 2.0, df);
    let ci = Interval::around(mean, quantile * std_error);
    if std_error == 0.0 {
        return PairedT {
            mean: Some(mean),
            t: None,
            p_value: Some(if mean == 0.0 { 1.0 } else { 0.0 }),
            ci,
        };
    }
    let t = mean / std_error;
    PairedT {
        mean: Some(mean),
        t: finite(t),
        p_value: finite((2.0 * student_t_sf(t.abs(), df)).min(1.0)),
        ci,
    }
}
