//! Known-answer tests for the edit distance; every value below can be checked by hand.

use super::*;

const TOLERANCE: f64 = 1e-9;

fn assert_close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= TOLERANCE,
        "expected {expected}, got {actual}"
    );
}

#[test]
fn classic_examples() {
    // kitten → sitten (k→s) → sittin (e→i) → sitting (+g)
    assert_eq!(levenshtein_distance("kitten", "sitting"), 3);
    assert_eq!(levenshtein_distance("sitting", "kitten"), 3);
    // flaw → law (-f) → lawn (+n)
    assert_eq!(levenshtein_distance("flaw", "lawn"), 2);
    // saturday → sturday (-a) → surday (-t) → sunday (r→n)
    assert_eq!(levenshtein_distance("saturday", "sunday"), 3);
    assert_eq!(levenshtein_distance("abc", "abc"), 0);
    assert_eq!(levenshtein_distance("abc", "xyz"), 3);
}

#[test]
fn empty_strings_cost_their_length() {
    assert_eq!(levenshtein_distance("", ""), 0);
    assert_eq!(levenshtein_distance("", "abc"), 3);
    assert_eq!(levenshtein_distance("abcd", ""), 4);
    assert_eq!(levenshtein_distance("", "café"), 4);
}

#[test]
fn counts_characters_not_bytes() {
    assert_eq!(levenshtein_distance("café", "cafe"), 1);
    assert_eq!(levenshtein_distance("naïve", "naive"), 1);
    assert_eq!(levenshtein_distance("日本語", "日本"), 1);
    // Decomposed "é" is two chars, "e" + U+0301: one deletion away from "cafe".
    assert_eq!(levenshtein_distance("cafe\u{301}", "cafe"), 1);
    assert_eq!(levenshtein_distance("cafe\u{301}", "caf\u{e9}"), 2);
}

#[test]
fn case_and_whitespace_count_as_edits() {
    assert_eq!(levenshtein_distance("Paris", "paris"), 1);
    assert_eq!(levenshtein_distance("Paris", "Paris "), 1);
}

#[test]
fn similarity_divides_by_the_longer_length() {
    assert_close(levenshtein_similarity("kitten", "sitting"), 1.0 - 3.0 / 7.0);
    assert_close(levenshtein_similarity("flaw", "lawn"), 0.5);
    assert_close(levenshtein_similarity("café", "cafe"), 0.75);
    assert_close(levenshtein_similarity("Paris", "paris"), 0.8);
    assert_close(levenshtein_similarity("abc", "abc"), 1.0);
    assert_close(levenshtein_similarity("abc", "xyz"), 0.0);
}

#[test]
fn similarity_of_empty_strings() {
    assert_close(levenshtein_similarity("", ""), 1.0);
    assert_close(levenshtein_similarity("", "abc"), 0.0);
    assert_close(levenshtein_similarity("abc", ""), 0.0);
}
