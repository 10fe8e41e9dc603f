//! Assignment must agree with GrowthBook's SDKs: the vectors below are the "hash",
//! "getBucketRange" and "chooseVariation" cases of GrowthBook's published cross-SDK test suite,
//! `cases.json` (specVersion 0.7.1, as shipped in growthbook/growthbook `packages/sdk-js/test`
//! and growthbook/growthbook-python `tests/`), transcribed by hand.

use super::*;

/// name, weights, coverage, expected ranges.
type BucketRangeCase = (&'static str, Vec<f64>, f64, Vec<(f64, f64)>);
/// name, hash, ranges, expected variant.
type ChooseVariationCase = (&'static str, f64, &'static [(f64, f64)], Option<usize>);

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 1e-9
}

#[test]
fn fnv1a32_matches_the_reference_vectors() {
    // Vectors of the FNV reference (isthe.com/chongo/tech/comp/fnv).
    assert_eq!(fnv1a32(b""), 0x811c_9dc5);
    assert_eq!(fnv1a32(b"a"), 0xe40c_292c);
    assert_eq!(fnv1a32(b"foobar"), 0xbf9c_f968);
    assert_eq!(fnv1a32_str("foobar"), fnv1a32(b"foobar"));
}

#[test]
fn hash_matches_growthbook_cases() {
    // [seed, value, version, expected] from cases.json "hash".
    let cases: [(&str, &str, u8, Option<f64>); 15] = [
        ("", "a", 1, Some(0.22)),
        ("", "b", 1, Some(0.077)),
        ("b", "a", 1, Some(0.946)),
        ("ef", "d", 1, Some(0.652)),
        ("asdf", "8952klfjas09ujk", 1, Some(0.549)),
        ("", "123", 1, Some(0.011)),
        ("", "___)((*\":&", 1, Some(0.563)),
        ("seed", "a", 2, Some(0.0505)),
        ("seed", "b", 2, Some(0.2696)),
        ("foo", "ab", 2, Some(0.2575)),
        ("foo", "def", 2, Some(0.2019)),
        ("89123klj", "8952klfjas09ujkasdf", 2, Some(0.124)),
        ("90850943850283058242805", "123", 2, Some(0.7516)),
        ("()**(%$##$%#$#", "___)((*\":&", 2, Some(0.0128)),
        ("abc", "def", 99, None),
    ];
    for (seed, value, version, expected) in cases {
        let actual = gb_hash(seed, value, version);
        match expected {
            Some(expected) => assert!(
                close(actual.unwrap(), expected),
                "hash({seed:?}, {value:?}, {version}) = {actual:?}, expected {expected}"
            ),
            None => assert_eq!(actual, None),
        }
    }
}

#[test]
fn non_ascii_values_hash_as_utf16_code_units_like_the_javascript_sdk() {
    // Computed independently (Python, FNV-1a over the UTF-16 code units); "héllo" and "日本語"
    // also match the Python SDK, which hashes code points.
    assert_eq!(fnv1a32_str("héllo"), 4_058_363_231);
    assert_eq!(fnv1a32_str("日本語"), 1_409_693_518);
    assert_eq!(fnv1a32_str("😀"), 3_409_036_472);
    assert!(close(gb_hash("seed", "héllo", 2).unwrap(), 0.359));
    assert!(close(gb_hash("seed", "😀", 2).unwrap(), 0.4346));
}

#[test]
fn bucket_ranges_match_growthbook_cases() {
    // [name, weights, coverage, expected] from cases.json "getBucketRange"; GrowthBook's
    // `weights: null` means equal weights. The case "weights.length not equal to num
    // variations" has no counterpart: here the weights are the variations.
    let cases: [BucketRangeCase; 12] = [
        (
            "normal 50/50",
            vec![0.5, 0.5],
            1.0,
            vec![(0.0, 0.5), (0.5, 1.0)],
        ),
        (
            "reduced coverage",
            vec![0.5, 0.5],
            0.5,
            vec![(0.0, 0.25), (0.5, 0.75)],
        ),
        (
            "zero coverage",
            vec![0.5, 0.5],
            0.0,
            vec![(0.0, 0.0), (0.5, 0.5)],
        ),
        (
            "4 variations",
            vec![0.25; 4],
            1.0,
            vec![(0.0, 0.25), (0.25, 0.5), (0.5, 0.75), (0.75, 1.0)],
        ),
        (
            "uneven weights",
            vec![0.4, 0.6],
            1.0,
            vec![(0.0, 0.4), (0.4, 1.0)],
        ),
        (
            "uneven weights, 3 variations",
            vec![0.2, 0.3, 0.5],
            1.0,
            vec![(0.0, 0.2), (0.2, 0.5), (0.5, 1.0)],
        ),
        (
            "uneven weights, reduced coverage, 3 variations",
            vec![0.2, 0.3, 0.5],
            0.2,
            vec![(0.0, 0.04), (0.2, 0.26), (0.5, 0.6)],
        ),
        (
            "negative coverage",
            vec![0.5, 0.5],
            -0.2,
            vec![(0.0, 0.0), (0.5, 0.5)],
        ),
        (
            "coverage above 1",
            vec![0.5, 0.5],
            1.5,
            vec![(0.0, 0.5), (0.5, 1.0)],
        ),
        (
            "weights sum below 1",
            vec![0.4, 0.1],
            1.0,
            vec![(0.0, 0.5), (0.5, 1.0)],
        ),
        (
            "weights sum above 1",
            vec![0.7, 0.6],
            1.0,
            vec![(0.0, 0.5), (0.5, 1.0)],
        ),
        (
            "weights sum almost equals 1",
            vec![0.4, 0.5999],
            1.0,
            vec![(0.0, 0.4), (0.4, 0.9999)],
        ),
    ];
    for (name, weights, coverage, expected) in cases {
        let actual = bucket_ranges(&weights, coverage);
        assert_eq!(actual.len(), expected.len(), "{name}");
        for (a, e) in actual.iter().zip(&expected) {
            assert!(close(a.0, e.0) && close(a.1, e.1), "{name}: {actual:?}");
        }
    }
}

#[test]
fn choose_variant_matches_growthbook_cases() {
    // [name, n, ranges, expected] from cases.json "chooseVariation"; -1 there is None here.
    const EVEN: [(f64, f64); 2] = [(0.0, 0.5), (0.5, 1.0)];
    const REDUCED: [(f64, f64); 2] = [(0.0, 0.25), (0.5, 0.75)];
    const ZERO: [(f64, f64); 3] = [(0.0, 0.5), (0.5, 0.5), (0.5, 1.0)];
    let cases: [ChooseVariationCase; 13] = [
        ("even range, 0.2", 0.2, &EVEN, Some(0)),
        ("even range, 0.4", 0.4, &EVEN, Some(0)),
        ("even range, 0.6", 0.6, &EVEN, Some(1)),
        ("even range, 0.8", 0.8, &EVEN, Some(1)),
        ("even range, 0", 0.0, &EVEN, Some(0)),
        ("even range, 0.5", 0.5, &EVEN, Some(1)),
        ("reduced range, 0.2", 0.2, &REDUCED, Some(0)),
        ("reduced range, 0.4", 0.4, &REDUCED, None),
        ("reduced range, 0.6", 0.6, &REDUCED, Some(1)),
        ("reduced range, 0.8", 0.8, &REDUCED, None),
        ("reduced range, 0.25", 0.25, &REDUCED, None),
        ("reduced range, 0.5", 0.5, &REDUCED, Some(1)),
        ("zero range", 0.5, &ZERO, Some(2)),
    ];
    for (name, n, ranges, expected) in cases {
        assert_eq!(choose_variant(n, ranges), expected, "{name}");
    }
}

#[test]
fn assignment_agrees_with_the_hash_and_ranges() {
    // hash("seed", "a", 2) = 0.0505 and hash("seed", "b", 2) = 0.2696 (cases above).
    assert_eq!(assign("seed", "a", &[0.5, 0.5]), 0);
    assert_eq!(assign("seed", "b", &[0.25, 0.75]), 1);
    assert_eq!(assign("seed", "b", &[0.3, 0.7]), 0);
}

#[test]
fn assignment_is_sticky_and_depends_on_the_seed() {
    let weights = [0.5, 0.3, 0.2];
    let first: Vec<usize> = (0..1000)
        .map(|i| assign("exp-1", &format!("user-{i}"), &weights))
        .collect();
    let again: Vec<usize> = (0..1000)
        .map(|i| assign("exp-1", &format!("user-{i}"), &weights))
        .collect();
    assert_eq!(first, again);
    let other_seed: Vec<usize> = (0..1000)
        .map(|i| assign("exp-2", &format!("user-{i}"), &weights))
        .collect();
    let moved = first
        .iter()
        .zip(&other_seed)
        .filter(|(a, b)| a != b)
        .count();
    assert!(
        moved > 300,
        "a new seed reshuffles users; only {moved} moved"
    );
}

#[test]
fn a_zero_weight_variant_never_receives_users() {
    for i in 0..2000 {
        assert_ne!(assign("exp", &format!("user-{i}"), &[0.5, 0.0, 0.5]), 1);
    }
    assert_eq!(assign("exp", "anyone", &[1.0, 0.0]), 0);
}

#[test]
fn a_hash_past_the_last_range_falls_back_to_the_last_weighted_variant() {
    // Weights summing to 0.995 leave [0.995, 1) uncovered; find a user that hashes there.
    let user = (0..100_000)
        .map(|i| format!("user-{i}"))
        .find(|u| gb_hash("seed", u, 2).unwrap() >= 0.995)
        .unwrap();
    assert_eq!(
        choose_variant(
            gb_hash("seed", &user, 2).unwrap(),
            &bucket_ranges(&[0.5, 0.495, 0.0], 1.0)
        ),
        None
    );
    assert_eq!(assign("seed", &user, &[0.5, 0.495, 0.0]), 1);
}

#[test]
fn proportions_over_100000_users_follow_the_weights() {
    let weights = [0.5, 0.3, 0.2];
    let mut counts = [0_u32; 3];
    for i in 0..100_000 {
        counts[assign("checkout-experiment", &format!("user-{i}"), &weights)] += 1;
    }
    for (count, weight) in counts.iter().zip(weights) {
        let share = f64::from(*count) / 100_000.0;
        assert!(
            (share - weight).abs() < 0.01,
            "share {share} for weight {weight}: {counts:?}"
        );
    }
}
