//! Known-answer tests for the shared tokenizations.

use super::*;

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|word| (*word).to_owned()).collect()
}

#[test]
fn normalized_tokens_lowercase_and_drop_articles() {
    assert_eq!(
        normalized_tokens("The Eiffel Tower is in Paris"),
        words(&["eiffel", "tower", "is", "in", "paris"])
    );
    assert_eq!(
        normalized_tokens("An apple a day, the doctor away"),
        words(&["apple", "day", "doctor", "away"])
    );
    // Only whole words are articles.
    assert_eq!(
        normalized_tokens("Theory and anathema"),
        words(&["theory", "and", "anathema"])
    );
}

#[test]
fn normalized_tokens_delete_punctuation_without_splitting() {
    assert_eq!(normalized_tokens("Don't stop!"), words(&["dont", "stop"]));
    assert_eq!(normalized_tokens("U.S.A."), words(&["usa"]));
    assert_eq!(
        normalized_tokens("state-of-the-art"),
        words(&["stateoftheart"])
    );
    assert_eq!(normalized_tokens("$5 + 3 = 8"), words(&["5", "3", "8"]));
    // Unicode punctuation: guillemets, inverted question mark, em dash.
    assert_eq!(normalized_tokens("«¿Qué?» — dijo"), words(&["qué", "dijo"]));
    // Punctuation deleted before articles are dropped: "(the)" is an article.
    assert_eq!(normalized_tokens("(the) end"), words(&["end"]));
}

#[test]
fn normalized_tokens_keep_accented_letters() {
    assert_eq!(normalized_tokens("Café NAÏVE"), words(&["café", "naïve"]));
}

#[test]
fn normalized_tokens_of_blank_text_are_empty() {
    assert!(normalized_tokens("").is_empty());
    assert!(normalized_tokens("  \n\t ").is_empty());
    assert!(normalized_tokens("the a an").is_empty());
    assert!(normalized_tokens("?!...").is_empty());
}

#[test]
fn word_tokens_split_on_non_alphanumerics() {
    assert_eq!(
        word_tokens("The cat sat on the mat."),
        words(&["the", "cat", "sat", "on", "the", "mat"])
    );
    assert_eq!(
        word_tokens("state-of-the-art"),
        words(&["state", "of", "the", "art"])
    );
    assert_eq!(word_tokens("Don't"), words(&["don", "t"]));
    assert_eq!(
        word_tokens("snake_case x2"),
        words(&["snake", "case", "x2"])
    );
    assert_eq!(
        word_tokens("  Café,naïve;NAÏVE  "),
        words(&["café", "naïve", "naïve"])
    );
    assert_eq!(
        word_tokens("日本語 テキスト"),
        words(&["日本語", "テキスト"])
    );
}

#[test]
fn word_tokens_of_blank_text_are_empty() {
    assert!(word_tokens("").is_empty());
    assert!(word_tokens("   ").is_empty());
    assert!(word_tokens("--- !!! ...").is_empty());
}
