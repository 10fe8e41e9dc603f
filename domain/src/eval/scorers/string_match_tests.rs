//! Known-answer tests for the pass/fail string comparisons.

use super::*;

#[test]
fn exact_match_ignores_surrounding_whitespace_only() {
    assert_eq!(exact_match("Paris", "Paris"), 1.0);
    assert_eq!(exact_match("  Paris\n", "\tParis "), 1.0);
    assert_eq!(exact_match("paris", "Paris"), 0.0);
    assert_eq!(exact_match("New  York", "New York"), 0.0);
    assert_eq!(exact_match("Paris.", "Paris"), 0.0);
}

#[test]
fn exact_match_edge_cases() {
    assert_eq!(exact_match("", ""), 1.0);
    assert_eq!(exact_match(" \n ", ""), 1.0);
    assert_eq!(exact_match("", "x"), 0.0);
    assert_eq!(exact_match("café", "café"), 1.0);
    // Precomposed "é" (U+00E9) and "e" + combining acute (U+0301) are different strings.
    assert_eq!(exact_match("caf\u{e9}", "cafe\u{301}"), 0.0);
}

#[test]
fn contains_is_case_sensitive_substring() {
    assert_eq!(contains("The capital is Paris.", "Paris"), 1.0);
    assert_eq!(contains("The capital is Paris.", "paris"), 0.0);
    assert_eq!(contains("naïve approach", "ïve"), 1.0);
    assert_eq!(contains("naive approach", "ïve"), 0.0);
    assert_eq!(contains("", "x"), 0.0);
    assert_eq!(contains("anything", ""), 1.0);
}

#[test]
fn icontains_ignores_unicode_case() {
    assert_eq!(icontains("The capital is PARIS.", "paris"), 1.0);
    assert_eq!(icontains("CAFÉ AU LAIT", "café"), 1.0);
    assert_eq!(icontains("ΟΔΥΣΣΕΥΣ", "οδυσσευς"), 1.0);
    assert_eq!(icontains("Cafe", "café"), 0.0);
    assert_eq!(icontains("", "a"), 0.0);
    assert_eq!(icontains("abc", ""), 1.0);
}

#[test]
fn starts_with_trims_leading_whitespace_of_output_only() {
    assert_eq!(starts_with("Yes, because...", "Yes"), 1.0);
    assert_eq!(starts_with("\n  Yes, because...", "Yes"), 1.0);
    assert_eq!(starts_with("Yes", " Yes"), 0.0);
    assert_eq!(starts_with("yes", "Yes"), 0.0);
    assert_eq!(starts_with("No, yes", "Yes"), 0.0);
    assert_eq!(starts_with("", "Yes"), 0.0);
    assert_eq!(starts_with("", ""), 1.0);
    assert_eq!(starts_with("été", "ét"), 1.0);
}

#[test]
fn regex_match_finds_the_pattern_anywhere() {
    let year = Regex::new(r"\b\d{4}\b").unwrap();
    assert_eq!(regex_match("It happened in 1969.", &year), 1.0);
    assert_eq!(regex_match("It happened long ago.", &year), 0.0);
    assert_eq!(regex_match("", &year), 0.0);

    let whole = Regex::new(r"^(yes|no)$").unwrap();
    assert_eq!(regex_match("yes", &whole), 1.0);
    assert_eq!(regex_match("yes, surely", &whole), 0.0);

    let unicode_word = Regex::new(r"^\w+$").unwrap();
    assert_eq!(regex_match("naïve", &unicode_word), 1.0);
}
