//! Webhook deliveries: their record, and when a failed attempt is tried again.
//!
//! A 2xx answer delivers. A network error, a timeout, 408, 429 or a 5xx is tried again after
//! 1 s, 2 s, 4 s and 8 s (five attempts in all); any other answer fails the delivery at once,
//! since sending the same payload again would get the same answer.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Attempts before a delivery is given up.
pub const MAX_ATTEMPTS: u32 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    Pending,
    Delivered,
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
        }
    }

    pub fn parse(raw: &str) -> Option<DeliveryStatus> {
        [
            DeliveryStatus::Pending,
            DeliveryStatus::Delivered,
            DeliveryStatus::Failed,
        ]
        .into_iter()
        .find(|status| status.as_str() == raw)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebhookDelivery {
    pub id: Uuid,
    pub run_id: Uuid,
    pub url: String,
    pub status: DeliveryStatus,
    pub attempts: u32,
    /// The HTTP status of the last answer.
    pub response_status: Option<u16>,
    /// Why the last attempt did not deliver.
    pub error: Option<String>,
    /// When a pending delivery is tried next.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// How one attempt went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// The receiver answered with this status.
    Answered(u16),
    /// No answer: the connection failed or timed out.
    NoAnswer(String),
}

/// What becomes of a delivery after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Delivered,
    RetryAt(DateTime<Utc>),
    Failed,
}

impl Attempt {
    /// The decision after this attempt, the `attempts`-th (1 for the first), made at `now`.
    pub fn decide(&self, attempts: u32, now: DateTime<Utc>) -> Decision {
        let retryable = match self {
            Attempt::Answered(status) if (200..300).contains(status) => {
                return Decision::Delivered;
            }
            Attempt::Answered(status) => matches!(status, 408 | 429 | 500..=599),
            Attempt::NoAnswer(_) => true,
        };
        if retryable && attempts < MAX_ATTEMPTS {
            Decision::RetryAt(now + retry_delay(attempts))
        } else {
            Decision::Failed
        }
    }

    /// The error recorded for this attempt, if it did not deliver.
    pub fn error(&self) -> Option<String> {
        match self {
            Attempt::Answered(status) if (200..300).contains(status) => None,
            Attempt::Answered(status) => Some(format!("the receiver answered {status}")),
            Attempt::NoAnswer(why) => Some(why.clone()),
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            Attempt::Answered(status) => Some(*status),
            Attempt::NoAnswer(_) => None,
        }
    }
}

/// 1 s after the first attempt, then 2 s, 4 s, 8 s.
pub fn retry_delay(attempts: u32) -> Duration {
    Duration::seconds(1 << attempts.saturating_sub(1).min(10))
}

#[cfg(test)]
#[path = "delivery_tests.rs"]
mod tests;
