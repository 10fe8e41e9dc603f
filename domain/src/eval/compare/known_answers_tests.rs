//! Known answers computed independently with scipy by `known_answers.py` (in this directory):
//! each constant below is its output under the same name. Closed-form quantities must agree to
//! 1e-9 relative, quantities involving a distribution's quantile or tail to 1e-6.

use super::analysis::compare_runs;
use super::mcnemar::mcnemar_exact;
use super::metrics::difference;
use super::paired_t::paired_t;
use super::report::Verdict;
use super::test_fixtures::{lcg, result, run};
use super::wilcoxon::signed_rank;
use crate::eval::metric::{MetricName, MetricSpec};

const EXACT: f64 = 1e-9;
const QUANTILE: f64 = 1e-6;

#[track_caller]
fn assert_close(actual: f64, expected: f64, relative: f64) {
    let scale = expected.abs().max(1e-300);
    assert!(
        (actual - expected).abs() / scale <= relative,
        "{actual} differs from {expected} by more than {relative} relative"
    );
}

// McNemar's exact test: binomtest(min(b, c), b + c, 0.5), two-sided.
const MCNEMAR_5_1: f64 = 0.21875;
const MCNEMAR_1_5: f64 = 0.21875;
const MCNEMAR_3_3: f64 = 1.0;
const MCNEMAR_12_4: f64 = 0.076812744140625;
const MCNEMAR_0_7: f64 = 0.015625;
const MCNEMAR_40_25: f64 = 0.08168153394154003;
const MCNEMAR_480_560: f64 = 0.014259079095385853;
const MCNEMAR_5000_5200: f64 = 0.04878796312682234;
const MCNEMAR_2_0: f64 = 0.5;
// A: 30 continuous scores (seed 1 base, seed 2 candidate).
const A_MEAN_CHANGE: f64 = -0.013188703653092186;
const A_T: f64 = -0.18058310235637484;
const A_T_P: f64 = 0.8579508970703467;
const A_CI95_LOWER: f64 = -0.16255997538689945;
const A_CI95_UPPER: f64 = 0.13618256808071508;
const A_CI90_LOWER: f64 = -0.1372827220274471;
const A_CI90_UPPER: f64 = 0.11090531472126272;
const A_W: f64 = 221.0;
const A_W_P: f64 = 0.8210056365628308;
const A_W_N: f64 = 30.0;
// B: 200 pass/fail scores, many ties and zeros: 1 when the draw is below 0.6 / 0.7.
const B_MEAN_CHANGE: f64 = 0.12;
const B_T: f64 = 2.5359179231092743;
const B_T_P: f64 = 0.011983456380018506;
const B_CI95_LOWER: f64 = 0.026686733370268598;
const B_CI95_UPPER: f64 = 0.21331326662973138;
const B_CI90_LOWER: f64 = 0.04180125084772214;
const B_CI90_UPPER: f64 = 0.19819874915227786;
const B_W: f64 = 1581.0;
const B_W_P: f64 = 0.012421754035900833;
const B_W_N: f64 = 92.0;
const B_MCNEMAR_B: f64 = 34.0;
const B_MCNEMAR_C: f64 = 58.0;
const B_MCNEMAR_P: f64 = 0.01602027478889998;
const B_BASE_PASS_RATE: f64 = 0.6;
const B_CANDIDATE_PASS_RATE: f64 = 0.72;
// C: 60 judge scores in tenths, floor(11 u) / 10; differences rounded to 12 decimals.
const C_MEAN_CHANGE: f64 = 0.07166666666666667;
const C_T: f64 = 1.2583840847334091;
const C_T_P: f64 = 0.2132099115354198;
const C_CI95_LOWER: f64 = -0.042292712272374036;
const C_CI95_UPPER: f64 = 0.1856260456057074;
const C_CI90_LOWER: f64 = -0.023504329815024247;
const C_CI90_UPPER: f64 = 0.16683766314835757;
const C_W: f64 = 622.5;
const C_W_P: f64 = 0.3019570134534396;
const C_W_N: f64 = 54.0;
// D: 50 latencies in ms: base 200 + floor(600 u), candidate base + floor(100 v) - 60.
const D_MEAN_CHANGE: f64 = -14.58;
const D_T: f64 = -3.213753268167732;
const D_T_P: f64 = 0.0023187824816204125;
const D_CI95_LOWER: f64 = -23.696943496427462;
const D_CI95_UPPER: f64 = -5.463056503572538;
const D_CI90_LOWER: f64 = -22.18609479777834;
const D_CI90_UPPER: f64 = -6.97390520222166;
const D_W: f64 = 300.0;
const D_W_P: f64 = 0.0019082585655106363;
const D_W_N: f64 = 49.0;
// E: 12 scores where the candidate adds a small shift: base u, candidate u + (v - 0.3) / 4.
const E_MEAN_CHANGE: f64 = 0.01675820572030111;
const E_T: f64 = 0.8419381601914175;
const E_T_P: f64 = 0.41775143618698873;
const E_CI95_LOWER: f64 = -0.02705090502455422;
const E_CI95_UPPER: f64 = 0.06056731646515644;
const E_CI90_LOWER: f64 = -0.018987658601807345;
const E_CI90_UPPER: f64 = 0.05250407004240956;
const E_W: f64 = 27.0;
const E_W_P: f64 = 0.36698557185492453;
const E_W_N: f64 = 12.0;

/// The data sets of known_answers.py as (base, candidate) scores.
fn data_a() -> (Vec<f64>, Vec<f64>) {
    (lcg(1, 30), lcg(2, 30))
}

fn data_b() -> (Vec<f64>, Vec<f64>) {
    let bits = |seed, below| {
        lcg(seed, 200)
            .into_iter()
            .map(|u| if u < below { 1.0 } else { 0.0 })
            .collect()
    };
    (bits(3, 0.6), bits(4, 0.7))
}

fn data_c() -> (Vec<f64>, Vec<f64>) {
    let tenths = |seed| {
        lcg(seed, 60)
            .into_iter()
            .map(|u| (11.0 * u).floor() / 10.0)
            .collect()
    };
    (tenths(5), tenths(6))
}

fn data_d() -> (Vec<f64>, Vec<f64>) {
    let base: Vec<f64> = lcg(7, 50)
        .into_iter()
        .map(|u| 200.0 + (600.0 * u).floor())
        .collect();
    let candidate = base
        .iter()
        .zip(lcg(8, 50))
        .map(|(x, v)| x + (100.0 * v).floor() - 60.0)
        .collect();
    (base, candidate)
}

fn data_e() -> (Vec<f64>, Vec<f64>) {
    let base = lcg(9, 12);
    let candidate = base
        .iter()
        .zip(lcg(10, 12))
        .map(|(x, v)| x + (v - 0.3) / 4.0)
        .collect();
    (base, candidate)
}

fn differences((base, candidate): &(Vec<f64>, Vec<f64>)) -> Vec<f64> {
    base.iter()
        .zip(candidate)
        .map(|(b, c)| difference(*b, *c))
        .collect()
}

struct Expected {
    mean_change: f64,
    t: f64,
    t_p: f64,
    ci95: (f64, f64),
    ci90: (f64, f64),
    w: f64,
    w_p: f64,
    w_n: f64,
}

#[track_caller]
fn check_paired(data: (Vec<f64>, Vec<f64>), expected: Expected) {
    let d = differences(&data);
    let t95 = paired_t(&d, 0.95);
    assert_close(t95.mean.unwrap(), expected.mean_change, EXACT);
    assert_close(t95.t.unwrap(), expected.t, EXACT);
    assert_close(t95.p_value.unwrap(), expected.t_p, QUANTILE);
    let ci95 = t95.ci.unwrap();
    assert_close(ci95.lower, expected.ci95.0, QUANTILE);
    assert_close(ci95.upper, expected.ci95.1, QUANTILE);
    let ci90 = paired_t(&d, 0.90).ci.unwrap();
    assert_close(ci90.lower, expected.ci90.0, QUANTILE);
    assert_close(ci90.upper, expected.ci90.1, QUANTILE);
    let rank = signed_rank(&d);
    assert_eq!(rank.n as f64, expected.w_n);
    assert_eq!(rank.statistic.unwrap(), expected.w);
    assert_close(rank.p_value.unwrap(), expected.w_p, QUANTILE);
}

#[test]
fn mcnemar_matches_the_exact_binomial_test() {
    let cases = [
        (5, 1, MCNEMAR_5_1),
        (1, 5, MCNEMAR_1_5),
        (3, 3, MCNEMAR_3_3),
        (12, 4, MCNEMAR_12_4),
        (0, 7, MCNEMAR_0_7),
        (40, 25, MCNEMAR_40_25),
        (480, 560, MCNEMAR_480_560),
        (5000, 5200, MCNEMAR_5000_5200),
        (2, 0, MCNEMAR_2_0),
    ];
    for (b, c, expected) in cases {
        let test = mcnemar_exact(b, c, 0.05);
        assert_close(test.p_value, expected, EXACT);
        assert_eq!((test.b, test.c), (b, c));
    }
    assert_eq!(mcnemar_exact(0, 0, 0.05).p_value, 1.0);
}

#[test]
fn mcnemar_verdicts_point_at_the_larger_side() {
    assert_eq!(
        mcnemar_exact(0, 7, 0.05).verdict,
        Verdict::SignificantImprovement
    );
    assert_eq!(
        mcnemar_exact(7, 0, 0.05).verdict,
        Verdict::SignificantRegression
    );
    assert_eq!(
        mcnemar_exact(480, 560, 0.05).verdict,
        Verdict::SignificantImprovement
    );
    assert_eq!(
        mcnemar_exact(40, 25, 0.05).verdict,
        Verdict::NoSignificantChange
    );
    assert!(!mcnemar_exact(5, 1, 0.05).significant);
    // Significant at 10%, not at 5%.
    assert!(mcnemar_exact(12, 4, 0.10).significant);
    assert!(!mcnemar_exact(12, 4, 0.05).significant);
}

#[test]
fn continuous_scores_match_scipy() {
    check_paired(
        data_a(),
        Expected {
            mean_change: A_MEAN_CHANGE,
            t: A_T,
            t_p: A_T_P,
            ci95: (A_CI95_LOWER, A_CI95_UPPER),
            ci90: (A_CI90_LOWER, A_CI90_UPPER),
            w: A_W,
            w_p: A_W_P,
            w_n: A_W_N,
        },
    );
}

#[test]
fn pass_fail_scores_with_ties_and_zeros_match_scipy() {
    check_paired(
        data_b(),
        Expected {
            mean_change: B_MEAN_CHANGE,
            t: B_T,
            t_p: B_T_P,
            ci95: (B_CI95_LOWER, B_CI95_UPPER),
            ci90: (B_CI90_LOWER, B_CI90_UPPER),
            w: B_W,
            w_p: B_W_P,
            w_n: B_W_N,
        },
    );
}

#[test]
fn judge_scores_in_tenths_tie_despite_rounding_noise() {
    check_paired(
        data_c(),
        Expected {
            mean_change: C_MEAN_CHANGE,
            t: C_T,
            t_p: C_T_P,
            ci95: (C_CI95_LOWER, C_CI95_UPPER),
            ci90: (C_CI90_LOWER, C_CI90_UPPER),
            w: C_W,
            w_p: C_W_P,
            w_n: C_W_N,
        },
    );
}

#[test]
fn latencies_match_scipy() {
    check_paired(
        data_d(),
        Expected {
            mean_change: D_MEAN_CHANGE,
            t: D_T,
            t_p: D_T_P,
            ci95: (D_CI95_LOWER, D_CI95_UPPER),
            ci90: (D_CI90_LOWER, D_CI90_UPPER),
            w: D_W,
            w_p: D_W_P,
            w_n: D_W_N,
        },
    );
}

#[test]
fn a_small_sample_matches_scipy() {
    check_paired(
        data_e(),
        Expected {
            mean_change: E_MEAN_CHANGE,
            t: E_T,
            t_p: E_T_P,
            ci95: (E_CI95_LOWER, E_CI95_UPPER),
            ci90: (E_CI90_LOWER, E_CI90_UPPER),
            w: E_W,
            w_p: E_W_P,
            w_n: E_W_N,
        },
    );
}

/// Data set B as exact_match scores deciding pass and fail, and data set D as the latencies of
/// its first 50 samples, through compare_runs.
#[test]
fn compare_runs_reports_the_same_figures() {
    let (b_base, b_candidate) = data_b();
    let (d_base, d_candidate) = data_d();
    let metrics = vec![
        MetricSpec::new(MetricName::ExactMatch).with_threshold(1.0),
        MetricSpec::new(MetricName::Latency),
    ];
    let results = |exact: &[f64], latency: &[f64]| -> Vec<_> {
        (0..200)
            .map(|i| {
                let latency = latency.get(i).copied();
                result(
                    i,
                    exact[i] == 1.0,
                    &[("exact_match", Some(exact[i])), ("latency", latency)],
                )
            })
            .collect()
    };
    let comparison = compare_runs(
        &run(1, metrics.clone()),
        &results(&b_base, &d_base),
        &run(2, metrics),
        &results(&b_candidate, &d_candidate),
        0.95,
    )
    .unwrap();
    assert_eq!(comparison.paired, 200);
    assert_close(comparison.base_pass_rate.unwrap(), B_BASE_PASS_RATE, EXACT);
    assert_close(
        comparison.candidate_pass_rate.unwrap(),
        B_CANDIDATE_PASS_RATE,
        EXACT,
    );
    assert_close(
        comparison.pass_rate_change.unwrap(),
        B_CANDIDATE_PASS_RATE - B_BASE_PASS_RATE,
        EXACT,
    );
    assert_eq!(comparison.mcnemar.b as f64, B_MCNEMAR_B);
    assert_eq!(comparison.mcnemar.c as f64, B_MCNEMAR_C);
    assert_close(comparison.mcnemar.p_value, B_MCNEMAR_P, EXACT);
    assert_eq!(comparison.mcnemar.verdict, Verdict::SignificantImprovement);
    assert_eq!(comparison.regressions.len() as f64, B_MCNEMAR_B);
    assert_eq!(comparison.improvements.len() as f64, B_MCNEMAR_C);

    let exact = &comparison.metrics[0];
    assert_eq!((exact.metric.as_str(), exact.n), ("exact_match", 200));
    assert_close(exact.mean_change.unwrap(), B_MEAN_CHANGE, EXACT);
    assert_close(exact.t_p_value.unwrap(), B_T_P, QUANTILE);
    assert_close(exact.wilcoxon_p_value.unwrap(), B_W_P, QUANTILE);
    assert_eq!(exact.p_value, exact.wilcoxon_p_value);
    assert_eq!(exact.verdict, Verdict::SignificantImprovement);

    // Latency went down, which is better.
    let latency = &comparison.metrics[1];
    assert_eq!((latency.metric.as_str(), latency.n), ("latency", 50));
    assert_close(latency.mean_change.unwrap(), D_MEAN_CHANGE, EXACT);
    let ci = latency.ci.unwrap();
    assert_close(ci.lower, D_CI95_LOWER, QUANTILE);
    assert_close(ci.upper, D_CI95_UPPER, QUANTILE);
    assert_close(latency.wilcoxon_p_value.unwrap(), D_W_P, QUANTILE);
    assert_eq!(latency.verdict, Verdict::SignificantImprovement);
    assert_eq!(comparison.verdict, Verdict::SignificantImprovement);
    assert_eq!(comparison.scatter[1].points.len(), 50);
    assert_eq!(comparison.scatter[1].points[0], (d_base[0], d_candidate[0]));
}
