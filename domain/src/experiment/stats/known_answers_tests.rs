//! Known answers computed independently with scipy by `known_answers.py` (in this directory):
//! each constant below is its output under the same name. Closed-form quantities must agree to
//! 1e-9 relative, quantities involving a distribution's quantile or tail to 1e-6.

use super::comparison::{ComparisonSettings, Outcome, compare};
use super::distributions::{student_t_quantile, student_t_sf};
use super::holm::holm;
use super::sequential::{always_valid_p_value, boundary_multiplier, tuning_sample_size};
use super::srm::sample_ratio_check;
use super::summary::summarize;
use super::welch::{Moments, welch_test};
use crate::experiment::metric::{Direction, MetricKind};
use crate::experiment::sufficient::MetricStats;

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

/// Statistics of `n` values with this mean and sample standard deviation.
fn described(n: u64, mean: f64, sd: f64) -> MetricStats {
    MetricStats {
        count: n,
        mean,
        m2: sd * sd * (n - 1) as f64,
    }
}

/// Statistics of `n` 0/1 values of which `ones` are 1.
fn conversions(n: u64, ones: u64) -> MetricStats {
    MetricStats::from_values((0..n).map(|i| if i < ones { 1.0 } else { 0.0 }))
}

fn settings(kind: MetricKind, direction: Direction, level: f64) -> ComparisonSettings {
    ComparisonSettings {
        kind,
        direction,
        confidence_level: level,
        sequential_tuning: None,
    }
}

// mean metric: control n=1000 mean 10 sd 2; treatment n=1100 mean 10.3 sd 2.5
const SCIPY_WELCH_T: f64 = 3.048897283918789;
const SCIPY_WELCH_P: f64 = 0.0023259825498920003;
const MEAN_DF: f64 = 2065.1163536647196;
const MEAN_SE: f64 = 0.09839623052646977;
const MEAN_CI_LOWER: f64 = 0.10703383561960003;
const MEAN_CI_UPPER: f64 = 0.4929661643804014;
const MEAN_REL: f64 = 0.030000000000000072;
const MEAN_REL_CI_LOWER: f64 = 0.010462134753493241;
const MEAN_REL_CI_UPPER: f64 = 0.0495378652465069;
const MEAN_CHANCE: f64 = 0.99885158501125;
const MEAN_CONTROL_CI_LOWER: f64 = 9.87589062871671;
const MEAN_CONTROL_CI_UPPER: f64 = 10.12410937128329;
// same data at 90% confidence, lower is better
const MEAN90_CI_LOWER: f64 = 0.13807996780519768;
const MEAN90_CI_UPPER: f64 = 0.4619200321948037;
const MEAN90_REL_CI_LOWER: f64 = 0.013605562250303946;
const MEAN90_REL_CI_UPPER: f64 = 0.0463944377496962;
const MEAN90_CHANCE: f64 = 0.001148414988749971;
// proportion metric: control 1000/10000, treatment 1100/10000
const PROP_T: f64 = 2.3069416499939575;
const PROP_DF: f64 = 19962.712558123232;
const PROP_P: f64 = 0.021068257468733906;
const PROP_SE: f64 = 0.004334743360338649;
const PROP_CI_LOWER: f64 = 0.0015035439810862725;
const PROP_CI_UPPER: f64 = 0.01849645601891372;
const PROP_REL: f64 = 0.09999999999999995;
const PROP_REL_CI_LOWER: f64 = 0.010864708144846927;
const PROP_REL_CI_UPPER: f64 = 0.189135291855153;
const PROP_CHANCE: f64 = 0.9894709633919611;
const PROP_CONTROL_CI_LOWER: f64 = 0.09412010804637984;
const PROP_CONTROL_CI_UPPER: f64 = 0.10587989195362017;
// small sample: 2.0, 4.0, 9.0
const SMALL_CI_LOWER: f64 = -3.9566858950295973;
const SMALL_CI_UPPER: f64 = 13.956685895029597;
// Holm
const HOLM3: [f64; 3] = [0.03, 0.06, 0.06];
const HOLM4: [f64; 4] = [0.4, 0.004, 0.12, 0.5];
// sample-ratio check
const SRM_SLIGHT_CHI: f64 = 2.284263959390863;
const SRM_SLIGHT_P: f64 = 0.1306921290816425;
const SRM_MISMATCH_CHI: f64 = 16.666666666666668;
const SRM_MISMATCH_P: f64 = 4.455709060405612e-05;
const SRM_THREE_CHI: f64 = 0.16333333333333333;
const SRM_THREE_P: f64 = 0.9215791005367102;
// confidence sequence, alpha 0.05
const SEQ_MEAN_HALF_WIDTH: f64 = 0.3063774411332931;
const SEQ_MEAN_P: f64 = 0.05830252960768489;
const SEQ_MEAN_TUNED_HALF_WIDTH: f64 = 0.45683680900328055;
const SEQ_HALF_WIDTH: [(f64, f64); 4] = [
    (200.0, 0.7212432556988847),
    (2000.0, 0.13969964791354483),
    (20000.0, 0.044224072330922834),
    (200000.0, 0.015357048988281888),
];
// Student's t quantiles: (df, p, t.ppf(p, df))
const T_QUANTILES: [(f64, f64, f64); 27] = [
    (1.0, 0.95, 6.313751514675037),
    (1.0, 0.975, 12.706204736174694),
    (1.0, 0.9995, 636.6192487687897),
    (2.0, 0.95, 2.9199855803537242),
    (2.0, 0.975, 4.302652729749462),
    (2.0, 0.9995, 31.599054576445365),
    (5.0, 0.95, 2.0150483733330233),
    (5.0, 0.975, 2.5705818356363146),
    (5.0, 0.9995, 6.868826625881276),
    (30.0, 0.95, 1.697260886593957),
    (30.0, 0.975, 2.0422724563012378),
    (30.0, 0.9995, 3.6459586350420627),
    (1000.0, 0.95, 1.6463788172854643),
    (1000.0, 0.975, 1.9623390808264083),
    (1000.0, 0.9995, 3.300282648423944),
    (99999.0, 0.95, 1.6448688649373502),
    (99999.0, 0.975, 1.9599877077718442),
    (99999.0, 0.9995, 3.290624032384949),
    (1000000.0, 0.95, 1.6448551507220404),
    (1000000.0, 0.975, 1.959966356814107),
    (1000000.0, 0.9995, 3.2905364612487222),
    (100000000.0, 0.95, 1.6448536421891635),
    (100000000.0, 0.975, 1.9599640082627663),
    (100000000.0, 0.9995, 3.290526828789235),
    (1000000000000.0, 0.95, 1.644853626952996),
    (1000000000000.0, 0.975, 1.9599639845424262),
    (1000000000000.0, 0.9995, 3.2905267315016555),
];
// Student's t upper tails: (df, t, t.sf(t, df))
const T_TAILS: [(f64, f64, f64); 24] = [
    (5.0, 0.5, 0.31914943582046457),
    (5.0, 1.96, 0.05364397625264708),
    (5.0, 5.0, 0.0020523579900266617),
    (5.0, 10.0, 8.547378787148181e-05),
    (2065.1163536647196, 0.5, 0.30856417455453833),
    (2065.1163536647196, 1.96, 0.02506504393738307),
    (2065.1163536647196, 5.0, 3.108309277993587e-07),
    (2065.1163536647196, 10.0, 2.5207972015101805e-23),
    (50000.0, 0.5, 0.30853863892672917),
    (50000.0, 1.96, 0.02500066805671549),
    (50000.0, 5.0, 2.876192528470628e-07),
    (50000.0, 10.0, 8.01796690535169e-24),
    (100000.0, 0.5, 0.30853808882720896),
    (100000.0, 1.96, 0.02499928159715084),
    (100000.0, 5.0, 2.8713508393208397e-07),
    (100000.0, 10.0, 7.816507650103626e-24),
    (100000000.0, 0.5, 0.3085375392760892),
    (100000000.0, 1.96, 0.02499789653466404),
    (100000000.0, 5.0, 2.866520550633632e-07),
    (100000000.0, 10.0, 7.620047315123978e-24),
    (1000000000000.0, 0.5, 0.308537538726042),
    (1000000000000.0, 1.96, 0.02499789514835908),
    (1000000000000.0, 5.0, 2.866515719275125e-07),
    (1000000000000.0, 10.0, 7.619853043589437e-24),
];

fn mean_case() -> (MetricStats, MetricStats) {
    (described(1100, 10.3, 2.5), described(1000, 10.0, 2.0))
}

/// Direct checks of the distribution functions, stricter than the 1e-6 used for quantities
/// built on them; the degrees of freedom span both statrs and the asymptotic expansion.
const DISTRIBUTION: f64 = 1e-9;

#[test]
fn student_t_quantiles_match_scipy() {
    for (df, p, expected) in T_QUANTILES {
        assert_close(student_t_quantile(p, df), expected, DISTRIBUTION);
        assert_close(student_t_quantile(1.0 - p, df), -expected, DISTRIBUTION);
    }
}

#[test]
fn student_t_tails_match_scipy() {
    for (df, t, expected) in T_TAILS {
        assert_close(student_t_sf(t, df), expected, DISTRIBUTION);
    }
}

#[test]
fn welch_test_on_a_mean_metric_matches_scipy() {
    let (treatment, control) = mean_case();
    let test = welch_test(
        &Moments::of(&treatment, MetricKind::Mean).unwrap(),
        &Moments::of(&control, MetricKind::Mean).unwrap(),
    )
    .unwrap();
    assert_close(test.t_statistic, SCIPY_WELCH_T, EXACT);
    assert_close(test.std_error, MEAN_SE, EXACT);
    assert_close(test.degrees_of_freedom, MEAN_DF, EXACT);
    assert_close(test.p_value, SCIPY_WELCH_P, QUANTILE);
}

#[test]
fn a_mean_metric_comparison_matches_scipy() {
    let (treatment, control) = mean_case();
    let c = compare(
        "b",
        &treatment,
        &control,
        &settings(MetricKind::Mean, Direction::HigherIsBetter, 0.95),
    );
    assert_close(c.absolute_lift.unwrap(), 0.3, EXACT);
    assert_close(c.std_error.unwrap(), MEAN_SE, EXACT);
    assert_close(c.degrees_of_freedom.unwrap(), MEAN_DF, EXACT);
    assert_close(c.p_value.unwrap(), SCIPY_WELCH_P, QUANTILE);
    assert_eq!(c.adjusted_p_value, c.p_value);
    let ci = c.absolute_lift_ci.unwrap();
    assert_close(ci.lower, MEAN_CI_LOWER, QUANTILE);
    assert_close(ci.upper, MEAN_CI_UPPER, QUANTILE);
    assert_close(c.relative_lift.unwrap(), MEAN_REL, EXACT);
    let rel = c.relative_lift_ci.unwrap();
    assert_close(rel.lower, MEAN_REL_CI_LOWER, QUANTILE);
    assert_close(rel.upper, MEAN_REL_CI_UPPER, QUANTILE);
    assert_close(c.chance_to_beat_control.unwrap(), MEAN_CHANCE, QUANTILE);
    assert!(c.significant);
    assert_eq!(c.outcome, Outcome::Better);
}

#[test]
fn the_level_and_direction_change_intervals_chance_and_verdict() {
    let (treatment, control) = mean_case();
    let c = compare(
        "b",
        &treatment,
        &control,
        &settings(MetricKind::Mean, Direction::LowerIsBetter, 0.90),
    );
    let ci = c.absolute_lift_ci.unwrap();
    assert_close(ci.lower, MEAN90_CI_LOWER, QUANTILE);
    assert_close(ci.upper, MEAN90_CI_UPPER, QUANTILE);
    let rel = c.relative_lift_ci.unwrap();
    assert_close(rel.lower, MEAN90_REL_CI_LOWER, QUANTILE);
    assert_close(rel.upper, MEAN90_REL_CI_UPPER, QUANTILE);
    assert_close(c.chance_to_beat_control.unwrap(), MEAN90_CHANCE, QUANTILE);
    assert!(c.significant);
    assert_eq!(c.outcome, Outcome::Worse, "higher latency is a regression");
}

#[test]
fn a_proportion_metric_comparison_matches_scipy() {
    let c = compare(
        "b",
        &conversions(10_000, 1100),
        &conversions(10_000, 1000),
        &settings(MetricKind::Proportion, Direction::HigherIsBetter, 0.95),
    );
    assert_close(c.absolute_lift.unwrap(), 0.01, EXACT);
    assert_close(c.std_error.unwrap(), PROP_SE, EXACT);
    assert_close(c.degrees_of_freedom.unwrap(), PROP_DF, EXACT);
    assert_close(
        c.absolute_lift.unwrap() / c.std_error.unwrap(),
        PROP_T,
        EXACT,
    );
    assert_close(c.p_value.unwrap(), PROP_P, QUANTILE);
    let ci = c.absolute_lift_ci.unwrap();
    assert_close(ci.lower, PROP_CI_LOWER, QUANTILE);
    assert_close(ci.upper, PROP_CI_UPPER, QUANTILE);
    assert_close(c.relative_lift.unwrap(), PROP_REL, EXACT);
    let rel = c.relative_lift_ci.unwrap();
    assert_close(rel.lower, PROP_REL_CI_LOWER, QUANTILE);
    assert_close(rel.upper, PROP_REL_CI_UPPER, QUANTILE);
    assert_close(c.chance_to_beat_control.unwrap(), PROP_CHANCE, QUANTILE);
    assert_eq!(c.outcome, Outcome::Better);
}

#[test]
fn variant_intervals_match_scipy() {
    let control = summarize("a", &described(1000, 10.0, 2.0), MetricKind::Mean, 0.95);
    assert_eq!(control.count, 1000);
    assert_eq!(control.mean, Some(10.0));
    assert_close(control.std_dev.unwrap(), 2.0, EXACT);
    let ci = control.ci.unwrap();
    assert_close(ci.lower, MEAN_CONTROL_CI_LOWER, QUANTILE);
    assert_close(ci.upper, MEAN_CONTROL_CI_UPPER, QUANTILE);

    let rate = summarize(
        "a",
        &conversions(10_000, 1000),
        MetricKind::Proportion,
        0.95,
    );
    assert_close(rate.std_dev.unwrap(), 0.3, EXACT);
    let ci = rate.ci.unwrap();
    assert_close(ci.lower, PROP_CONTROL_CI_LOWER, QUANTILE);
    assert_close(ci.upper, PROP_CONTROL_CI_UPPER, QUANTILE);

    let small = summarize(
        "a",
        &MetricStats::from_values([2.0, 4.0, 9.0]),
        MetricKind::Mean,
        0.95,
    );
    let ci = small.ci.unwrap();
    assert_close(ci.lower, SMALL_CI_LOWER, QUANTILE);
    assert_close(ci.upper, SMALL_CI_UPPER, QUANTILE);
}

#[test]
fn holm_matches_the_step_down_procedure() {
    for (actual, expected) in holm(&[0.01, 0.04, 0.03]).iter().zip(HOLM3) {
        assert_close(*actual, expected, EXACT);
    }
    for (actual, expected) in holm(&[0.2, 0.001, 0.04, 0.5]).iter().zip(HOLM4) {
        assert_close(*actual, expected, EXACT);
    }
}

#[test]
fn sample_ratio_checks_match_scipy_chisquare() {
    let balanced = sample_ratio_check(&[5000, 5000], &[50.0, 50.0]);
    assert_eq!(balanced.chi_square, Some(0.0));
    assert_close(balanced.p_value.unwrap(), 1.0, EXACT);
    assert!(!balanced.mismatch);

    let slight = sample_ratio_check(&[5000, 4850], &[50.0, 50.0]);
    assert_close(slight.chi_square.unwrap(), SRM_SLIGHT_CHI, EXACT);
    assert_close(slight.p_value.unwrap(), SRM_SLIGHT_P, QUANTILE);
    assert!(!slight.mismatch);

    let mismatch = sample_ratio_check(&[5000, 4600], &[50.0, 50.0]);
    assert_close(mismatch.chi_square.unwrap(), SRM_MISMATCH_CHI, EXACT);
    assert_close(mismatch.p_value.unwrap(), SRM_MISMATCH_P, QUANTILE);
    assert!(mismatch.mismatch);
    assert_eq!(mismatch.expected, vec![4800.0, 4800.0]);
    assert_eq!(mismatch.observed, vec![5000, 4600]);
    assert_eq!(mismatch.degrees_of_freedom, 1);

    let three = sample_ratio_check(&[5020, 2990, 1990], &[0.5, 0.3, 0.2]);
    assert_close(three.chi_square.unwrap(), SRM_THREE_CHI, EXACT);
    assert_close(three.p_value.unwrap(), SRM_THREE_P, QUANTILE);
    assert_eq!(three.degrees_of_freedom, 2);
}

#[test]
fn the_confidence_sequence_matches_its_formula() {
    let (treatment, control) = mean_case();
    let mut s = settings(MetricKind::Mean, Direction::HigherIsBetter, 0.95);
    s.sequential_tuning = Some(tuning_sample_size(None));
    let c = compare("b", &treatment, &control, &s);
    let ci = c.absolute_lift_ci.unwrap();
    assert_close(ci.width() / 2.0, SEQ_MEAN_HALF_WIDTH, EXACT);
    assert_close(c.p_value.unwrap(), SEQ_MEAN_P, EXACT);
    // Significant at a fixed horizon (p = 0.0023), not yet under continuous peeking.
    assert!(!c.significant);
    assert_eq!(c.outcome, Outcome::Inconclusive);

    s.sequential_tuning = Some(tuning_sample_size(Some(20_000)));
    let tuned = compare("b", &treatment, &control, &s);
    assert_close(
        tuned.absolute_lift_ci.unwrap().width() / 2.0,
        SEQ_MEAN_TUNED_HALF_WIDTH,
        EXACT,
    );
}

#[test]
fn the_confidence_sequence_is_wider_than_the_fixed_interval_and_shrinks_with_n() {
    let mut previous = f64::INFINITY;
    for (total, expected) in SEQ_HALF_WIDTH {
        let se = 2.0 / total.sqrt();
        let half = boundary_multiplier(total, 0.05, 5000.0) * se;
        assert_close(half, expected, EXACT);
        let fixed = student_t_quantile(0.975, total - 2.0) * se;
        assert!(half > fixed, "at N = {total}: {half} <= {fixed}");
        assert!(half < previous, "at N = {total}: {half} >= {previous}");
        previous = half;
    }
}

#[test]
fn the_always_valid_p_value_crosses_alpha_where_the_sequence_excludes_zero() {
    for total in [100.0, 1000.0, 10_000.0, 100_000.0] {
        let m = boundary_multiplier(total, 0.05, 5000.0);
        assert_close(always_valid_p_value(m, total, 0.05, 5000.0), 0.05, 1e-12);
        assert!(always_valid_p_value(m * 1.01, total, 0.05, 5000.0) < 0.05);
        assert!(always_valid_p_value(m * 0.99, total, 0.05, 5000.0) > 0.05);
    }
    assert_eq!(always_valid_p_value(0.0, 1000.0, 0.05, 5000.0), 1.0);
}
