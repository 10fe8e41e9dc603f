//! The two tokenizations the overlap metrics share, so that every metric splits text the same way.

use std::sync::OnceLock;

use regex::Regex;

/// SQuAD-style answer normalization, then a split into words; the input of `token_f1`.
///
/// Why: short-answer grading should not hinge on case, punctuation or an added "the".
/// Definition, in order:
/// 1. lowercase (Unicode, `str::to_lowercase`);
/// 2. delete every punctuation character without leaving a space, so "don't" becomes "dont"
///    and "U.S.A." becomes "usa". Punctuation means Unicode general category P (`\p{P}`, which
///    covers « » ¿ — and the like) plus the ASCII symbols `` $ + < = > ^ ` | ~ ``, so that on ASCII
///    text exactly Python's `string.punctuation` is deleted, as in the official SQuAD script;
/// 3. split on Unicode whitespace;
/// 4. drop the English articles "a", "an" and "the" when they are a whole word.
pub fn normalized_tokens(text: &str) -> Vec<String> {
    let lowercase = text.to_lowercase();
    let without_punctuation = punctuation().replace_all(&lowercase, "");
    without_punctuation
        .split_whitespace()
        .filter(|word| !matches!(*word, "a" | "an" | "the"))
        .map(str::to_owned)
        .collect()
}

/// Lowercased words; the input of BLEU and ROUGE-L.
///
/// Definition: lowercase (Unicode, `str::to_lowercase`), then split on every character that is
/// not alphanumeric (`char::is_alphanumeric`: Unicode Alphabetic or Numeric), dropping the
/// empty pieces. Punctuation thus separates words ("state-of-the-art" gives four words) and
/// never becomes a token, while letters such as "é" or "ï" stay inside their word.
pub fn word_tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|piece| !piece.is_empty())
        .map(str::to_owned)
        .collect()
}

fn punctuation() -> &'static Regex {
    static PUNCTUATION: OnceLock<Regex> = OnceLock::new();
    PUNCTUATION.get_or_init(|| Regex::new(r"[\p{P}$+<=>^`|~]").expect("valid punctuation class"))
}

#[cfg(test)]
#[path = "tokens_tests.rs"]
mod tests;
