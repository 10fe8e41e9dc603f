//! The Wilcoxon signed-rank test, by its normal approximation.

use crate::experiment::stats::distributions::normal_cdf;
use crate::experiment::stats::interval::finite;

/// Differences (and their absolute values) that agree to this relative precision are equal:
/// `0.9 − 0.8` and `0.4 − 0.3` differ in floating point, not in meaning.
pub const RELATIVE_TOLERANCE: f64 = 1e-12;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignedRank {
    /// Non-zero differences.
    pub n: u64,
    /// `min(W⁺, W⁻)`.
    pub statistic: Option<f64>,
    /// `W⁺ − W⁻`: positive when the larger differences tend to be positive.
    pub shift: f64,
    pub z: Option<f64>,
    pub p_value: Option<f64>,
}

/// The two-sided Wilcoxon signed-rank test on paired differences, as scipy's
/// `wilcoxon(d, zero_method="wilcox", correction=True, method="approx")` computes it:
///
/// 1. Zero differences are dropped (Wilcoxon's method); `n` non-zero ones remain.
/// 2. The `|dᵢ|` are ranked 1…n, tied values sharing the mean of their ranks.
/// 3. `W⁺` is the sum of the ranks of the positive differences, `W⁻` of the negative ones.
/// 4. Under the null hypothesis `W⁺` has mean `μ = n(n+1)/4` and variance
///    `σ² = n(n+1)(2n+1)/24 − Σ(tⱼ³ − tⱼ)/48`, summed over the groups of `tⱼ` tied values.
/// 5. `z = (W⁺ − μ)/σ`, moved half a rank towards 0 (continuity correction):
///    `z' = z − sign(z) · 0.5/σ`; the p-value is `2 · Φ(−|z'|)`.
///
/// The normal approximation is used at every `n`; it is rough below about 10 non-zero
/// differences, where the continuity correction keeps it on the conservative side. With no
/// non-zero difference there is no evidence of a change and the p-value is 1.
pub fn signed_rank(differences: &[f64]) -> SignedRank {
    let mut nonzero: Vec<f64> = differences
        .iter()
        .copied()
        .filter(|d| *d != 0.0 && d.is_finite())
        .collect();
    let n = nonzero.len();
    if n == 0 {
        return SignedRank {
            n: 0,
            statistic: None,
            shift: 0.0,
            z: None,
            p_value: Some(1.0),
        };
    }
    nonzero.sort_unstable_by(|a, b| a.abs().total_cmp(&b.abs()));
    let (mut w_plus, mut w_minus, mut ties) = (0.0, 0.0, 0.0);
    let mut start = 0;
    while start < n {
        let first = nonzero[start].abs();
        let mut end = start + 1;
        while end < n && nonzero[end].abs() - first <= RELATIVE_TOLERANCE * first {
            end += 1;
        }
        // Ranks start + 1 ..= end, whose mean is (start + 1 + end) / 2.
        let rank = (start + 1 + end) as f64 / 2.0;
        for d in &nonzero[start..end] {
            if *d > 0.0 {
                w_plus += rank;
            } else {
                w_minus += rank;
            }
        }
        let t = (end - start) as f64;
        ties += t * t * t - t;
        start = end;
    }
    let n_f = n as f64;
    let mean = n_f * (n_f + 1.0) / 4.0;
    let variance = n_f * (n_f + 1.0) * (2.0 * n_f + 1.0) / 24.0 - ties / 48.0;
    let sigma = variance.sqrt();
    let z = (w_plus - mean) / sigma;
    let corrected = if z > 0.0 {
        z - 0.5 / sigma
    } else if z < 0.0 {
        z + 0.5 / sigma
    } else {
        0.0
    };
    SignedRank {
        n: n as u64,
        statistic: Some(f64::min(w_plus, w_minus)),
        shift: w_plus - w_minus,
        z: finite(corrected),
        p_value: finite((2.0 * normal_cdf(-corrected.abs())).min(1.0)),
    }
}
