//! What "Test connection" reports about a model endpoint.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectionReport {
    pub ok: bool,
    pub latency_ms: u64,
    /// The start of the model's answer.
    pub reply: Option<String>,
    pub error: Option<String>,
}
