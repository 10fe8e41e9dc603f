//! Axis ranges that plotters can always draw: finite, ordered and wider than zero.
//!
//! plotters asserts on NaN bounds and its tick search misbehaves on infinite or zero-width
//! ranges, so every chart builds its ranges here from the finite values only.

/// Values beyond this are drawn at this value, keeping spans (and tick arithmetic) finite.
const LIMIT: f64 = 1e12;

/// A finite value, clamped into the drawable range; `None` for NaN and infinities.
pub(crate) fn finite(value: f64) -> Option<f64> {
    value.is_finite().then(|| value.clamp(-LIMIT, LIMIT))
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bounds {
    pub lo: f64,
    pub hi: f64,
}

impl Bounds {
    pub(crate) const UNIT: Bounds = Bounds { lo: 0.0, hi: 1.0 };

    /// The smallest range holding every finite value, or `None` without one.
    pub(crate) fn of(values: impl IntoIterator<Item = f64>) -> Option<Bounds> {
        values
            .into_iter()
            .filter_map(finite)
            .fold(None, |bounds: Option<Bounds>, v| {
                Some(match bounds {
                    None => Bounds { lo: v, hi: v },
                    Some(b) => Bounds {
                        lo: b.lo.min(v),
                        hi: b.hi.max(v),
                    },
                })
            })
    }

    /// The range grown to hold `value` when it is finite.
    pub(crate) fn include(self, value: f64) -> Bounds {
        match finite(value) {
            Some(v) => Bounds {
                lo: self.lo.min(v),
                hi: self.hi.max(v),
            },
            None => self,
        }
    }

    /// The range grown by `fraction` of its width on each side.
    pub(crate) fn padded(self, fraction: f64) -> Bounds {
        let pad = (self.hi - self.lo) * fraction;
        Bounds {
            lo: self.lo - pad,
            hi: self.hi + pad,
        }
    }

    /// The range itself when it has a usable width; otherwise a range centred on it (a single
    /// value, or all values equal, still gets an axis with ticks around it).
    pub(crate) fn widened(self) -> Bounds {
        let scale = self.lo.abs().max(self.hi.abs()).max(1.0);
        if self.hi - self.lo >= scale * 1e-9 {
            return self;
        }
        let mid = (self.lo + self.hi) / 2.0;
        let half = (mid.abs() * 0.1).max(0.5);
        Bounds {
            lo: mid - half,
            hi: mid + half,
        }
    }

    pub(crate) fn range(self) -> std::ops::Range<f64> {
        self.lo..self.hi
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_non_finite_values() {
        let bounds = Bounds::of([f64::NAN, 2.0, f64::INFINITY, -1.0]).unwrap();
        assert_eq!(bounds, Bounds { lo: -1.0, hi: 2.0 });
        assert_eq!(Bounds::of([f64::NAN]), None);
    }

    #[test]
    fn degenerate_ranges_get_a_width() {
        let one = Bounds::of([0.7]).unwrap().widened();
        assert!(one.lo < 0.7 && one.hi > 0.7);
        let zero = Bounds::of([0.0, 0.0]).unwrap().widened();
        assert_eq!(zero, Bounds { lo: -0.5, hi: 0.5 });
        let huge = Bounds::of([f64::MAX, f64::MAX]).unwrap().widened();
        assert!(huge.lo.is_finite() && huge.hi.is_finite() && huge.hi > huge.lo);
    }
}
