//! The built-in endpoint: answers with the rendered prompt, for offline pipelines and demos.

use domain::prompt::template::ChatMessage;

use super::Completion;

/// The messages' contents joined by blank lines; tokens are counted as whitespace-separated
/// words, so token metrics still mean something offline.
pub fn complete(messages: &[ChatMessage]) -> Completion {
    let prompt: Vec<&str> = messages.iter().map(|m| m.content.as_str()).collect();
    let text = prompt.join("\n\n");
    let words = text.split_whitespace().count() as u64;
    Completion {
        text,
        prompt_tokens: Some(words),
        completion_tokens: Some(words),
    }
}
