//! Welch's unequal-variance t-test for the difference of two means, with Satterthwaite's
//! degrees of freedom.

use super::distributions::student_t_sf;
use crate::experiment::metric::MetricKind;
use crate::experiment::sufficient::MetricStats;

/// What the tests need of one variant: its size, mean, and the variance of one value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moments {
    pub n: f64,
    pub mean: f64,
    /// Sample variance `m2 / (n-1)` for mean metrics; `p(1-p)` for proportion metrics.
    pub variance: f64,
}

impl Moments {
    /// `None` below two values: no inference is possible from fewer.
    pub fn of(stats: &MetricStats, kind: MetricKind) -> Option<Moments> {
        if stats.count < 2 {
            return None;
        }
        let variance = match kind {
            MetricKind::Mean => stats.variance()?,
            MetricKind::Proportion => (stats.mean * (1.0 - stats.mean)).max(0.0),
        };
        Some(Moments {
            n: stats.count as f64,
            mean: stats.mean,
            variance,
        })
    }

    /// Squared standard error of the mean, `variance / n`.
    pub fn squared_std_error(&self) -> f64 {
        self.variance / self.n
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WelchTest {
    /// `d = m_t - m_c`.
    pub difference: f64,
    /// `SE = sqrt(v_t/n_t + v_c/n_c)`.
    pub std_error: f64,
    /// `t = d / SE`.
    pub t_statistic: f64,
    /// `df = (v_t/n_t + v_c/n_c)² / ((v_t/n_t)²/(n_t-1) + (v_c/n_c)²/(n_c-1))`.
    pub degrees_of_freedom: f64,
    /// Two-sided `p = 2 · P(T_df > |t|)`.
    pub p_value: f64,
}

/// Welch's test of treatment against control, the same formulas for both metric kinds (for
/// proportions `v = p(1-p)`). `None` when the standard error is 0 (both variants constant) or
/// not finite: there is nothing to test.
pub fn welch_test(treatment: &Moments, control: &Moments) -> Option<WelchTest> {
    let a = treatment.squared_std_error();
    let b = control.squared_std_error();
    let std_error = (a + b).sqrt();
    if !(std_error.is_finite() && std_error > 0.0) {
        return None;
    }
    let difference = treatment.mean - control.mean;
    let t_statistic = difference / std_error;
    let degrees_of_freedom =
        (a + b) * (a + b) / (a * a / (treatment.n - 1.0) + b * b / (control.n - 1.0));
    let p_value = (2.0 * student_t_sf(t_statistic.abs(), degrees_of_freedom)).min(1.0);
    let test = WelchTest {
        difference,
        std_error,
        t_statistic,
        degrees_of_freedom,
        p_value,
    };
    [difference, t_statistic, degrees_of_freedom, p_value]
        .iter()
        .all(|x| x.is_finite())
        .then_some(test)
}
