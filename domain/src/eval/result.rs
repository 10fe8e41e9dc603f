//! What a run stores for each sample, as soon as it exists.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::prompt::render::Rendered;

/// One metric's outcome on one sample. `value` is None when the metric could not be computed
/// (then `error` says why, and the sample counts as errored).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub metric: String,
    pub value: Option<f64>,
    /// Whether `value` meets the metric's threshold; None without a threshold.
    pub passed: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A sample's result. A result is written once and never replaced: its existence is what tells
/// a resumed run not to call the model again for this sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SampleResult {
    pub sample_id: Uuid,
    pub position: i64,
    pub input: String,
    pub expected_output: String,
    pub rendered: Option<Rendered>,
    pub output: Option<String>,
    pub scores: Vec<Score>,
    pub passed: bool,
    pub errored: bool,
    pub error: Option<String>,
    pub latency_ms: Option<u64>,
    pub prompt_tokens: Option<u64>,
    pub completion_tokens: Option<u64>,
    /// Model calls made for this sample, retries included.
    pub attempts: u32,
    pub finished_at: DateTime<Utc>,
}

/// The most tokens one model call is believed to report (about 10^12). An endpoint that
/// reports more is wrong, and its count is dropped rather than stored: sums of many counts
/// then stay far from overflowing, and every count fits the store's signed integers.
pub const MAX_REPORTED_TOKENS: u64 = 1 << 40;

/// A reported token count, or None when it is beyond belief ([`MAX_REPORTED_TOKENS`]).
pub fn plausible_tokens(reported: Option<u64>) -> Option<u64> {
    reported.filter(|&count| count <= MAX_REPORTED_TOKENS)
}

impl SampleResult {
    pub fn score(&self, metric: &str) -> Option<&Score> {
        self.scores.iter().find(|score| score.metric == metric)
    }

    pub fn total_tokens(&self) -> Option<u64> {
        match (self.prompt_tokens, self.completion_tokens) {
            (None, None) => None,
            (prompt, completion) => {
                Some(prompt.unwrap_or(0).saturating_add(completion.unwrap_or(0)))
            }
        }
    }
}
