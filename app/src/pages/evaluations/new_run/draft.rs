//! What the new-run form holds when it is sent, as plain text, and the request made of it: a
//! run, or a schedule that makes runs. Only what cannot be sent at all is checked here (call
//! parameters that are not a JSON object, a pass rate that is not a number); the server checks
//! the rest and names each field at fault.

use domain::{
    eval::{metric::MetricName, new_run::NewRun},
    problem::{ErrorCode, Problem},
    schedule::NewSchedule,
};
use serde_json::{Map, Value, json};

use crate::components::json_field::parse_json_object;

/// The form as sent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunDraft {
    pub name: String,
    pub dataset: String,
    /// Empty for the latest version.
    pub dataset_version: String,
    pub prompt: String,
    /// Empty for the active version.
    pub prompt_version: String,
    pub endpoint: String,
    /// The ticked metrics, in the order of the grid: the request's order.
    pub metrics: Vec<MetricDraft>,
    pub parameters: String,
    pub start: bool,
    /// Set when the run is to repeat on a schedule instead.
    pub schedule: Option<ScheduleDraft>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MetricDraft {
    pub name: MetricName,
    pub threshold: String,
    /// The text of the metric's option input, for the metrics that have one.
    pub option: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScheduleDraft {
    pub cron: String,
    /// A fraction such as `0.9`, or a percentage such as `90%`; empty for none.
    pub min_pass_rate: String,
    pub webhook_url: String,
}

/// What the form sends.
#[derive(Debug, Clone, PartialEq)]
pub enum Submission {
    Run(NewRun),
    Schedule(NewSchedule),
}

/// The setting some metrics take besides a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricOption {
    /// Its key in the request's metric object, and in the field names of its errors.
    pub key: &'static str,
    pub placeholder: &'static str,
}

pub fn metric_option(name: MetricName) -> Option<MetricOption> {
    let (key, placeholder) = match name {
        MetricName::Regex => ("pattern", "Pattern, e.g. ^\\d+$"),
        MetricName::Contains | MetricName::Icontains | MetricName::StartsWith => {
            ("value", "Text (default: expected output)")
        }
        MetricName::LlmJudge => ("rubric", "What a good answer does"),
        _ => return None,
    };
    Some(MetricOption { key, placeholder })
}

impl MetricDraft {
    /// The request's metric object; a threshold that is not a number is sent as text so the
    /// server names it.
    fn to_value(&self) -> Value {
        let mut metric = Map::new();
        metric.insert("name".into(), json!(self.name.as_str()));
        let threshold = self.threshold.trim();
        if !threshold.is_empty() {
            metric.insert(
                "threshold".into(),
                threshold
                    .parse::<f64>()
                    .map_or(json!(threshold), |t| json!(t)),
            );
        }
        if let Some(option) = metric_option(self.name)
            && !self.option.trim().is_empty()
        {
            metric.insert(option.key.into(), json!(self.option));
        }
        Value::Object(metric)
    }
}

impl RunDraft {
    pub fn to_submission(&self) -> Result<Submission, Problem> {
        let parameters = parse_json_object(&self.parameters).map_err(|_| {
            Problem::new(
                ErrorCode::ValidationFailed,
                "the parameters are not a JSON object",
            )
            .with_field(
                "parameters",
                "must be a JSON object, e.g. {\"temperature\": 0}",
            )
        })?;
        let metrics = self.metrics.iter().map(MetricDraft::to_value).collect();
        let prompt_version = Some(self.prompt_version.clone()).filter(|v| !v.is_empty());
        let Some(schedule) = &self.schedule else {
            return Ok(Submission::Run(NewRun {
                name: Some(self.name.clone()).filter(|n| !n.trim().is_empty()),
                dataset: self.dataset.clone(),
                dataset_version: self.dataset_version.parse().ok(),
                prompt_name: self.prompt.clone(),
                prompt_version,
                endpoint: self.endpoint.clone(),
                metrics,
                parameters,
                start: self.start,
            }));
        };
        Ok(Submission::Schedule(NewSchedule {
            name: self.name.clone(),
            cron: schedule.cron.clone(),
            dataset: self.dataset.clone(),
            dataset_version: self.dataset_version.parse().ok(),
            prompt_name: self.prompt.clone(),
            prompt_version,
            endpoint: self.endpoint.clone(),
            metrics,
            parameters,
            min_pass_rate: parse_pass_rate(&schedule.min_pass_rate)?,
            webhook_url: Some(schedule.webhook_url.clone()).filter(|u| !u.trim().is_empty()),
            enabled: true,
        }))
    }
}

fn parse_pass_rate(text: &str) -> Result<Option<f64>, Problem> {
    let raw = text.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.trim_end_matches('%').parse::<f64>() {
        Ok(rate) if raw.ends_with('%') => Ok(Some(rate / 100.0)),
        Ok(rate) => Ok(Some(rate)),
        Err(_) => Err(Problem::new(
            ErrorCode::ValidationFailed,
            "the minimum pass rate is not a number",
        )
        .with_field(
            "min_pass_rate",
            "must be a number between 0 and 1 (or a percentage)",
        )),
    }
}

/// What a ticked metric starts with: yes/no metrics must be yes; a judge must reach 0.7.
pub fn default_threshold(name: MetricName) -> &'static str {
    if name.is_boolean() {
        "1"
    } else if name == MetricName::LlmJudge {
        "0.7"
    } else {
        ""
    }
}

#[cfg(test)]
#[path = "draft_tests.rs"]
mod tests;
