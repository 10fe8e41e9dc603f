//! Calling a model endpoint once or with retries.

mod echo;
mod key_bindings;
mod openai;
mod retrying;

use std::time::Duration;

use domain::eval::endpoint::{Endpoint, EndpointKind};
use domain::prompt::template::ChatMessage;
use serde_json::{Map, Value};

pub use key_bindings::KeyBindings;
pub use retrying::{CallOutcome, call_with_retries};

/// A model's answer to one call.
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    pub text: String,
    pub prompt_tokens: Option<u64>,
    pub completion_tokens: Option<u64>,
}

/// Why a call failed, and whether trying again may help.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct CallError {
    pub message: String,
    pub retryable: bool,
    /// What the server's Retry-After asked for, in milliseconds.
    pub retry_after_ms: Option<u64>,
}

impl CallError {
    pub fn fatal(message: impl Into<String>) -> Self {
        CallError {
            message: message.into(),
            retryable: false,
            retry_after_ms: None,
        }
    }

    pub fn transient(message: impl Into<String>) -> Self {
        CallError {
            message: message.into(),
            retryable: true,
            retry_after_ms: None,
        }
    }
}

/// One HTTP client for every endpoint: connections are pooled per host.
#[derive(Clone)]
pub struct ModelClient {
    http: reqwest::Client,
    keys: std::sync::Arc<KeyBindings>,
}

impl Default for ModelClient {
    fn default() -> Self {
        ModelClient::with_keys(KeyBindings::default())
    }
}

impl ModelClient {
    /// A client that sends the API keys `keys` binds, each only to its origin.
    pub fn with_keys(keys: KeyBindings) -> Self {
        ModelClient {
            http: reqwest::Client::builder()
                .pool_max_idle_per_host(256)
                .tcp_nodelay(true)
                .build()
                .expect("the HTTP client builds"),
            keys: std::sync::Arc::new(keys),
        }
    }

    pub fn keys(&self) -> &KeyBindings {
        &self.keys
    }

    /// One call, bounded by the endpoint's timeout.
    pub async fn complete(
        &self,
        endpoint: &Endpoint,
        model: &str,
        messages: &[ChatMessage],
        parameters: &Map<String, Value>,
    ) -> Result<Completion, CallError> {
        let timeout = Duration::from_millis(endpoint.timeout_ms.into());
        match endpoint.kind {
            EndpointKind::Echo => Ok(echo::complete(messages)),
            EndpointKind::Openai => {
                openai::complete(
                    &self.http, &self.keys, endpoint, model, messages, parameters, timeout,
                )
                .await
            }
        }
    }
}
