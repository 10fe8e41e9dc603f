//! Prompt templates: a single text or a list of chat messages, each a Jinja source.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChatRole {
    System,
    User,
    Assistant,
}

impl ChatRole {
    pub fn as_str(self) -> &'static str {
        match self {
            ChatRole::System => "system",
            ChatRole::User => "user",
            ChatRole::Assistant => "assistant",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatMessage {
    pub role: ChatRole,
    pub content: String,
}

/// A text template (a JSON string) or a chat template (a JSON array of messages).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Template {
    Text(String),
    Chat(Vec<ChatMessage>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateKind {
    Text,
    Chat,
}

impl TemplateKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateKind::Text => "text",
            TemplateKind::Chat => "chat",
        }
    }
}

impl Template {
    pub fn kind(&self) -> TemplateKind {
        match self {
            Template::Text(_) => TemplateKind::Text,
            Template::Chat(_) => TemplateKind::Chat,
        }
    }

    /// Each template source with the field name used in errors: ("template", src) for text; ("template[i].content", src) for chat.
    pub fn sources(&self) -> Vec<(String, &str)> {
        match self {
            Template::Text(text) => vec![("template".to_owned(), text.as_str())],
            Template::Chat(messages) => messages
                .iter()
                .enumerate()
                .map(|(index, message)| {
                    (
                        format!("template[{index}].content"),
                        message.content.as_str(),
                    )
                })
                .collect(),
        }
    }

    /// Human-readable text used for diffs: text as is; chat as "### system\n<content>\n\n### user\n<content>..."
    pub fn display_text(&self) -> String {
        match self {
            Template::Text(text) => text.clone(),
            Template::Chat(messages) => messages
                .iter()
                .map(|message| format!("### {}\n{}", message.role.as_str(), message.content))
                .collect::<Vec<_>>()
                .join("\n\n"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn chat() -> Template {
        Template::Chat(vec![
            ChatMessage {
                role: ChatRole::System,
                content: "Be brief.".to_owned(),
            },
            ChatMessage {
                role: ChatRole::User,
                content: "{{ question }}".to_owned(),
            },
        ])
    }

    #[test]
    fn a_json_string_is_a_text_template_and_an_array_is_a_chat_template() {
        let text: Template = serde_json::from_value(json!("Hi {{ name }}")).unwrap();
        assert_eq!(text, Template::Text("Hi {{ name }}".to_owned()));
        assert_eq!(text.kind(), TemplateKind::Text);
        let parsed: Template = serde_json::from_value(json!([
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "{{ question }}"}
        ]))
        .unwrap();
        assert_eq!(parsed, chat());
        assert_eq!(parsed.kind(), TemplateKind::Chat);
        assert_eq!(
            serde_json::to_value(&parsed).unwrap()[1],
            json!({"role": "user", "content": "{{ question }}"})
        );
    }

    #[test]
    fn an_unknown_role_is_not_a_template() {
        let parsed = serde_json::from_value::<Template>(json!([{"role": "tool", "content": "x"}]));
        assert!(parsed.is_err());
    }

    #[test]
    fn sources_name_the_field_each_one_came_from() {
        assert_eq!(
            Template::Text("Hi".to_owned()).sources(),
            [("template".to_owned(), "Hi")]
        );
        assert_eq!(
            chat().sources(),
            [
                ("template[0].content".to_owned(), "Be brief."),
                ("template[1].content".to_owned(), "{{ question }}")
            ]
        );
    }

    #[test]
    fn display_text_shows_chat_messages_under_role_headings() {
        assert_eq!(Template::Text("Hi\n".to_owned()).display_text(), "Hi\n");
        assert_eq!(
            chat().display_text(),
            "### system\nBe brief.\n\n### user\n{{ question }}"
        );
    }
}
