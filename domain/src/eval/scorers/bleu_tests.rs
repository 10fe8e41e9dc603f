//! Known-answer tests for BLEU.
//!
//! Values marked "known_answers.py" were computed by that script (beside this file) with NLTK
//! 3.10: `sentence_bleu(..., smoothing_function=SmoothingFunction().method2)` and unsmoothed
//! `corpus_bleu`, on the same tokens `word_tokens` gives. The rest are checked by hand.

use super::*;

const TOLERANCE: f64 = 1e-9;

fn assert_close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= TOLERANCE,
        "expected {expected}, got {actual}"
    );
}

const GUIDE_CANDIDATE: &str = "It is a guide to action which ensures that the military always \
    obeys the commands of the party.";
const GUIDE_REFERENCE: &str =
    "It is a guide to action that ensures that the military will forever heed Party commands.";

#[test]
fn perfect_match_scores_one() {
    // known_answers.py
    assert_close(
        sentence_bleu("the cat sat on the mat", "the cat sat on the mat"),
        1.0,
    );
    // Case and punctuation are not tokens, so this is the same sentence.
    assert_close(
        sentence_bleu("The cat, sat on THE mat!", "the cat sat on the mat"),
        1.0,
    );
}

#[test]
fn partial_match() {
    // known_answers.py. By hand: p1 = 5/6, p2 = (3+1)/(5+1), p3 = (1+1)/(4+1), p4 = (0+1)/(3+1),
    // BP = 1 (equal lengths), BLEU = (5/6 · 4/6 · 2/5 · 1/4)^(1/4).
    let by_hand = (5.0 / 6.0 * 4.0 / 6.0 * 2.0 / 5.0 * 1.0 / 4.0_f64).powf(0.25);
    let score = sentence_bleu("the cat is on the mat", "the cat sat on the mat");
    assert_close(score, 0.48549177170732344);
    assert_close(score, by_hand);

    // known_answers.py
    assert_close(
        sentence_bleu(GUIDE_CANDIDATE, GUIDE_REFERENCE),
        0.45508704375633297,
    );
}

#[test]
fn short_candidate_pays_the_brevity_penalty() {
    // known_answers.py. All n-grams match, so only BP = exp(1 - 9/4) and the smoothing of
    // p2..p4 = (k+1)/(k+1) = 1 are left: BLEU = exp(-5/4).
    let score = sentence_bleu(
        "the quick brown fox",
        "the quick brown fox jumps over the lazy dog",
    );
    assert_close(score, 0.2865047968601901);
    assert_close(score, (-1.25_f64).exp());
}

#[test]
fn candidate_shorter_than_four_words_follows_nltk() {
    // known_answers.py. Three words have no 4-gram; as in NLTK, p4 = (0+1)/(max(0,1)+1) = 1/2.
    // BP = exp(1 - 7/3); p1 = p2 = p3 = 1.
    let score = sentence_bleu("the cat sat", "the cat sat on the mat today");
    assert_close(score, 0.22165788851265286);
    assert_close(score, (1.0 - 7.0 / 3.0_f64).exp() * 0.5_f64.powf(0.25));
}

#[test]
fn smoothing_keeps_a_score_without_any_four_gram_match() {
    // known_answers.py. "quietly" breaks every 4-gram: only the 3-grams "the cat sat" and
    // "on the mat" match, so without smoothing p4 = 0 and BLEU would be 0.
    let stats = bleu_stats("the cat sat quietly on the mat", "the cat sat on the mat");
    assert_eq!(stats.matches, [6, 4, 2, 0]);
    assert_eq!(stats.totals, [7, 6, 5, 4]);
    assert_close(
        sentence_bleu("the cat sat quietly on the mat", "the cat sat on the mat"),
        0.4974292207467277,
    );
}

#[test]
fn unicode_words() {
    // known_answers.py
    assert_close(
        sentence_bleu("Le café était très bon", "le café était bon"),
        0.5318295896944989,
    );
}

#[test]
fn zero_when_nothing_can_match() {
    assert_close(sentence_bleu("", "the cat sat on the mat"), 0.0);
    assert_close(sentence_bleu("  ...  ", "the cat"), 0.0);
    assert_close(sentence_bleu("the cat", ""), 0.0);
    assert_close(sentence_bleu("", ""), 0.0);
    assert_close(
        sentence_bleu("dogs bark loudly", "the cat sat on the mat"),
        0.0,
    );
}

#[test]
fn stats_count_clipped_matches_and_totals() {
    let stats = bleu_stats("the the the the", "the cat the dog");
    assert_eq!(
        stats,
        BleuStats {
            // "the" is clipped to its 2 reference occurrences; no longer n-gram matches.
            matches: [2, 0, 0, 0],
            totals: [4, 3, 2, 1],
            candidate_len: 4,
            reference_len: 4,
        }
    );
    let short = bleu_stats("café", "le café");
    assert_eq!(short.matches, [1, 0, 0, 0]);
    assert_eq!(short.totals, [1, 0, 0, 0]);
    assert_eq!((short.candidate_len, short.reference_len), (1, 2));
    assert_eq!(bleu_stats("", ""), BleuStats::default());
}

#[test]
fn stats_round_trip_through_json() {
    let stats = bleu_stats("the cat is on the mat", "the cat sat on the mat");
    let json = serde_json::to_string(&stats).unwrap();
    assert_eq!(serde_json::from_str::<BleuStats>(&json).unwrap(), stats);
}

#[test]
fn corpus_bleu_matches_nltk() {
    // known_answers.py
    let two_pairs = [
        bleu_stats(
            "the quick brown fox jumps over the dog",
            "the quick brown fox jumped over the lazy dog",
        ),
        bleu_stats(GUIDE_CANDIDATE, GUIDE_REFERENCE),
    ];
    assert_close(corpus_bleu(two_pairs), 0.42691301303451956);

    // known_answers.py; candidates are shorter overall (21 vs 23 words), so BP < 1.
    let three_pairs = [
        bleu_stats("the cat sat on the mat", "the cat sat on the mat today"),
        bleu_stats(
            "a naïve café owner sold good coffee",
            "the naïve café owner sold very good coffee",
        ),
        bleu_stats(
            "he read the book in one long night",
            "he read the whole book in one night",
        ),
    ];
    assert_close(corpus_bleu(three_pairs), 0.5307735559455424);
}

#[test]
fn corpus_bleu_pools_counts_rather_than_averaging() {
    // One perfect pair and one disjoint pair.
    // Pair 1 "a b c d" vs itself: matches [4,3,2,1], totals [4,3,2,1].
    // Pair 2 "w x y z" vs "a b c d": matches 0, totals [4,3,2,1]. Lengths 8 vs 8, BP = 1.
    // p = [4/8, 3/6, 2/4, 1/2] = all 1/2, so BLEU = 1/2.
    let stats = [
        bleu_stats("a b c d", "a b c d"),
        bleu_stats("w x y z", "a b c d"),
    ];
    assert_close(corpus_bleu(stats), 0.5);
}

#[test]
fn corpus_bleu_of_a_perfect_corpus_is_one() {
    let stats = [
        bleu_stats("the cat sat on the mat", "the cat sat on the mat"),
        bleu_stats("Le café était très bon", "le café était très bon"),
    ];
    assert_close(corpus_bleu(stats), 1.0);
}

#[test]
fn corpus_bleu_is_zero_without_smoothing_when_an_order_never_matches() {
    // NLTK gives about 7.3e-78 here (it substitutes the smallest float for a zero precision);
    // known_answers.py prints it. Classic BLEU is 0, which is what corpus_bleu returns.
    let stats = [bleu_stats(
        "the cat is on the mat",
        "the cat sat on the mat",
    )];
    assert_eq!(corpus_bleu(stats), 0.0);
}

#[test]
fn corpus_bleu_of_nothing_is_zero() {
    assert_eq!(corpus_bleu(Vec::<BleuStats>::new()), 0.0);
    assert_eq!(corpus_bleu([bleu_stats("", "the cat")]), 0.0);
    assert_eq!(
        corpus_bleu([BleuStats::default(), BleuStats::default()]),
        0.0
    );
}
