//! Schedules as the store returns them and as the API and the UI show them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::check::RunCheck;
use super::cron::CronSchedule;
use super::delivery::WebhookDelivery;
use super::due::{due, next_fire};
use crate::error::FieldError;
use crate::eval::metric::MetricSpec;
use crate::eval::new_run::RunRequest;
use crate::eval::status::RunStatus;
use crate::prompt::selector::VersionSelector;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    pub id: Uuid,
    pub name: String,
    /// Five fields, evaluated in UTC.
    pub cron: String,
    /// The dataset's id or name, as given.
    pub dataset: String,
    /// None: the dataset's latest version at each fire.
    pub dataset_version: Option<i64>,
    pub prompt_name: String,
    /// None: the prompt's active version at each fire; a label is resolved at each fire too.
    pub prompt_version: Option<String>,
    /// The endpoint's name or id, as given.
    pub endpoint: String,
    pub metrics: Vec<MetricSpec>,
    pub parameters: Map<String, Value>,
    pub min_pass_rate: Option<f64>,
    pub webhook_url: Option<String>,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When the schedule was last enabled; ticks before it never fire.
    pub enabled_at: DateTime<Utc>,
    /// The cron tick last fired (or skipped).
    pub last_fired_at: Option<DateTime<Utc>>,
    /// When the schedule fires next, as of the read; None when disabled.
    pub next_fire_at: Option<DateTime<Utc>>,
    /// The newest run of the schedule.
    pub last_run: Option<ScheduledRun>,
    /// The newest webhook delivery of the schedule.
    pub last_delivery: Option<WebhookDelivery>,
    /// Why the last tick created no run.
    pub last_error: Option<String>,
}

/// A run of a schedule, in brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduledRun {
    pub id: Uuid,
    pub name: String,
    pub status: RunStatus,
    /// Set once the run has ended with results.
    pub pass_rate: Option<f64>,
    pub check: Option<RunCheck>,
}

impl Schedule {
    /// The tick to fire at `now`, if any (see [`due`]); ticks that fell while the schedule was
    /// disabled are not fired when it is enabled again.
    pub fn due(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let cron = CronSchedule::parse(&self.cron).ok()?;
        due(&cron, self.window_start(), self.enabled_at, now)
    }

    /// Fills `next_fire_at` as of `now`.
    pub fn with_next_fire(mut self, now: DateTime<Utc>) -> Schedule {
        self.next_fire_at = self
            .enabled
            .then(|| CronSchedule::parse(&self.cron).ok())
            .flatten()
            .and_then(|cron| next_fire(&cron, self.window_start(), self.enabled_at, now));
        self
    }

    fn window_start(&self) -> Option<DateTime<Utc>> {
        self.last_fired_at.filter(|fired| *fired > self.enabled_at)
    }

    /// The run request each fire resolves, named `run_name`.
    pub fn run_request(&self, run_name: String) -> Result<RunRequest, FieldError> {
        let prompt_version = match self.prompt_version.as_deref() {
            None => VersionSelector::Active,
            Some(raw) => VersionSelector::parse(raw)
                .map_err(|error| FieldError::new("prompt_version", error.message))?,
        };
        Ok(RunRequest {
            name: Some(run_name),
            dataset: self.dataset.clone(),
            dataset_version: self.dataset_version,
            prompt_name: self.prompt_name.clone(),
            prompt_version,
            endpoint: self.endpoint.clone(),
            metrics: self.metrics.clone(),
            parameters: self.parameters.clone(),
            start: true,
        })
    }

    /// The name of the run fired for `tick`.
    pub fn run_name_at(&self, tick: DateTime<Utc>) -> String {
        format!("{} {}", self.name, tick.format("%Y-%m-%d %H:%M UTC"))
    }

    /// The name of a run started by hand at `now`.
    pub fn manual_run_name(&self, now: DateTime<Utc>) -> String {
        format!(
            "{} (run now) {}",
            self.name,
            now.format("%Y-%m-%d %H:%M:%S UTC")
        )
    }
}

#[cfg(test)]
#[path = "record_tests.rs"]
mod tests;
