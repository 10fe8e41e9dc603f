//! Calls with retries on 429, 5xx, timeouts and connection failures, with backoff and jitter.

use std::time::{Duration, Instant};

use domain::eval::{endpoint::Endpoint, retry::retry_delay_ms};
use domain::prompt::template::ChatMessage;
use rand::Rng;
use serde_json::{Map, Value};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

use super::{CallError, Completion, ModelClient};

/// The last attempt's outcome, how many attempts it took, and the last attempt's latency.
#[derive(Debug)]
pub struct CallOutcome {
    pub result: Result<Completion, CallError>,
    pub attempts: u32,
    pub latency_ms: u64,
}

/// Calls until success, a fatal error, or `max_retries` retries. Each attempt holds a permit
/// of the endpoint's semaphore only while it is on the wire, so a backing-off call leaves its
/// slot to others. None when cancelled.
pub async fn call_with_retries(
    client: &ModelClient,
    endpoint: &Endpoint,
    permits: &Semaphore,
    model: &str,
    messages: &[ChatMessage],
    parameters: &Map<String, Value>,
    cancel: &CancellationToken,
) -> Option<CallOutcome> {
    let mut attempts = 0;
    loop {
        attempts += 1;
        let permit = tokio::select! {
            biased;
            () = cancel.cancelled() => return None,
            permit = permits.acquire() => permit.expect("endpoint semaphores are never closed"),
        };
        let started = Instant::now();
        let result = tokio::select! {
            biased;
            () = cancel.cancelled() => return None,
            result = client.complete(endpoint, model, messages, parameters) => result,
        };
        let latency_ms = started.elapsed().as_millis() as u64;
        drop(permit);
        let retry = match &result {
            Err(error) if error.retryable && attempts <= endpoint.max_retries => {
                Some(error.retry_after_ms)
            }
            _ => None,
        };
        let Some(retry_after_ms) = retry else {
            return Some(CallOutcome {
                result,
                attempts,
                latency_ms,
            });
        };
        let jitter = rand::rng().random::<f64>();
        let wait = Duration::from_millis(retry_delay_ms(attempts, retry_after_ms, jitter));
        tracing::debug!(attempts, ?wait, "retrying a model call");
        tokio::select! {
            biased;
            () = cancel.cancelled() => return None,
            () = tokio::time::sleep(wait) => {}
        }
    }
}
