//! Posting the webhook deliveries that are due, and recording how each attempt went.

use std::time::Duration;

use chrono::{DateTime, Utc};
use db::DbError;
use db::schedules::DueDelivery;
use domain::problem::Problem;
use domain::schedule::WebhookDelivery;
use domain::schedule::delivery::Attempt;
use futures_util::future::join_all;
use reqwest::header::CONTENT_TYPE;

use super::Scheduler;

/// How long a receiver has to answer one attempt.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a claimed delivery is kept from other passes; longer than an attempt can take.
pub const DELIVERY_LEASE: Duration = Duration::from_secs(60);
/// Deliveries posted at once in one pass.
const BATCH: i64 = 32;

pub(super) fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(ATTEMPT_TIMEOUT)
        .user_agent("llmops")
        // A redirect is an answer like any other: the receiver's URL is what was configured.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("the HTTP client builds")
}

impl Scheduler {
    /// Posts every delivery due at `now` (at most 32 at once) and records each attempt: a 2xx
    /// delivers; a network error, a timeout, 408, 429 or 5xx is retried 1, 2, 4 and 8 s after
    /// `now` (five attempts in all); anything else fails at once. The deliveries as they now
    /// stand.
    pub async fn deliver_due(&self, now: DateTime<Utc>) -> Result<Vec<WebhookDelivery>, Problem> {
        let pool = &self.inner.pool;
        let lease = chrono::Duration::from_std(DELIVERY_LEASE).expect("a short lease");
        let due = db::schedules::claim_deliveries(pool, now, lease, BATCH).await?;
        let attempts = join_all(due.iter().map(|delivery| self.post(delivery))).await;
        let mut recorded = Vec::with_capacity(due.len());
        for (delivery, attempt) in due.iter().zip(attempts) {
            let made = delivery.attempts + 1;
            let decision = attempt.decide(made, now);
            let outcome = match db::schedules::record_attempt(
                pool,
                delivery.id,
                made,
                &attempt,
                decision,
                now,
            )
            .await
            {
                Ok(outcome) => outcome,
                // Its schedule was deleted meanwhile, and the pending delivery with it.
                Err(DbError::NotFound { .. }) => continue,
                Err(error) => return Err(error.into()),
            };
            tracing::info!(
                delivery = %delivery.id,
                url = %delivery.url,
                attempt = made,
                status = outcome.status.as_str(),
                error = outcome.error.as_deref().unwrap_or(""),
                "webhook attempt"
            );
            recorded.push(outcome);
        }
        Ok(recorded)
    }

    async fn post(&self, delivery: &DueDelivery) -> Attempt {
        let sent = self
            .inner
            .http
            .post(&delivery.url)
            .header(CONTENT_TYPE, "application/json")
            .body(delivery.payload.clone())
            .send()
            .await;
        match sent {
            Ok(response) => Attempt::Answered(response.status().as_u16()),
            Err(error) if error.is_timeout() => {
                Attempt::NoAnswer(format!("no answer within {} s", ATTEMPT_TIMEOUT.as_secs()))
            }
            Err(error) => Attempt::NoAnswer(format!("the post failed: {}", root_cause(&error))),
        }
    }
}

fn root_cause(error: &dyn std::error::Error) -> String {
    let mut cause = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string()
}
