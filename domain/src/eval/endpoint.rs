//! Model endpoints: where a run sends its prompts, and how hard it may push them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::error::{FieldError, ValidationError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndpointKind {
    /// Any OpenAI-compatible chat-completions server (OpenAI, vLLM, llama.cpp, Ollama, ...).
    Openai,
    /// Built in: answers with the rendered prompt, for offline pipelines and demos.
    Echo,
}

impl EndpointKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EndpointKind::Openai => "openai",
            EndpointKind::Echo => "echo",
        }
    }

    pub fn parse(raw: &str) -> Option<EndpointKind> {
        [EndpointKind::Openai, EndpointKind::Echo]
            .into_iter()
            .find(|kind| kind.as_str() == raw)
    }
}

pub const DEFAULT_MAX_CONCURRENCY: u32 = 4;
pub const MAX_MAX_CONCURRENCY: u32 = 256;
pub const DEFAULT_TIMEOUT_MS: u32 = 60_000;
pub const MIN_TIMEOUT_MS: u32 = 100;
pub const MAX_TIMEOUT_MS: u32 = 600_000;
pub const DEFAULT_MAX_RETRIES: u32 = 3;
pub const MAX_MAX_RETRIES: u32 = 10;

/// A stored endpoint. The API key itself is never stored: only the name of the server's
/// environment variable that holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Endpoint {
    pub id: Uuid,
    pub name: String,
    pub kind: EndpointKind,
    pub base_url: String,
    pub model: String,
    pub api_key_env: Option<String>,
    pub max_concurrency: u32,
    pub timeout_ms: u32,
    pub max_retries: u32,
    pub default_parameters: Map<String, Value>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A create or update request, as sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewEndpoint {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub base_url: String,
    #[serde(default)]
    pub model: String,
    #[serde(default)]
    pub api_key_env: Option<String>,
    #[serde(default)]
    pub max_concurrency: Option<u32>,
    #[serde(default)]
    pub timeout_ms: Option<u32>,
    #[serde(default)]
    pub max_retries: Option<u32>,
    #[serde(default)]
    pub default_parameters: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidEndpoint {
    pub name: String,
    pub kind: EndpointKind,
    /// Without a trailing slash; empty for echo.
    pub base_url: String,
    pub model: String,
    pub api_key_env: Option<String>,
    pub max_concurrency: u32,
    pub timeout_ms: u32,
    pub max_retries: u32,
    pub default_parameters: Map<String, Value>,
}

/// Keys the endpoint sets itself; a default parameter may not override them.
const RESERVED_PARAMETERS: [&str; 3] = ["model", "messages", "stream"];

impl NewEndpoint {
    pub fn validate(self) -> Result<ValidEndpoint, ValidationError> {
        let mut problems = Vec::new();
        let name = self.name.trim().to_owned();
        if let Err(message) = check_name(&name) {
            problems.push(FieldError::new("name", message));
        }
        let kind = EndpointKind::parse(&self.kind);
        if kind.is_none() {
            problems.push(FieldError::new("kind", "must be openai or echo"));
        }
        let base_url = self.base_url.trim().trim_end_matches('/').to_owned();
        let model = self.model.trim().to_owned();
        if kind == Some(EndpointKind::Openai) {
            if let Err(message) = check_base_url(&base_url) {
                problems.push(FieldError::new("base_url", message));
            }
            if model.is_empty() {
                problems.push(FieldError::new(
                    "model",
                    "is required for an openai endpoint",
                ));
            }
        } else if kind == Some(EndpointKind::Echo) && !base_url.is_empty() {
            problems.push(FieldError::new(
                "base_url",
                "is not used by an echo endpoint",
            ));
        }
        if model.chars().count() > 200 {
            problems.push(FieldError::new("model", "must be at most 200 characters"));
        }
        let api_key_env = self
            .api_key_env
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty());
        if let Some(var) = &api_key_env
            && !is_env_var_name(var)
        {
            problems.push(FieldError::new(
                "api_key_env",
                "must be the name of an environment variable such as OPENAI_API_KEY (upper-case letters, digits, _), not the key itself",
            ));
        }
        let max_concurrency = self.max_concurrency.unwrap_or(DEFAULT_MAX_CONCURRENCY);
        if !(1..=MAX_MAX_CONCURRENCY).contains(&max_concurrency) {
            problems.push(FieldError::new(
                "max_concurrency",
                format!("must be between 1 and {MAX_MAX_CONCURRENCY}"),
            ));
        }
        let timeout_ms = self.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS);
        if !(MIN_TIMEOUT_MS..=MAX_TIMEOUT_MS).contains(&timeout_ms) {
            problems.push(FieldError::new(
                "timeout_ms",
                format!("must be between {MIN_TIMEOUT_MS} and {MAX_TIMEOUT_MS}"),
            ));
        }
        let max_retries = self.max_retries.unwrap_or(DEFAULT_MAX_RETRIES);
        if max_retries > MAX_MAX_RETRIES {
            problems.push(FieldError::new(
                "max_retries",
                format!("must be at most {MAX_MAX_RETRIES}"),
            ));
        }
        for key in RESERVED_PARAMETERS {
            if self.default_parameters.contains_key(key) {
                problems.push(FieldError::new(
                    format!("default_parameters.{key}"),
                    "is set by the endpoint itself",
                ));
            }
        }
        match kind {
            Some(kind) if problems.is_empty() => Ok(ValidEndpoint {
                name,
                kind,
                base_url,
                model: if model.is_empty() {
                    "echo".to_owned()
                } else {
                    model
                },
                api_key_env,
                max_concurrency,
                timeout_ms,
                max_retries,
                default_parameters: self.default_parameters,
            }),
            _ => Err(ValidationError::new("the endpoint is invalid", problems)),
        }
    }
}

fn check_name(name: &str) -> Result<(), String> {
    let valid_chars = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if name.is_empty() {
        Err("must not be empty".to_owned())
    } else if name.chars().count() > 100 {
        Err("must be at most 100 characters".to_owned())
    } else if !valid_chars {
        Err("may contain only letters, digits, '-', '_' and '.'".to_owned())
    } else {
        Ok(())
    }
}

/// An absolute http(s) URL with a host, without query or fragment, e.g. http://127.0.0.1:8080/v1.
pub fn check_base_url(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Err("is required for an openai endpoint".to_owned());
    }
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .ok_or("must start with http:// or https://")?;
    let authority = rest.split('/').next().unwrap_or_default();
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(']') || authority.starts_with('[') => {
            if port.is_empty() || port.parse::<u16>().is_err() {
                return Err("has an invalid port".to_owned());
            }
            host
        }
        _ => authority,
    };
    if host.is_empty() || host.contains('@') {
        return Err("must name a host".to_owned());
    }
    let host_chars_ok = host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '[' | ']' | ':'));
    if !host_chars_ok {
        return Err("has an invalid host".to_owned());
    }
    if url.contains(['?', '#', ' ']) {
        return Err("must not contain a query, fragment or spaces".to_owned());
    }
    Ok(())
}

/// Upper-case letters, digits and `_`, as environment variables are conventionally named: this
/// also refuses a pasted key, since keys (`sk-...`, `sk_live_...`) contain lower-case letters.
fn is_env_var_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_uppercase() || c == '_')
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && name.len() <= 128
}

#[cfg(test)]
#[path = "endpoint_tests.rs"]
mod tests;
