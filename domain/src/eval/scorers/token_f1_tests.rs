//! Known-answer tests for SQuAD token F1.
//!
//! Values marked "known_answers.py" were computed by that script (beside this file), which
//! implements SQuAD F1 independently in Python; the rest are checked by hand.

use super::*;

const TOLERANCE: f64 = 1e-9;

fn assert_close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= TOLERANCE,
        "expected {expected}, got {actual}"
    );
}

#[test]
fn matches_the_python_reference() {
    // known_answers.py
    let cases = [
        ("The Eiffel Tower", "Eiffel Tower", 1.0),
        ("in Paris, France", "Paris", 0.5),
        ("cat cat cat dog", "cat dog dog", 0.5714285714285715),
        ("Un café très chaud", "café chaud", 0.6666666666666666),
        ("Don't panic!", "dont panic", 1.0),
        ("the Naïve Bayes classifier", "naive bayes", 0.4),
    ];
    for (output, expected, value) in cases {
        assert_close(token_f1(output, expected), value);
    }
}

#[test]
fn repeated_tokens_count_only_as_often_as_in_both() {
    // Overlap is cat×1 + dog×1 = 2; precision 2/4, recall 2/3, F1 = 4/7.
    assert_close(token_f1("cat cat cat dog", "cat dog dog"), 4.0 / 7.0);
    // Overlap 1 of 3 output tokens and 1 of 1 expected: precision 1/3, recall 1, F1 = 1/2.
    assert_close(token_f1("paris paris paris", "paris"), 0.5);
}

#[test]
fn is_symmetric() {
    assert_close(
        token_f1("in Paris, France", "Paris"),
        token_f1("Paris", "in Paris, France"),
    );
}

#[test]
fn no_shared_token_scores_zero() {
    assert_close(token_f1("London", "Paris"), 0.0);
}

#[test]
fn empty_after_normalization() {
    assert_close(token_f1("", ""), 1.0);
    // Articles and punctuation normalize away, so these compare two empty token lists.
    assert_close(token_f1("The.", "a"), 1.0);
    assert_close(token_f1("", "Paris"), 0.0);
    assert_close(token_f1("Paris", "  "), 0.0);
    assert_close(token_f1("the", "Paris"), 0.0);
}
