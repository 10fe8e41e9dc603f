//! Per-variant description of one metric: count, mean, standard deviation and the confidence
//! interval of the mean.

use serde::{Deserialize, Serialize};

use super::distributions::{normal_quantile, student_t_quantile};
use super::interval::{Interval, finite};
use crate::experiment::metric::MetricKind;
use crate::experiment::sufficient::MetricStats;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantSummary {
    pub variant_id: String,
    pub count: u64,
    /// `None` without values.
    pub mean: Option<f64>,
    /// `None` below two values.
    pub std_dev: Option<f64>,
    /// Confidence interval of the mean at the experiment's level; `None` below two values.
    pub ci: Option<Interval>,
}

/// Summarizes one variant's values of one metric at confidence level `L` (`α = 1 - L`):
///
/// - mean metric: `s = sqrt(m2 / (n-1))`, interval `mean ± t_{n-1, 1-α/2} · s / √n`
///   (Student's t interval);
/// - proportion metric: `p = mean`, `s = sqrt(p(1-p))`, interval `p ± z_{1-α/2} · s / √n`
///   (Wald interval), clipped to [0, 1].
pub fn summarize(
    variant_id: &str,
    stats: &MetricStats,
    kind: MetricKind,
    confidence_level: f64,
) -> VariantSummary {
    let n = stats.count as f64;
    let mean = (stats.count >= 1).then_some(stats.mean).and_then(finite);
    let (std_dev, ci) = if stats.count >= 2 {
        let upper_tail = 1.0 - (1.0 - confidence_level) / 2.0;
        match kind {
            MetricKind::Mean => {
                let s = stats.std_dev().unwrap_or(0.0);
                let t = student_t_quantile(upper_tail, n - 1.0);
                (finite(s), Interval::around(stats.mean, t * s / n.sqrt()))
            }
            MetricKind::Proportion => {
                let p = stats.mean;
                let s = (p * (1.0 - p)).max(0.0).sqrt();
                let z = normal_quantile(upper_tail);
                let ci = Interval::around(p, z * s / n.sqrt()).map(|ci| Interval {
                    lower: ci.lower.max(0.0),
                    upper: ci.upper.min(1.0),
                });
                (finite(s), ci)
            }
        }
    } else {
        (None, None)
    };
    VariantSummary {
        variant_id: variant_id.to_owned(),
        count: stats.count,
        mean,
        std_dev,
        ci,
    }
}
