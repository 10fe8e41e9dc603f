//! ROUGE-L (Lin, 2004): overlap measured by the longest common subsequence of words.

use super::tokens::word_tokens;

/// ROUGE-L F1 of `candidate` against `reference`, from 0.0 to 1.0.
///
/// Why LCS: it rewards words that appear in the reference's order without requiring them to be
/// adjacent, so it credits a reordered or padded answer less harshly than n-gram overlap does.
/// Definition: both texts are split with `word_tokens`; `lcs` is the length of their longest
/// common subsequence; `precision = lcs / len(candidate)`, `recall = lcs / len(reference)` and
/// `F1 = 2 · precision · recall / (precision + recall)` (beta = 1), or 0.0 when `lcs` is 0.
/// Two texts without tokens score 1.0; one without tokens scores 0.0.
pub fn rouge_l(candidate: &str, reference: &str) -> f64 {
    let candidate = word_tokens(candidate);
    let reference = word_tokens(reference);
    if candidate.is_empty() || reference.is_empty() {
        let both_empty = candidate.is_empty() && reference.is_empty();
        return if both_empty { 1.0 } else { 0.0 };
    }
    let common = longest_common_subsequence_len(&candidate, &reference);
    if common == 0 {
        return 0.0;
    }
    let precision = common as f64 / candidate.len() as f64;
    let recall = common as f64 / reference.len() as f64;
    2.0 * precision * recall / (precision + recall)
}

/// The length of the longest common subsequence, keeping two rows as long as the shorter list.
fn longest_common_subsequence_len(a: &[String], b: &[String]) -> usize {
    let (longer, shorter) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    // previous[j] = LCS of the first i-1 items of `longer` and the first j of `shorter`.
    let mut previous = vec![0; shorter.len() + 1];
    let mut current = vec![0; shorter.len() + 1];
    for long_item in longer {
        for (j, short_item) in shorter.iter().enumerate() {
            current[j + 1] = if long_item == short_item {
                previous[j] + 1
            } else {
                previous[j + 1].max(current[j])
            };
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[shorter.len()]
}

#[cfg(test)]
#[path = "rouge_tests.rs"]
mod tests;
