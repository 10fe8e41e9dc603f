//! SQuAD token F1: partial credit for short answers that share words with the expected one.

use std::collections::BTreeMap;

use super::tokens::normalized_tokens;

/// The harmonic mean of token precision and recall between `output` and `expected`, as in the
/// official SQuAD evaluation script.
///
/// Definition: both texts go through `normalized_tokens` (lowercase, punctuation deleted,
/// articles dropped). The overlap is the multiset intersection: a word counts as often as it
/// occurs in *both* texts, so repeating a correct word does not earn extra credit. Then
/// `precision = overlap / len(output tokens)`, `recall = overlap / len(expected tokens)` and
/// `F1 = 2 · precision · recall / (precision + recall)`, or 0.0 when the overlap is empty.
/// When either side has no tokens the score is 1.0 if both are empty and 0.0 otherwise.
pub fn token_f1(output: &str, expected: &str) -> f64 {
    let output_tokens = normalized_tokens(output);
    let expected_tokens = normalized_tokens(expected);
    if output_tokens.is_empty() || expected_tokens.is_empty() {
        let both_empty = output_tokens.is_empty() && expected_tokens.is_empty();
        return if both_empty { 1.0 } else { 0.0 };
    }
    let overlap = multiset_overlap(&output_tokens, &expected_tokens);
    if overlap == 0 {
        return 0.0;
    }
    let precision = overlap as f64 / output_tokens.len() as f64;
    let recall = overlap as f64 / expected_tokens.len() as f64;
    2.0 * precision * recall / (precision + recall)
}

/// How many tokens the two lists share, each token counted min(times in left, times in right).
fn multiset_overlap(left: &[String], right: &[String]) -> usize {
    let mut unmatched_right: BTreeMap<&str, usize> = BTreeMap::new();
    for token in right {
        *unmatched_right.entry(token).or_default() += 1;
    }
    let mut overlap = 0;
    for token in left {
        if let Some(count) = unmatched_right.get_mut(token.as_str())
            && *count > 0
        {
            *count -= 1;
            overlap += 1;
        }
    }
    overlap
}

#[cfg(test)]
#[path = "token_f1_tests.rs"]
mod tests;
