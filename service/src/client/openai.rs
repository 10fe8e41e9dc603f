//! OpenAI-compatible chat completions: OpenAI, vLLM, llama.cpp's server, Ollama and others.

use std::time::Duration;

use chrono::Utc;
use domain::eval::{endpoint::Endpoint, result::plausible_tokens, retry::parse_retry_after};
use domain::prompt::template::ChatMessage;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::{CallError, Completion};

#[derive(Deserialize)]
struct Response {
    choices: Vec<Choice>,
    #[serde(default)]
    usage: Option<Usage>,
}

#[derive(Deserialize)]
struct Choice {
    message: Message,
}

#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    content: Option<String>,
}

#[derive(Deserialize)]
struct Usage {
    #[serde(default)]
    prompt_tokens: Option<u64>,
    #[serde(default)]
    completion_tokens: Option<u64>,
}

pub async fn complete(
    http: &reqwest::Client,
    keys: &super::KeyBindings,
    endpoint: &Endpoint,
    model: &str,
    messages: &[ChatMessage],
    parameters: &Map<String, Value>,
    timeout: Duration,
) -> Result<Completion, CallError> {
    let mut body = parameters.clone();
    body.insert("model".into(), json!(model));
    body.insert("messages".into(), json!(messages));
    let mut request = http
        .post(format!("{}/chat/completions", endpoint.base_url))
        .timeout(timeout)
        .json(&body);
    if let Some(var) = &endpoint.api_key_env {
        let key = keys
            .key(var, &endpoint.base_url)
            .map_err(CallError::fatal)?;
        request = request.bearer_auth(key);
    }
    let response = request
        .send()
        .await
        .map_err(|error| describe(&error, timeout))?;
    let status = response.status();
    if status.as_u16() == 429 || status.is_server_error() {
        let retry_after_ms = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, Utc::now()));
        let excerpt = excerpt(&response.text().await.unwrap_or_default());
        return Err(CallError {
            message: format!("the endpoint answered {status}: {excerpt}"),
            retryable: true,
            retry_after_ms,
        });
    }
    if !status.is_success() {
        let excerpt = excerpt(&response.text().await.unwrap_or_default());
        return Err(CallError::fatal(format!(
            "the endpoint answered {status}: {excerpt}"
        )));
    }
    let bytes = response
        .bytes()
        .await
        .map_err(|error| describe(&error, timeout))?;
    let parsed: Response = serde_json::from_slice(&bytes).map_err(|error| {
        CallError::fatal(format!(
            "the endpoint's answer is not a chat completion ({error}): {}",
            excerpt(&String::from_utf8_lossy(&bytes))
        ))
    })?;
    let choice = parsed
        .choices
        .into_iter()
        .next()
        .ok_or_else(|| CallError::fatal("the endpoint answered with no choices"))?;
    let usage = parsed.usage.unwrap_or(Usage {
        prompt_tokens: None,
        completion_tokens: None,
    });
    Ok(Completion {
        text: choice.message.content.unwrap_or_default(),
        prompt_tokens: plausible_tokens(usage.prompt_tokens),
        completion_tokens: plausible_tokens(usage.completion_tokens),
    })
}

fn describe(error: &reqwest::Error, timeout: Duration) -> CallError {
    if error.is_timeout() {
        CallError::transient(format!(
            "no answer within the endpoint's timeout of {} ms",
            timeout.as_millis()
        ))
    } else if error.is_connect() {
        CallError::transient(format!(
            "could not connect to the endpoint: {}",
            root_cause(error)
        ))
    } else {
        CallError::transient(format!("the call failed: {}", root_cause(error)))
    }
}

fn root_cause(error: &dyn std::error::Error) -> String {
    let mut cause = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string()
}

fn excerpt(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 200 {
        format!("{}…", flat.chars().take(200).collect::<String>())
    } else {
        flat
    }
}
