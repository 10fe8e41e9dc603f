//! The editor's form state as signals, and its conversion into the draft sent to the server.

use std::sync::atomic::{AtomicU64, Ordering};

use domain::{
    error::FieldError,
    problem::{ErrorCode, Problem},
    prompt::{
        draft::NewVersion,
        model_config::ModelConfig,
        record::PromptVersion,
        template::{ChatMessage, ChatRole, Template, TemplateKind},
        variables::{VarType, VariableSpec},
    },
};
use leptos::prelude::*;
use serde_json::Value;

use crate::components::json_field::parse_json_object;

/// Keys for `<For>` rows; they only need to be unique within one page.
fn next_key() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[derive(Clone, Copy)]
pub struct MessageRow {
    pub key: u64,
    pub role: RwSignal<ChatRole>,
    pub content: RwSignal<String>,
}

impl MessageRow {
    pub fn new(role: ChatRole, content: String) -> Self {
        MessageRow {
            key: next_key(),
            role: RwSignal::new(role),
            content: RwSignal::new(content),
        }
    }
}

#[derive(Clone, Copy)]
pub struct VariableRow {
    pub key: u64,
    pub name: RwSignal<String>,
    pub var_type: RwSignal<VarType>,
    pub required: RwSignal<bool>,
    pub default: RwSignal<String>,
    pub description: RwSignal<String>,
}

impl VariableRow {
    pub fn new() -> Self {
        VariableRow::from_spec(&VariableSpec {
            name: String::new(),
            var_type: VarType::String,
            required: true,
            default: None,
            description: String::new(),
        })
    }

    fn from_spec(spec: &VariableSpec) -> Self {
        let default = match &spec.default {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(text)) => text.clone(),
            Some(other) => other.to_string(),
        };
        VariableRow {
            key: next_key(),
            name: RwSignal::new(spec.name.clone()),
            var_type: RwSignal::new(spec.var_type),
            required: RwSignal::new(spec.required),
            default: RwSignal::new(default),
            description: RwSignal::new(spec.description.clone()),
        }
    }

    fn to_spec(self) -> VariableSpec {
        let var_type = self.var_type.get_untracked();
        let default = self.default.get_untracked();
        VariableSpec {
            name: self.name.get_untracked().trim().to_string(),
            var_type,
            required: self.required.get_untracked(),
            default: typed_default(var_type, &default),
            description: self.description.get_untracked().trim().to_string(),
        }
    }
}

/// Empty means no default. Text that does not parse as the declared type is sent as a string,
/// so that the server names the field and says which type it expected.
fn typed_default(var_type: VarType, text: &str) -> Option<Value> {
    if text.trim().is_empty() {
        return None;
    }
    Some(match var_type {
        VarType::String => Value::String(text.to_string()),
        _ => serde_json::from_str(text.trim()).unwrap_or_else(|_| Value::String(text.to_string())),
    })
}

#[derive(Clone, Copy)]
pub struct ModelFields {
    pub model: RwSignal<String>,
    pub temperature: RwSignal<String>,
    pub max_tokens: RwSignal<String>,
    pub top_p: RwSignal<String>,
    pub stop: RwSignal<String>,
    pub extra: RwSignal<String>,
}

#[derive(Clone, Copy)]
pub struct EditorState {
    pub version: RwSignal<String>,
    pub kind: RwSignal<TemplateKind>,
    pub text: RwSignal<String>,
    pub messages: RwSignal<Vec<MessageRow>>,
    pub variables: RwSignal<Vec<VariableRow>>,
    pub model: ModelFields,
    pub commit_message: RwSignal<String>,
}

impl EditorState {
    pub fn empty() -> Self {
        EditorState {
            version: RwSignal::new(String::new()),
            kind: RwSignal::new(TemplateKind::Text),
            text: RwSignal::new(String::new()),
            messages: RwSignal::new(vec![
                MessageRow::new(ChatRole::System, String::new()),
                MessageRow::new(ChatRole::User, String::new()),
            ]),
            variables: RwSignal::new(Vec::new()),
            model: ModelFields {
                model: RwSignal::new(String::new()),
                temperature: RwSignal::new(String::new()),
                max_tokens: RwSignal::new(String::new()),
                top_p: RwSignal::new(String::new()),
                stop: RwSignal::new(String::new()),
                extra: RwSignal::new(String::new()),
            },
            commit_message: RwSignal::new(String::new()),
        }
    }

    /// Fills the form from an existing version, the usual start of an edit.
    pub fn load(&self, from: &PromptVersion) {
        self.kind.set(from.template.kind());
        match &from.template {
            Template::Text(text) => self.text.set(text.clone()),
            Template::Chat(messages) => self.messages.set(
                messages
                    .iter()
                    .map(|m| MessageRow::new(m.role, m.content.clone()))
                    .collect(),
            ),
        }
        self.variables
            .set(from.variables.iter().map(VariableRow::from_spec).collect());
        let config = &from.model_config;
        let fields = self.model;
        fields.model.set(config.model.clone().unwrap_or_default());
        fields.temperature.set(optional(config.temperature));
        fields.max_tokens.set(optional(config.max_tokens));
        fields.top_p.set(optional(config.top_p));
        fields.stop.set(config.stop.join("\n"));
        fields.extra.set(if config.extra.is_empty() {
            String::new()
        } else {
            serde_json::to_string_pretty(&config.extra).unwrap_or_default()
        });
    }

    /// The draft to send, or the problems found in inputs that cannot even be typed
    /// (a temperature that is not a number, extra settings that are not a JSON object).
    pub fn to_draft(self) -> Result<NewVersion, Problem> {
        let mut problems = Vec::new();
        let template = match self.kind.get_untracked() {
            TemplateKind::Text => Template::Text(self.text.get_untracked()),
            TemplateKind::Chat => Template::Chat(
                self.messages
                    .get_untracked()
                    .into_iter()
                    .map(|row| ChatMessage {
                        role: row.role.get_untracked(),
                        content: row.content.get_untracked(),
                    })
                    .collect(),
            ),
        };
        let variables = self
            .variables
            .get_untracked()
            .into_iter()
            .map(VariableRow::to_spec)
            .collect();
        let model_config = self.model_config(&mut problems);
        let version = self.version.get_untracked().trim().to_string();
        if !problems.is_empty() {
            return Err(Problem {
                code: ErrorCode::ValidationFailed,
                message: "some model settings are not valid".into(),
                details: problems,
            });
        }
        Ok(NewVersion {
            version: (!version.is_empty()).then_some(version),
            template,
            variables,
            model_config,
            commit_message: self.commit_message.get_untracked().trim().to_string(),
        })
    }

    fn model_config(self, problems: &mut Vec<FieldError>) -> ModelConfig {
        let fields = self.model;
        let model = fields.model.get_untracked().trim().to_string();
        let extra = parse_json_object(&fields.extra.get_untracked()).unwrap_or_else(|_| {
            problems.push(FieldError::new(
                "model_config.extra",
                "must be a JSON object, e.g. {\"presence_penalty\": 0.5}",
            ));
            Default::default()
        });
        ModelConfig {
            model: (!model.is_empty()).then_some(model),
            temperature: parse_number(fields.temperature, "model_config.temperature", problems),
            max_tokens: parse_number(fields.max_tokens, "model_config.max_tokens", problems),
            top_p: parse_number(fields.top_p, "model_config.top_p", problems),
            stop: fields
                .stop
                .get_untracked()
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(str::to_string)
                .collect(),
            extra,
        }
    }
}

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn parse_number<T: std::str::FromStr>(
    field: RwSignal<String>,
    name: &str,
    problems: &mut Vec<FieldError>,
) -> Option<T> {
    let text = field.get_untracked();
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    text.parse()
        .map_err(|_| problems.push(FieldError::new(name, "must be a number")))
        .ok()
}
