//! CompareRuns: whether a candidate run is better or worse than a base run of the same dataset.
//!
//! Samples are paired by `sample_id`; samples in one run only are counted, listed (the first
//! 100 ids of each side) and left out of every figure. Over the `n` paired samples:
//!
//! - **Pass rates**: `base_pass_rate` and `candidate_pass_rate` are the passed paired samples
//!   ÷ `n`; `pass_rate_change = candidate_pass_rate − base_pass_rate`. An errored sample counts
//!   as failed.
//! - **Pass/fail significance: McNemar's exact test.** The 2×2 transitions count the pairs
//!   pass→pass, pass→fail (`b`, regressions), fail→pass (`c`, improvements) and fail→fail.
//!   `p = min(1, 2 · P(X ≤ min(b, c)))` with `X ~ Binomial(b + c, ½)`, and `p = 1` when
//!   `b + c = 0`. Significant when `p < α = 1 − confidence_level`; a regression when `b > c`.
//! - **Per metric** (every metric key in both runs' metric lists), over the pairs where both
//!   runs have a value, with `dᵢ = candidateᵢ − baseᵢ`:
//!   - `base_mean`, `candidate_mean` and `mean_change = d̄ = candidate_mean − base_mean`;
//!   - the paired t-test, `t = d̄ / (s_d/√n)` on `n − 1` degrees of freedom, two-sided
//!     (`t_p_value`), and the interval `d̄ ± t_{n−1, 1−α/2} · s_d/√n` (`ci`);
//!   - the Wilcoxon signed-rank test (`wilcoxon_p_value`): zero differences dropped, ranks of
//!     `|dᵢ|` with ties averaged, `W⁺` against its null mean `n'(n'+1)/4` and variance
//!     `n'(n'+1)(2n'+1)/24 − Σ(t³ − t)/48` (n' non-zero differences, t the size of each group
//!     of ties), with a continuity correction of ½, normal approximation at every n'.
//!
//!   **The verdict uses the Wilcoxon test** (`p_value` repeats its p-value): scores such as
//!   exact_match are bounded and discrete and latency is skewed, where a test on ranks keeps
//!   its error rate and the t-test's normality assumption does not hold. The t-test and its
//!   interval are reported to size the change. A metric is a `significant_regression` or a
//!   `significant_improvement` when `p < α`, on the side where the larger differences lie
//!   (`W⁺ > W⁻`: the candidate scores higher), read in the metric's direction: higher is
//!   better for scores, lower for latency and tokens. Differences within 1e-12 of the scores'
//!   magnitude count as zero, and absolute differences that close count as ties.
//! - **Overall verdict**: a `significant_regression` when McNemar's test or any metric says
//!   so, else a `significant_improvement` when one of them says so, else
//!   `no_significant_change`. Each test is at level `α` with no correction for testing several
//!   metrics: the overall verdict is a regression alarm and errs on the side of raising it.
//! - **Regressions and improvements**: every pair that went pass→fail or fail→pass, with the
//!   input and expected output (the candidate's), both outputs, errors and scores.
//! - **Warnings and notes**: see [`fairness`].
//!
//! The known answers of the tests were computed independently with scipy
//! (`known_answers.py` in this directory).

pub mod analysis;
pub mod error;
pub mod fairness;
pub mod mcnemar;
pub mod metrics;
pub mod paired_t;
pub mod pairing;
pub mod report;
pub mod samples;
pub mod side_means;
pub mod wilcoxon;

pub use analysis::compare_runs;
pub use error::{CompareError, Side};
pub use report::{
    DEFAULT_CONFIDENCE_LEVEL, McNemar, MetricChange, MetricPairs, Notice, RunComparison,
    SampleChange, Significance, Transitions, Unpaired, Verdict,
};

#[cfg(test)]
#[path = "known_answers_tests.rs"]
mod known_answers_tests;

#[cfg(test)]
#[path = "fairness_tests.rs"]
mod fairness_tests;

#[cfg(test)]
#[path = "test_fixtures.rs"]
mod test_fixtures;
