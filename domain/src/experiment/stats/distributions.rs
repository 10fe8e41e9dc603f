//! The few distribution functions the analysis needs, on top of statrs.
//!
//! statrs evaluates Student's t through the regularized incomplete beta function, which loses
//! accuracy as the degrees of freedom grow (relative error about 1e-8 at 10 million, 1e-3 at
//! 10¹²) and whose inverse stops converging near 10⁸, a df that Welch's formula reaches with
//! 50 million values per variant. From [`ASYMPTOTIC_DF`] degrees of freedom on, both the
//! quantile and the tail come from the Cornish-Fisher expansion of t in terms of the normal
//! deviate instead (Abramowitz and Stegun 26.7.5), whose first omitted term is below 1e-20 there.

use statrs::distribution::{ChiSquared, Continuous, ContinuousCDF, Normal, StudentsT};

/// Degrees of freedom from which Student's t is computed by its asymptotic expansion.
pub const ASYMPTOTIC_DF: f64 = 1e5;

/// Standard normal CDF `Φ(x)`.
pub fn normal_cdf(x: f64) -> f64 {
    standard_normal().cdf(x)
}

/// Standard normal quantile `Φ⁻¹(p)`, `0 < p < 1`.
pub fn normal_quantile(p: f64) -> f64 {
    standard_normal().inverse_cdf(p)
}

/// Upper tail `P(T > t)` of Student's t with `df > 0` degrees of freedom.
pub fn student_t_sf(t: f64, df: f64) -> f64 {
    if df >= ASYMPTOTIC_DF {
        standard_normal().sf(equivalent_normal_deviate(t, df))
    } else {
        StudentsT::new(0.0, 1.0, df).map_or(f64::NAN, |dist| dist.sf(t))
    }
}

/// Quantile of Student's t with `df > 0` degrees of freedom, `0 < p < 1`.
///
/// Below [`ASYMPTOTIC_DF`], statrs' inversion of the incomplete beta function polished by Newton
/// steps on the CDF (agreeing with scipy's `t.ppf` to 1e-9 or better); above, the Cornish-Fisher
/// expansion.
pub fn student_t_quantile(p: f64, df: f64) -> f64 {
    if df >= ASYMPTOTIC_DF {
        return cornish_fisher(normal_quantile(p), df);
    }
    let Ok(dist) = StudentsT::new(0.0, 1.0, df) else {
        return f64::NAN;
    };
    let mut t = dist.inverse_cdf(p);
    for _ in 0..3 {
        let step = (dist.cdf(t) - p) / dist.pdf(t);
        if !step.is_finite() {
            break;
        }
        t -= step;
    }
    t
}

/// Upper tail `P(X > x)` of the chi-square distribution with `df` degrees of freedom.
pub fn chi_square_sf(x: f64, df: f64) -> f64 {
    ChiSquared::new(df).map_or(f64::NAN, |dist| dist.sf(x))
}

fn standard_normal() -> Normal {
    Normal::new(0.0, 1.0).expect("the standard normal is valid")
}

/// The t quantile for the normal quantile `z` at `ν` degrees of freedom:
/// `t = z + g₁/ν + g₂/ν² + g₃/ν³ + g₄/ν⁴` with
/// `g₁ = (z³ + z)/4`, `g₂ = (5z⁵ + 16z³ + 3z)/96`, `g₃ = (3z⁷ + 19z⁵ + 17z³ - 15z)/384`,
/// `g₄ = (79z⁹ + 776z⁷ + 1482z⁵ - 1920z³ - 945z)/92160`.
fn cornish_fisher(z: f64, nu: f64) -> f64 {
    let z2 = z * z;
    let g1 = z * (z2 + 1.0) / 4.0;
    let g2 = z * ((5.0 * z2 + 16.0) * z2 + 3.0) / 96.0;
    let g3 = z * (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) / 384.0;
    let g4 = z * ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) / 92160.0;
    z + (g1 + (g2 + (g3 + g4 / nu) / nu) / nu) / nu
}

/// Beyond this |t| every tail probability at `ν ≥ ASYMPTOTIC_DF` is below 1e-300.
const NEGLIGIBLE_TAIL_T: f64 = 40.0;

/// The `z` with `cornish_fisher(z, ν) = t`, so that `P(T > t) = P(Z > z)`; Newton's method
/// with the leading term of the derivative, `1 + (3z² + 1)/(4ν)`.
fn equivalent_normal_deviate(t: f64, nu: f64) -> f64 {
    if t.abs() > NEGLIGIBLE_TAIL_T {
        return t;
    }
    let mut z = t;
    for _ in 0..20 {
        let step = (cornish_fisher(z, nu) - t) / (1.0 + (3.0 * z * z + 1.0) / (4.0 * nu));
        z -= step;
        if step.abs() <= 1e-16 * (1.0 + z.abs()) {
            break;
        }
    }
    z
}
