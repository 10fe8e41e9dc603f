//! Known-answer tests for ROUGE-L.
//!
//! Values marked "known_answers.py" were computed by that script (beside this file) with the
//! `rouge-score` package's LCS F-measure, given the same tokens `word_tokens` produces. The rest
//! are checked by hand.

use super::*;

const TOLERANCE: f64 = 1e-9;

fn assert_close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= TOLERANCE,
        "expected {expected}, got {actual}"
    );
}

#[test]
fn matches_rouge_score() {
    // known_answers.py
    let cases = [
        ("the cat sat on the mat", "the cat sat on the mat", 1.0),
        ("police killed the gunman", "the gunman killed police", 0.5),
        (
            "the cat was found under the bed",
            "the cat was under the bed",
            0.923076923076923,
        ),
        (
            "Le café était très bon",
            "le café était bon",
            0.888888888888889,
        ),
        ("the the the the", "the cat the dog", 0.5),
        ("a b c d", "x y z", 0.0),
    ];
    for (candidate, reference, value) in cases {
        assert_close(rouge_l(candidate, reference), value);
    }
}

#[test]
fn by_hand() {
    // LCS "the cat was under the bed" = 6; precision 6/7, recall 6/6, F1 = 12/13.
    assert_close(
        rouge_l(
            "the cat was found under the bed",
            "the cat was under the bed",
        ),
        12.0 / 13.0,
    );
    // LCS "the gunman" = 2 of 4 on both sides.
    assert_close(
        rouge_l("police killed the gunman", "the gunman killed police"),
        0.5,
    );
    // Case and punctuation are not tokens.
    assert_close(rouge_l("The Cat, sat.", "the cat sat"), 1.0);
}

#[test]
fn order_matters_but_gaps_do_not() {
    // LCS of "a x b y c" and "a b c" is "a b c": precision 3/5, recall 1, F1 = 3/4.
    assert_close(rouge_l("a x b y c", "a b c"), 0.75);
    // Reversed: the LCS is one word, precision = recall = 1/3.
    assert_close(rouge_l("c b a", "a b c"), 1.0 / 3.0);
}

#[test]
fn empty_texts() {
    assert_close(rouge_l("", ""), 1.0);
    assert_close(rouge_l(" ... ", "!"), 1.0);
    assert_close(rouge_l("", "the cat"), 0.0);
    assert_close(rouge_l("the cat", ""), 0.0);
}
