//! Always-valid inference for the difference of means: a confidence sequence that may be looked
//! at after every event without inflating the error rate.
//!
//! Reference: Waudby-Smith, Arbour, Sinha, Kennedy and Ramdas, "Time-uniform central limit
//! theory and asymptotic confidence sequences" (Annals of Statistics, 2024; arXiv:2103.06476),
//! Theorem 2.2, the asymptotic confidence sequence built on the normal-mixture boundary of
//! Howard, Ramdas, McAuliffe and Sekhon, "Time-uniform, nonparametric, nonasymptotic confidence
//! sequences" (Annals of Statistics, 2021). GrowthBook and Eppo use the same construction.
//!
//! For a mean estimated from `N` observations whose standard deviation is `σ̂`, the sequence
//!
//! `μ̂_N ± σ̂ · sqrt( 2(Nρ² + 1) / (N²ρ²) · ln( sqrt(Nρ² + 1) / α ) )`
//!
//! covers the true mean at every `N` simultaneously with probability at least `1 - α`
//! (asymptotically). For the difference of two means, `N = n_t + n_c` and `σ̂² = N · SE²` with
//! `SE² = v_t/n_t + v_c/n_c` (the variance of one observation of the randomized design), so the
//! half-width is `M · SE` with the multiplier
//!
//! `M = sqrt( 2(Nρ² + 1) / (Nρ²) · ln( sqrt(Nρ² + 1) / α ) )`.
//!
//! `M` always exceeds `z_{1-α/2}`: the price of peeking. The tuning `ρ` makes the sequence
//! tightest near a chosen total `N*` (the approximate minimizer of the width at `N*`
//! given in the appendix of Waudby-Smith et al.):
//!
//! `ρ = sqrt( (-2 ln α + ln(-2 ln α + 1)) / N* )`.

/// The smallest `N*` used for tuning, whatever the declared minimum sample size (GrowthBook's
/// default tuning parameter).
pub const MIN_TUNING_SAMPLE_SIZE: f64 = 5000.0;

/// `N* = max(2 · min_sample_size, 5000)`: the total of a treatment and the control when both
/// reach the minimum sample size, and at least 5000.
pub fn tuning_sample_size(min_sample_size: Option<u64>) -> f64 {
    let planned = min_sample_size.map_or(0.0, |n| 2.0 * n as f64);
    planned.max(MIN_TUNING_SAMPLE_SIZE)
}

/// `ρ = sqrt( (-2 ln α + ln(-2 ln α + 1)) / N* )`.
pub fn mixture_rho(alpha: f64, tuning_sample_size: f64) -> f64 {
    let log_alpha = -2.0 * alpha.ln();
    ((log_alpha + (log_alpha + 1.0).ln()) / tuning_sample_size).sqrt()
}

/// Half-width multiplier `M` (half-width = `M · SE`) at total sample size `total_n = n_t + n_c`:
/// `M = sqrt( 2(Nρ² + 1) / (Nρ²) · ln( sqrt(Nρ² + 1) / α ) )`.
pub fn boundary_multiplier(total_n: f64, alpha: f64, tuning_sample_size: f64) -> f64 {
    let rho = mixture_rho(alpha, tuning_sample_size);
    let n_rho2 = total_n * rho * rho;
    (2.0 * (n_rho2 + 1.0) / n_rho2 * ((n_rho2 + 1.0).sqrt() / alpha).ln()).sqrt()
}

/// Always-valid p-value: the smallest `α'` at which the sequence (with `ρ` kept at its tuning
/// for the experiment's `α`) excludes 0. Solving `|d| = M(α') · SE` for `α'` with `z = d / SE`:
///
/// `p = min(1, sqrt(Nρ² + 1) · exp( -z² · Nρ² / (2(Nρ² + 1)) ))`
///
/// so that `p < α` exactly when the confidence sequence at `α` excludes 0. It is also the
/// reciprocal of the normal-mixture e-value, hence valid at any stopping time.
pub fn always_valid_p_value(z: f64, total_n: f64, alpha: f64, tuning_sample_size: f64) -> f64 {
    let rho = mixture_rho(alpha, tuning_sample_size);
    let n_rho2 = total_n * rho * rho;
    let p = (n_rho2 + 1.0).sqrt() * (-z * z * n_rho2 / (2.0 * (n_rho2 + 1.0))).exp();
    p.min(1.0)
}
