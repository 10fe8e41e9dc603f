//! Intervals, and the rule that no undefined number reaches the output.

use serde::{Deserialize, Serialize};

/// A two-sided interval `[lower, upper]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub lower: f64,
    pub upper: f64,
}

impl Interval {
    /// `center ± half_width`; `None` unless both ends are finite.
    pub fn around(center: f64, half_width: f64) -> Option<Interval> {
        let interval = Interval {
            lower: center - half_width,
            upper: center + half_width,
        };
        (interval.lower.is_finite() && interval.upper.is_finite()).then_some(interval)
    }

    /// Whether the interval lies entirely above or entirely below `value`.
    pub fn excludes(&self, value: f64) -> bool {
        value < self.lower || value > self.upper
    }

    pub fn width(&self) -> f64 {
        self.upper - self.lower
    }
}

/// `Some(x)` when `x` is finite: results use `None` for undefined numbers, never NaN or ±∞.
pub fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}
