//! Running sufficient statistics of one (variant, metric): everything the analysis needs, in
//! constant space, whatever the number of recorded values.
//!
//! Kept as count, mean and M2 (the sum of squared deviations from the mean) rather than sums of
//! values and squares: with values near 1e9 the naive `(Σx² - (Σx)²/n) / (n-1)` cancels to
//! garbage, while these updates stay accurate.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricStats {
    /// Number of values.
    pub count: u64,
    /// Their mean; 0 when `count` is 0.
    pub mean: f64,
    /// Sum of squared deviations from the mean, `Σ (x_i - mean)²`.
    pub m2: f64,
}

impl MetricStats {
    pub fn new() -> Self {
        Self::default()
    }

    /// Statistics of `values`, added one by one.
    pub fn from_values(values: impl IntoIterator<Item = f64>) -> Self {
        let mut stats = Self::new();
        for value in values {
            stats.add(value);
        }
        stats
    }

    /// Welford's update: `n += 1; δ = x - mean; mean += δ / n; m2 += δ · (x - mean)`.
    ///
    /// `x` must be finite (see `MetricKind::check_value`); a non-finite value is ignored so that
    /// one bad write cannot poison the statistics for good.
    pub fn add(&mut self, x: f64) {
        if !x.is_finite() {
            return;
        }
        self.count += 1;
        let delta = x - self.mean;
        self.mean += delta / self.count as f64;
        self.m2 += delta * (x - self.mean);
    }

    /// Chan et al.'s parallel combination, as if every value of `other` had been added:
    /// `n = n_a + n_b; δ = mean_b - mean_a; mean = mean_a + δ · n_b / n;
    /// m2 = m2_a + m2_b + δ² · n_a · n_b / n`.
    pub fn merge(&mut self, other: &MetricStats) {
        if other.count == 0 {
            return;
        }
        if self.count == 0 {
            *self = *other;
            return;
        }
        let (n_a, n_b) = (self.count as f64, other.count as f64);
        let n = n_a + n_b;
        let delta = other.mean - self.mean;
        self.mean += delta * (n_b / n);
        self.m2 += other.m2 + delta * delta * (n_a * n_b / n);
        self.count += other.count;
    }

    /// Sample variance `m2 / (n - 1)`; `None` below two values.
    pub fn variance(&self) -> Option<f64> {
        (self.count >= 2).then(|| (self.m2 / (self.count - 1) as f64).max(0.0))
    }

    /// `sqrt(variance)`; `None` below two values.
    pub fn std_dev(&self) -> Option<f64> {
        self.variance().map(f64::sqrt)
    }

    /// `mean · n`, the sum of the values.
    pub fn sum(&self) -> f64 {
        self.mean * self.count as f64
    }
}

#[cfg(test)]
#[path = "sufficient_tests.rs"]
mod tests;
