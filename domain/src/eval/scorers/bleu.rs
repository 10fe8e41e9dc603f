//! BLEU-4 (Papineni et al., 2002): n-gram precision of a candidate against one reference.
//!
//! Both texts are split with `word_tokens` (lowercased words; punctuation separates words and is
//! not a token). Only one reference per candidate is supported.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::tokens::word_tokens;

/// The longest n-gram BLEU-4 counts; precisions are taken for n = 1 to 4.
const MAX_ORDER: usize = 4;

/// What one candidate/reference pair contributes to BLEU; enough to compute the sentence score
/// or, summed over many pairs, the corpus score, without keeping the texts.
///
/// Index `n - 1` of `matches` and `totals` holds the n-gram counts for n = 1..=4.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct BleuStats {
    /// Clipped n-gram matches: each candidate n-gram counts at most as often as it occurs in
    /// the reference.
    pub matches: [u64; MAX_ORDER],
    /// How many n-grams the candidate has: `candidate_len - n + 1`, or 0 when shorter than n.
    pub totals: [u64; MAX_ORDER],
    /// Candidate length in tokens.
    pub candidate_len: u64,
    /// Reference length in tokens.
    pub reference_len: u64,
}

/// The BLEU statistics of one candidate against one reference, over `word_tokens`.
pub fn bleu_stats(candidate: &str, reference: &str) -> BleuStats {
    let candidate = word_tokens(candidate);
    let reference = word_tokens(reference);
    let mut stats = BleuStats {
        candidate_len: candidate.len() as u64,
        reference_len: reference.len() as u64,
        ..BleuStats::default()
    };
    for order in 1..=MAX_ORDER {
        let candidate_counts = ngram_counts(&candidate, order);
        let reference_counts = ngram_counts(&reference, order);
        stats.matches[order - 1] = candidate_counts
            .iter()
            .map(|(ngram, &count)| count.min(reference_counts.get(ngram).copied().unwrap_or(0)))
            .sum();
        stats.totals[order - 1] = candidate_counts.values().sum();
    }
    stats
}

/// Smoothed sentence-level BLEU-4 of `candidate` against `reference`, from 0.0 to 1.0.
///
/// Why smoothing: a single sentence often has no matching 4-gram, and unsmoothed BLEU is then 0
/// however close the sentence is. Definition, chosen to equal NLTK's
/// `sentence_bleu(..., smoothing_function=SmoothingFunction().method2)`:
/// - `p1 = matches[1] / totals[1]`, unsmoothed;
/// - for n = 2..=4, `pn = (matches[n] + 1) / (max(totals[n], 1) + 1)`: add-one smoothing of
///   Lin & Och (2004). The `max(.., 1)` follows NLTK: a candidate too short to have any n-gram
///   of order n gets `pn = 1/2`, not 1;
/// - brevity penalty `BP = 1` when the candidate is longer than the reference, else
///   `exp(1 - reference_len / candidate_len)`;
/// - `BLEU = BP · exp((ln p1 + ln p2 + ln p3 + ln p4) / 4)`.
///
/// The score is 0.0 when the candidate is empty or shares no word with the reference.
pub fn sentence_bleu(candidate: &str, reference: &str) -> f64 {
    let stats = bleu_stats(candidate, reference);
    if stats.candidate_len == 0 || stats.matches[0] == 0 {
        return 0.0;
    }
    let unigram_precision = stats.matches[0] as f64 / stats.totals[0] as f64;
    let smoothed_precisions = (1..MAX_ORDER)
        .map(|index| (stats.matches[index] + 1) as f64 / (stats.totals[index].max(1) + 1) as f64);
    let precisions = std::iter::once(unigram_precision).chain(smoothed_precisions);
    brevity_penalty(stats.candidate_len, stats.reference_len) * geometric_mean(precisions)
}

/// Corpus-level BLEU-4 over many candidate/reference pairs, from 0.0 to 1.0.
///
/// Why not the mean of sentence scores: corpus BLEU as defined by Papineni et al. pools the
/// counts, so long sentences weigh more and no smoothing is needed. Definition: sum `matches`,
/// `totals`, `candidate_len` and `reference_len` over all pairs; `pn = matches[n] / totals[n]`
/// for n = 1..=4 without smoothing; BP from the summed lengths as in `sentence_bleu`;
/// `BLEU = BP · exp((ln p1 + ln p2 + ln p3 + ln p4) / 4)`.
///
/// The score is 0.0 when there are no pairs, when all candidates are empty, or when any `pn` is
/// 0 (no matching n-gram of some order anywhere in the corpus).
pub fn corpus_bleu(stats: impl IntoIterator<Item = BleuStats>) -> f64 {
    let total = stats.into_iter().fold(BleuStats::default(), add_stats);
    if total.candidate_len == 0 || total.matches.contains(&0) {
        return 0.0;
    }
    let precisions =
        (0..MAX_ORDER).map(|index| total.matches[index] as f64 / total.totals[index] as f64);
    brevity_penalty(total.candidate_len, total.reference_len) * geometric_mean(precisions)
}

fn add_stats(mut sum: BleuStats, stats: BleuStats) -> BleuStats {
    for index in 0..MAX_ORDER {
        sum.matches[index] += stats.matches[index];
        sum.totals[index] += stats.totals[index];
    }
    sum.candidate_len += stats.candidate_len;
    sum.reference_len += stats.reference_len;
    sum
}

/// Penalizes candidates shorter than the reference, which precision alone would reward.
fn brevity_penalty(candidate_len: u64, reference_len: u64) -> f64 {
    if candidate_len > reference_len {
        1.0
    } else {
        (1.0 - reference_len as f64 / candidate_len as f64).exp()
    }
}

/// The geometric mean of positive precisions, computed in log space with uniform weights.
fn geometric_mean(precisions: impl Iterator<Item = f64>) -> f64 {
    let log_sum: f64 = precisions.map(f64::ln).sum();
    (log_sum / MAX_ORDER as f64).exp()
}

/// How often each n-gram of `order` tokens occurs in `tokens`.
fn ngram_counts(tokens: &[String], order: usize) -> BTreeMap<&[String], u64> {
    let mut counts = BTreeMap::new();
    for ngram in tokens.windows(order) {
        *counts.entry(ngram).or_default() += 1;
    }
    counts
}

#[cfg(test)]
#[path = "bleu_tests.rs"]
mod tests;
