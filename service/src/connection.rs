//! "Test connection": one small call to an endpoint, reported as it went.

use std::time::Instant;

use domain::eval::{connection::ConnectionReport, endpoint::Endpoint};
use domain::prompt::template::{ChatMessage, ChatRole};
use serde_json::{Map, json};

use crate::client::ModelClient;

/// Asks the model for a one-word answer, without retries, within the endpoint's timeout.
pub async fn test_connection(client: &ModelClient, endpoint: &Endpoint) -> ConnectionReport {
    let messages = [ChatMessage {
        role: ChatRole::User,
        content: "Reply with the single word: OK".to_owned(),
    }];
    let mut parameters = Map::new();
    parameters.insert("max_tokens".into(), json!(8));
    parameters.insert("temperature".into(), json!(0));
    let started = Instant::now();
    let result = client
        .complete(endpoint, &endpoint.model, &messages, &parameters)
        .await;
    let latency_ms = started.elapsed().as_millis() as u64;
    match result {
        Ok(completion) => ConnectionReport {
            ok: true,
            latency_ms,
            reply: Some(completion.text.chars().take(200).collect()),
            error: None,
        },
        Err(error) => ConnectionReport {
            ok: false,
            latency_ms,
            reply: None,
            error: Some(error.message),
        },
    }
}
