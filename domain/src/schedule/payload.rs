//! The JSON a schedule's webhook receives when a scheduled run regresses. Links are absolute,
//! built from the server's public URL.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::check::RunCheck;
use crate::eval::compare::Verdict;
use crate::eval::record::Run;
use crate::eval::status::RunStatus;

pub const REGRESSION_EVENT: &str = "run.regression";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegressionPayload {
    /// Always [`REGRESSION_EVENT`].
    pub event: String,
    pub schedule: ScheduleRef,
    pub run: RunRef,
    pub previous_run: Option<PreviousRunRef>,
    pub reasons: Vec<String>,
    /// None when the run was not compared with a previous one.
    pub comparison: Option<ComparisonSummary>,
    pub checked_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleRef {
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRef {
    pub id: Uuid,
    pub name: String,
    pub status: RunStatus,
    pub pass_rate: Option<f64>,
    /// The run's page.
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviousRunRef {
    pub id: Uuid,
    pub pass_rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonSummary {
    pub verdict: Verdict,
    pub pass_rate_change: Option<f64>,
    pub regressions: u64,
    pub improvements: u64,
    pub mcnemar_p_value: Option<f64>,
    /// The comparison page of the previous run (base) and this one (candidate).
    pub url: String,
}

impl RegressionPayload {
    /// The payload for `run` of `schedule`, checked by `check`. `public_url` is the server's address as its users reach it, without a trailing slash.
    pub fn new(
        schedule: ScheduleRef,
        run: &Run,
        check: &RunCheck,
        public_url: &str,
    ) -> RegressionPayload {
        let comparison = match (check.previous_run_id, check.verdict) {
            (Some(previous), Some(verdict)) => Some(ComparisonSummary {
                verdict,
                pass_rate_change: check.pass_rate_change,
                regressions: check.regressions,
                improvements: check.improvements,
                mcnemar_p_value: check.mcnemar_p_value,
                url: compare_url(public_url, previous, run.id),
            }),
            _ => None,
        };
        RegressionPayload {
            event: REGRESSION_EVENT.to_owned(),
            schedule,
            run: RunRef {
                id: run.id,
                name: run.name.clone(),
                status: run.status,
                pass_rate: check.pass_rate,
                url: run_url(public_url, run.id),
            },
            previous_run: check.previous_run_id.map(|id| PreviousRunRef {
                id,
                pass_rate: check.previous_pass_rate,
            }),
            reasons: check.reasons.clone(),
            comparison,
            checked_at: check.checked_at,
        }
    }
}

/// `{public}/evaluations/{id}`
pub fn run_url(public_url: &str, run_id: Uuid) -> String {
    format!("{}/evaluations/{run_id}", public_url.trim_end_matches('/'))
}

/// `{public}/evaluations/compare?base={base}&candidate={candidate}`
pub fn compare_url(public_url: &str, base: Uuid, candidate: Uuid) -> String {
    format!(
        "{}/evaluations/compare?base={base}&candidate={candidate}",
        public_url.trim_end_matches('/')
    )
}

#[cfg(test)]
#[path = "payload_tests.rs"]
mod tests;
