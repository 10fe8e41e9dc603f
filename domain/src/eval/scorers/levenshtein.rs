//! Edit distance between two strings, and a 0..=1 similarity derived from it.

/// The Levenshtein distance: the least number of single-character insertions, deletions and
/// substitutions that turn `a` into `b`.
///
/// Characters are Unicode scalar values (`char`), not bytes, so "café" → "cafe" is one edit
/// even though "é" takes two bytes. Grapheme clusters are not joined: "e" followed by a
/// combining accent is two characters. No case folding or trimming is done.
///
/// Runs in O(len(a) · len(b)) time and keeps only two rows of the table, each as long as the
/// shorter string, so memory is O(min(len(a), len(b))).
pub fn levenshtein_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (longer, shorter) = if a.len() >= b.len() { (a, b) } else { (b, a) };

    // previous[j] = distance between the first i-1 chars of `longer` and the first j of `shorter`.
    let mut previous: Vec<usize> = (0..=shorter.len()).collect();
    let mut current = vec![0; shorter.len() + 1];
    for (i, &long_char) in longer.iter().enumerate() {
        current[0] = i + 1;
        for (j, &short_char) in shorter.iter().enumerate() {
            let substitution = previous[j] + usize::from(long_char != short_char);
            let deletion = previous[j + 1] + 1;
            let insertion = current[j] + 1;
            current[j + 1] = substitution.min(deletion).min(insertion);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[shorter.len()]
}

/// How alike `output` and `expected` are, from 0.0 (nothing in common) to 1.0 (identical).
///
/// Definition: `1 - levenshtein_distance(output, expected) / max(chars(output), chars(expected))`,
/// where `chars` counts Unicode scalar values. Dividing by the longer length keeps the result
/// within 0..=1, since the distance never exceeds it. Two empty strings are identical: 1.0.
/// Like the distance, it does no case folding and no trimming, so "Paris" and "paris " differ
/// by two edits.
pub fn levenshtein_similarity(output: &str, expected: &str) -> f64 {
    let longer_len = output.chars().count().max(expected.chars().count());
    if longer_len == 0 {
        return 1.0;
    }
    1.0 - levenshtein_distance(output, expected) as f64 / longer_len as f64
}

#[cfg(test)]
#[path = "levenshtein_tests.rs"]
mod tests;
