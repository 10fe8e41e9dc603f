//! Holm's step-down correction for testing several treatments against one control.

/// Holm–Bonferroni adjusted p-values, in the input order. With the `m` p-values sorted
/// ascending, `p_(1) ≤ … ≤ p_(m)`:
///
/// `adj_(k) = min(1, max_{j ≤ k} (m - j + 1) · p_(j))`
///
/// so the adjusted values are monotone in the raw ones and capped at 1. Rejecting where
/// `adj < α` controls the family-wise error rate at `α`. Ties keep their input order.
pub fn holm(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|a, b| p[*a].total_cmp(&p[*b]));
    let mut adjusted = vec![0.0; m];
    let mut running_max: f64 = 0.0;
    for (rank, index) in order.into_iter().enumerate() {
        let scaled = ((m - rank) as f64 * p[index]).min(1.0);
        running_max = running_max.max(scaled);
        adjusted[index] = running_max;
    }
    adjusted
}
