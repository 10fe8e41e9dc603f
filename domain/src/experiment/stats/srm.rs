//! Sample-ratio mismatch: do the observed exposures match the configured split?

use serde::{Deserialize, Serialize};

use super::distributions::chi_square_sf;
use super::interval::finite;

/// A mismatch is flagged below this p-value (as GrowthBook and most platforms do).
pub const SRM_P_VALUE_THRESHOLD: f64 = 0.001;

/// Chi-square goodness-of-fit of exposures against the split. Vectors follow variant order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SampleRatioCheck {
    /// `χ² = Σ (O_i - E_i)² / E_i`; `None` without exposures, or when a variant with a 0% share
    /// received exposures (then `p_value` is 0 and `mismatch` true).
    pub chi_square: Option<f64>,
    /// `k - 1`, `k` the variants with a non-zero share.
    pub degrees_of_freedom: u64,
    /// `P(χ²_df > χ²)`; `None` without exposures or when `df` is 0.
    pub p_value: Option<f64>,
    /// `p_value < 0.001`.
    pub mismatch: bool,
    /// Expected shares `w_i / Σw`.
    pub expected_fractions: Vec<f64>,
    /// Expected exposures `E_i = N · w_i / Σw`, `N = Σ O_i`.
    pub expected: Vec<f64>,
    /// Observed exposures `O_i`.
    pub observed: Vec<u64>,
}

/// `weights` are the split (any positive scale: percents or fractions), aligned with `observed`.
pub fn sample_ratio_check(observed: &[u64], weights: &[f64]) -> SampleRatioCheck {
    let total_weight: f64 = weights.iter().sum();
    let expected_fractions: Vec<f64> = weights
        .iter()
        .map(|w| {
            if total_weight > 0.0 {
                w / total_weight
            } else {
                0.0
            }
        })
        .collect();
    let total = observed.iter().sum::<u64>() as f64;
    let expected: Vec<f64> = expected_fractions.iter().map(|f| f * total).collect();
    let active = expected_fractions.iter().filter(|f| **f > 0.0).count();
    let degrees_of_freedom = active.saturating_sub(1) as u64;

    let mut chi_square = 0.0;
    let mut impossible = false;
    for (observed, expected) in observed.iter().zip(&expected) {
        let observed = *observed as f64;
        if *expected > 0.0 {
            chi_square += (observed - expected) * (observed - expected) / expected;
        } else if observed > 0.0 {
            impossible = true;
        }
    }

    let (chi_square, p_value) = if total == 0.0 {
        (None, None)
    } else if impossible {
        (None, Some(0.0))
    } else if degrees_of_freedom == 0 {
        (finite(chi_square), None)
    } else {
        (
            finite(chi_square),
            finite(chi_square_sf(chi_square, degrees_of_freedom as f64)),
        )
    };
    SampleRatioCheck {
        chi_square,
        degrees_of_freedom,
        p_value,
        mismatch: p_value.is_some_and(|p| p < SRM_P_VALUE_THRESHOLD),
        expected_fractions,
        expected,
        observed: observed.to_vec(),
    }
}
