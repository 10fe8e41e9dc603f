//! Keeping a traffic split at 100% while one slider moves: the others share what is left in
//! proportion to what they had (equally when they had nothing), in steps of 0.1.

/// The split after variant `changed` is set to `value` (clamped to 0-100). The result sums to
/// exactly 100 in tenths, so the server's check passes whatever the rounding.
pub fn rebalance(splits: &[f64], changed: usize, value: f64) -> Vec<f64> {
    let tenths = |x: f64| (x * 10.0).round() as i64;
    let value = tenths(value.clamp(0.0, 100.0));
    let others: Vec<usize> = (0..splits.len()).filter(|&i| i != changed).collect();
    let mut result = vec![0i64; splits.len()];
    result[changed] = value;
    if others.is_empty() {
        result[changed] = 1000;
        return result.into_iter().map(|t| t as f64 / 10.0).collect();
    }
    let remaining = 1000 - value;
    let weights: Vec<f64> = others.iter().map(|&i| splits[i].max(0.0)).collect();
    let total: f64 = weights.iter().sum();
    let mut given = 0;
    for (k, &i) in others.iter().enumerate() {
        let share = if total > 0.0 {
            weights[k] / total
        } else {
            1.0 / others.len() as f64
        };
        result[i] = (remaining as f64 * share).floor() as i64;
        given += result[i];
    }
    // Tenths lost to rounding down go to the largest other shares first.
    let mut order = others.clone();
    order.sort_by(|&a, &b| splits[b].total_cmp(&splits[a]));
    for &i in order.iter().cycle().take((remaining - given) as usize) {
        result[i] += 1;
    }
    result.into_iter().map(|t| t as f64 / 10.0).collect()
}

/// An even split of 100 over `n` variants in tenths, the remainder on the first ones.
pub fn even(n: usize) -> Vec<f64> {
    if n == 0 {
        return Vec::new();
    }
    let base = 1000 / n as i64;
    let extra = 1000 - base * n as i64;
    (0..n as i64)
        .map(|i| (base + i64::from(i < extra)) as f64 / 10.0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(splits: &[f64]) -> i64 {
        splits.iter().map(|s| (s * 10.0).round() as i64).sum()
    }

    #[test]
    fn the_others_share_the_rest_in_proportion() {
        assert_eq!(rebalance(&[50.0, 50.0], 0, 70.0), [70.0, 30.0]);
        assert_eq!(rebalance(&[50.0, 30.0, 20.0], 0, 60.0), [60.0, 24.0, 16.0]);
    }

    #[test]
    fn every_split_sums_to_exactly_100() {
        for value in [0.0, 0.1, 33.3, 49.9, 66.7, 99.9, 100.0, 150.0, -5.0] {
            for splits in [
                vec![50.0, 50.0],
                vec![33.4, 33.3, 33.3],
                vec![0.0, 0.0, 100.0],
                vec![25.0; 4],
            ] {
                for changed in 0..splits.len() {
                    let result = rebalance(&splits, changed, value);
                    assert_eq!(
                        sum(&result),
                        1000,
                        "{splits:?} {changed} {value} -> {result:?}"
                    );
                    assert!(result.iter().all(|s| (0.0..=100.0).contains(s)));
                }
            }
        }
    }

    #[test]
    fn others_with_nothing_share_equally() {
        assert_eq!(rebalance(&[100.0, 0.0, 0.0], 0, 40.0), [40.0, 30.0, 30.0]);
    }

    #[test]
    fn even_splits_fill_100_in_tenths() {
        assert_eq!(even(2), [50.0, 50.0]);
        assert_eq!(even(3), [33.4, 33.3, 33.3]);
        assert_eq!(sum(&even(7)), 1000);
    }
}
