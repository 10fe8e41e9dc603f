//! Runs as the store returns them and as the API, the UI and the CLI show them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::metric::MetricSpec;
use super::status::RunStatus;
use super::summary::RunSummary;
use crate::schedule::check::RunCheck;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    pub id: Uuid,
    pub name: String,
    pub dataset_id: Uuid,
    pub dataset: String,
    pub dataset_version: i64,
    pub prompt_name: String,
    pub prompt_version: String,
    pub prompt_version_id: Uuid,
    pub endpoint_id: Uuid,
    pub endpoint: String,
    pub model_name: String,
    pub metrics: Vec<MetricSpec>,
    pub parameters: Map<String, Value>,
    pub status: RunStatus,
    pub progress: Progress,
    /// Set when the run completed (and kept for a cancelled run: the figures so far).
    pub results: Option<RunSummary>,
    /// Why the run failed.
    pub error: Option<String>,
    pub schedule_id: Option<Uuid>,
    /// A scheduled run's check against the previous run of its schedule, once it has ended.
    #[serde(default)]
    pub check: Option<RunCheck>,
    pub created_at: DateTime<Utc>,
    pub queued_at: Option<DateTime<Utc>>,
    pub start_time: Option<DateTime<Utc>>,
    pub end_time: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Samples in the pinned dataset version.
    pub total: u64,
    /// Samples with a result.
    pub done: u64,
    pub passed: u64,
    pub errored: u64,
}

impl Progress {
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.done as f64 / self.total as f64
        }
    }
}

/// The filter of ListRuns; every field narrows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunFilter {
    pub status: Option<RunStatus>,
    pub dataset: Option<String>,
    pub prompt: Option<String>,
    pub model: Option<String>,
}

/// Which per-sample results to show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultFilter {
    #[default]
    All,
    /// Every sample that did not pass, errored ones included.
    Failed,
    Errored,
}

impl ResultFilter {
    pub fn parse(raw: &str) -> Option<ResultFilter> {
        match raw {
            "all" => Some(ResultFilter::All),
            "failed" => Some(ResultFilter::Failed),
            "errored" => Some(ResultFilter::Errored),
            _ => None,
        }
    }
}

/// A window of a run's per-sample results in dataset order; `total` counts the filtered rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultPage {
    pub run_id: Uuid,
    pub filter: ResultFilter,
    pub offset: i64,
    pub limit: i64,
    pub total: i64,
    pub results: Vec<super::result::SampleResult>,
}
