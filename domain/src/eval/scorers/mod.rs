//! Pure scoring functions: each compares a model output with what was expected.

pub mod bleu;
pub mod json_valid;
pub mod judge;
pub mod levenshtein;
pub mod rouge;
pub mod string_match;
pub mod token_f1;
pub mod tokens;

pub use bleu::{BleuStats, bleu_stats, corpus_bleu, sentence_bleu};
pub use json_valid::json_valid;
pub use judge::{JudgeError, judge_messages, parse_judge_score};
pub use levenshtein::{levenshtein_distance, levenshtein_similarity};
pub use rouge::rouge_l;
pub use string_match::{contains, exact_match, icontains, regex_match, starts_with};
pub use token_f1::token_f1;
pub use tokens::{normalized_tokens, word_tokens};
