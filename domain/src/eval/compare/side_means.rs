//! Each run's mean of one metric over the paired samples, with its t interval: what the
//! comparison page draws side by side.

use super::paired_t::paired_t;
use super::report::MetricPairs;
use crate::experiment::stats::Interval;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SideMean {
    pub mean: Option<f64>,
    /// `x̄ ± t_{n−1, 1−α/2} · s/√n`; needs two values.
    pub ci: Option<Interval>,
}

/// `(base, candidate)` means over the pairs where both runs have a value.
pub fn side_means(pairs: &MetricPairs, confidence_level: f64) -> (SideMean, SideMean) {
    let side = |pick: fn(&(f64, f64)) -> f64| {
        let values: Vec<f64> = pairs.points.iter().map(pick).collect();
        // A one-sample t interval is the paired one against zero differences.
        let t = paired_t(&values, confidence_level);
        SideMean {
            mean: t.mean,
            ci: t.ci,
        }
    };
    (side(|p| p.0), side(|p| p.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_side_gets_its_own_mean_and_t_interval() {
        let pairs = MetricPairs {
            metric: "m".into(),
            points: vec![(1.0, 2.0), (2.0, 2.0), (3.0, 2.0)],
        };
        let (base, candidate) = side_means(&pairs, 0.95);
        assert_eq!(base.mean, Some(2.0));
        // s = 1, n = 3, t(0.975, 2) = 4.302652729911275 (scipy.stats.t.ppf).
        let ci = base.ci.unwrap();
        let half = 4.302_652_729_911_275 / 3f64.sqrt();
        assert!((ci.lower - (2.0 - half)).abs() < 1e-9, "{ci:?}");
        assert!((ci.upper - (2.0 + half)).abs() < 1e-9, "{ci:?}");
        assert_eq!(candidate.mean, Some(2.0));
        let flat = candidate.ci.unwrap();
        assert_eq!((flat.lower, flat.upper), (2.0, 2.0));
    }

    #[test]
    fn without_pairs_nothing_is_drawn() {
        let empty = MetricPairs {
            metric: "m".into(),
            points: vec![],
        };
        let (base, candidate) = side_means(&empty, 0.95);
        assert_eq!((base.mean, candidate.mean), (None, None));
    }
}
