//! Relative lift `(m_t - m_c) / m_c` and its standard error by the delta method.

use super::welch::Moments;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RelativeLift {
    /// `r = (m_t - m_c) / m_c`.
    pub estimate: f64,
    /// `se_r = sqrt( v_t / (n_t m_c²) + m_t² v_c / (n_c m_c⁴) )`, the first-order (delta-method)
    /// standard error of `m_t / m_c`.
    pub std_error: f64,
}

/// `None` when the control mean is 0 (no relative change is defined) or a result is not finite.
pub fn relative_lift(treatment: &Moments, control: &Moments) -> Option<RelativeLift> {
    let m_c = control.mean;
    if m_c == 0.0 {
        return None;
    }
    let m_t = treatment.mean;
    let estimate = (m_t - m_c) / m_c;
    let m_c2 = m_c * m_c;
    let variance = treatment.variance / (treatment.n * m_c2)
        + m_t * m_t * control.variance / (control.n * m_c2 * m_c2);
    let std_error = variance.sqrt();
    (estimate.is_finite() && std_error.is_finite()).then_some(RelativeLift {
        estimate,
        std_error,
    })
}
