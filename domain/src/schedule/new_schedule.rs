//! Creating a schedule: a run definition, when to run it, and what to do with a regression.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::cron::CronSchedule;
use super::webhook::check_webhook_url;
use crate::error::{FieldError, ValidationError};
use crate::eval::new_run::{MAX_RUN_NAME_CHARS, NewRun, RunRequest};

/// A "create a schedule" request, as sent. The run fields mean what they mean for a run
/// (`POST /runs`), except that what is left open is resolved at each fire: no
/// `dataset_version` runs the dataset's latest version then, no `prompt_version` the prompt's
/// active version then (a label is resolved then too).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSchedule {
    pub name: String,
    /// Five fields, UTC: minute hour day-of-month month day-of-week.
    pub cron: String,
    /// The dataset's id or name.
    pub dataset: String,
    #[serde(default)]
    pub dataset_version: Option<i64>,
    pub prompt_name: String,
    #[serde(default)]
    pub prompt_version: Option<String>,
    /// The endpoint's name or id.
    pub endpoint: String,
    /// The same shapes as a run's: a name or an object with a name and settings.
    pub metrics: Vec<Value>,
    #[serde(default)]
    pub parameters: Map<String, Value>,
    /// A scheduled run that completes below this pass rate is marked as a regression too.
    #[serde(default)]
    pub min_pass_rate: Option<f64>,
    /// Posted to when a scheduled run regresses; an empty string means none.
    #[serde(default)]
    pub webhook_url: Option<String>,
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
}

fn enabled_by_default() -> bool {
    true
}

/// A schedule request whose shape is right; the store still checks that what it names exists.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidSchedule {
    pub name: String,
    pub cron: CronSchedule,
    /// What each fire creates and starts; `run.name` is the schedule's name and `run.start`
    /// is true.
    pub run: RunRequest,
    pub min_pass_rate: Option<f64>,
    pub webhook_url: Option<String>,
    pub enabled: bool,
}

impl NewSchedule {
    /// Checks every field and reports every problem at once: `name` (required, at most
    /// 200 characters), `cron` (with the reason), the run's fields exactly as a run reports
    /// them (`dataset`, `prompt_version`, `metrics[1].threshold`, ...), `min_pass_rate`
    /// (between 0 and 1) and `webhook_url` (an http(s) URL).
    pub fn validate(self) -> Result<ValidSchedule, ValidationError> {
        let mut problems = Vec::new();
        let name = self.name.trim().to_owned();
        if name.is_empty() {
            problems.push(FieldError::new("name", "must not be empty"));
        } else if name.chars().count() > MAX_RUN_NAME_CHARS {
            problems.push(FieldError::new(
                "name",
                format!("must be at most {MAX_RUN_NAME_CHARS} characters"),
            ));
        }
        let cron = CronSchedule::parse(&self.cron)
            .map_err(|error| problems.push(error))
            .ok();
        let run = NewRun {
            // The name is checked above; the run's own check would repeat it.
            name: None,
            dataset: self.dataset,
            dataset_version: self.dataset_version,
            prompt_name: self.prompt_name,
            prompt_version: self.prompt_version,
            endpoint: self.endpoint,
            metrics: self.metrics,
            parameters: self.parameters,
            start: true,
        }
        .validate()
        .map_err(|error| problems.extend(error.details))
        .ok();
        if let Some(rate) = self.min_pass_rate
            && !(rate.is_finite() && (0.0..=1.0).contains(&rate))
        {
            problems.push(FieldError::new("min_pass_rate", "must be between 0 and 1"));
        }
        let webhook_url = self
            .webhook_url
            .map(|url| url.trim().to_owned())
            .filter(|url| !url.is_empty());
        if let Some(url) = &webhook_url
            && let Err(message) = check_webhook_url(url)
        {
            problems.push(FieldError::new("webhook_url", message));
        }
        match (cron, run) {
            (Some(cron), Some(mut run)) if problems.is_empty() => {
                run.name = Some(name.clone());
                Ok(ValidSchedule {
                    name,
                    cron,
                    run,
                    min_pass_rate: self.min_pass_rate,
                    webhook_url,
                    enabled: self.enabled,
                })
            }
            _ => Err(ValidationError::new("the schedule is invalid", problems)),
        }
    }
}

#[cfg(test)]
#[path = "new_schedule_tests.rs"]
mod tests;
