//! The few distribution functions the analysis needs, on top of statrs.

use statrs::distribution::{ChiSquared, ContinuousCDF, Normal, StudentsT};

/// Standard normal CDF `Φ(x)`.
pub fn normal_cdf(x: f64) -> f64 {
    standard_normal().cdf(x)
}

/// Standard normal quantile `Φ⁻¹(p)`, `0 < p < 1`.
pub fn normal_quantile(p: f64) -> f64 {
    standard_normal().inverse_cdf(p)
}

/// Upper tail `P(T > t)` of Student's t with `df` degrees of freedom (`df > 0`).
pub fn student_t_sf(t: f64, df: f64) -> f64 {
    match student_t(df) {
        Some(dist) => dist.sf(t),
        None => standard_normal().sf(t),
    }
}

/// Quantile of Student's t with `df` degrees of freedom, `0 < p < 1`.
///
/// statrs inverts the incomplete beta function; its answer is polished with Newton steps on the
/// CDF so that it agrees with scipy's `t.ppf` to about 1e-12.
pub fn student_t_quantile(p: f64, df: f64) -> f64 {
    let Some(dist) = student_t(df) else {
        return normal_quantile(p);
    };
    use statrs::distribution::Continuous;
    let mut t = dist.inverse_cdf(p);
    for _ in 0..3 {
        let density = dist.pdf(t);
        if !(density > 0.0) {
            break;
        }
        let step = (dist.cdf(t) - p) / density;
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

/// Above this many degrees of freedom Student's t is the normal to within 1e-9 at the
/// quantiles used here, and the incomplete beta function gets slow and imprecise.
const NORMAL_DF: f64 = 1e9;

fn student_t(df: f64) -> Option<StudentsT> {
    if df.is_finite() && df < NORMAL_DF {
        StudentsT::new(0.0, 1.0, df).ok()
    } else {
        None
    }
}
