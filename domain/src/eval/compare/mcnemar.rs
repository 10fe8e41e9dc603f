//! McNemar's exact test: did more paired samples go from pass to fail than from fail to pass?

use statrs::function::gamma::ln_gamma;

use super::report::{McNemar, Verdict};
use crate::eval::metric::Direction;

/// McNemar's exact test on `b` regressions (pass → fail) and `c` improvements (fail → pass).
///
/// Under the null hypothesis each of the `b + c` discordant pairs is a regression or an
/// improvement with probability ½, so the two-sided p-value is
/// `p = min(1, 2 · P(X ≤ min(b, c)))` with `X ~ Binomial(b + c, ½)`, and `p = 1` when
/// `b + c = 0` (scipy's `binomtest(min(b, c), b + c, 0.5)`). The concordant pairs do not enter.
pub fn mcnemar_exact(b: u64, c: u64, alpha: f64) -> McNemar {
    let p_value = if b + c == 0 {
        1.0
    } else {
        (2.0 * binomial_half_cdf(b.min(c), b + c)).min(1.0)
    };
    let significant = p_value < alpha;
    McNemar {
        b,
        c,
        p_value,
        significant,
        verdict: Verdict::decide(
            Some(p_value),
            alpha,
            c as f64 - b as f64,
            Direction::AtLeast,
        ),
    }
}

/// `P(X ≤ k)` for `X ~ Binomial(n, ½)` and `k ≤ n/2`: the largest term
/// `C(n, k) / 2ⁿ = exp(ln Γ(n+1) − ln Γ(k+1) − ln Γ(n−k+1) − n ln 2)`, then the smaller ones by
/// `C(n, i−1) = C(n, i) · i / (n − i + 1)`, summed until they no longer change the total.
fn binomial_half_cdf(k: u64, n: u64) -> f64 {
    let (k_f, n_f) = (k as f64, n as f64);
    let mut term = (ln_gamma(n_f + 1.0)
        - ln_gamma(k_f + 1.0)
        - ln_gamma(n_f - k_f + 1.0)
        - n_f * std::f64::consts::LN_2)
        .exp();
    let mut total = term;
    let mut i = k_f;
    while i > 0.0 && term > total * 1e-17 {
        term *= i / (n_f - i + 1.0);
        total += term;
        i -= 1.0;
    }
    total
}
