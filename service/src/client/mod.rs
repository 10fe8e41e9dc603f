//! Calling a model endpoint once or with retries.

mod echo;
mod openai;
mod retrying;

use std::time::Duration;

use domain::eval::endpoint::{Endpoint, EndpointKind};
use domain::prompt::template::ChatMessage;
use serde_json::{Map, Value};

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
}

impl Default for ModelClient {
    fn default() -> Self {
        ModelClient {
            http: reqwest::Client::builder()
                .pool_max_idle_per_host(256)
                .tcp_nodelay(true)
                .build()
                .expect("the HTTP client builds"),
        }
    }
}

impl ModelClient {
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
                openai::complete(&self.http, endpoint, model, messages, parameters, timeout).await
            }
        }
    }
}
