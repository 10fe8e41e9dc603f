//! Pass/fail string comparisons: each returns 1.0 when the check holds and 0.0 when it does not.
//!
//! They return a number rather than a `bool` so that every scorer in this module has the same
//! shape and their results can be averaged into a pass rate without conversion.

use regex::Regex;

/// 1.0 when `output` and `expected` are equal once leading and trailing whitespace is trimmed
/// from both, else 0.0.
///
/// Why trim: models often add a trailing newline or a leading space that nobody means as part
/// of the answer. Nothing else is forgiven: case, inner whitespace and punctuation must match.
pub fn exact_match(output: &str, expected: &str) -> f64 {
    pass(output.trim() == expected.trim())
}

/// 1.0 when `needle` occurs in `output` as a case-sensitive substring, else 0.0.
///
/// No trimming or normalization. An empty needle is found in every output; callers that want
/// to reject an empty needle must do so before scoring.
pub fn contains(output: &str, needle: &str) -> f64 {
    pass(output.contains(needle))
}

/// 1.0 when `needle` occurs in `output` ignoring case, else 0.0.
///
/// Case is ignored by comparing the Unicode lowercase forms of both strings
/// (`str::to_lowercase`), so "CAFÉ" contains "café". No other normalization is done: an
/// accented letter still differs from its unaccented one.
pub fn icontains(output: &str, needle: &str) -> f64 {
    pass(output.to_lowercase().contains(&needle.to_lowercase()))
}

/// 1.0 when `output`, after trimming its leading whitespace, begins with `prefix`, else 0.0.
///
/// Only the output is trimmed, and only at its start: models often open with a blank line,
/// while the prefix is written by the user and is taken exactly as given. Case-sensitive.
pub fn starts_with(output: &str, prefix: &str) -> f64 {
    pass(output.trim_start().starts_with(prefix))
}

/// 1.0 when `pattern` matches anywhere in `output` (`Regex::is_match`), else 0.0.
///
/// The pattern is not anchored: write `^...$` to require the whole output to match. It takes a
/// compiled `Regex` so that an invalid pattern is reported once, when the metric is defined,
/// rather than once per scored row.
pub fn regex_match(output: &str, pattern: &Regex) -> f64 {
    pass(pattern.is_match(output))
}

fn pass(holds: bool) -> f64 {
    if holds { 1.0 } else { 0.0 }
}

#[cfg(test)]
#[path = "string_match_tests.rs"]
mod tests;
