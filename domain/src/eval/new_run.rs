//! Creating a run: what to evaluate, against what, and how it is scored.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::metric::{MetricName, MetricSpec, check_metrics};
use crate::error::{FieldError, ValidationError};
use crate::prompt::selector::VersionSelector;

pub const MAX_RUN_NAME_CHARS: usize = 200;

/// A "create a run" request, as sent. A metric is a name (`"exact_match"`) or an object
/// (`{"name": "levenshtein", "threshold": 0.8}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewRun {
    #[serde(default)]
    pub name: Option<String>,
    /// The dataset's id or name.
    pub dataset: String,
    /// Latest when absent.
    #[serde(default)]
    pub dataset_version: Option<i64>,
    pub prompt_name: String,
    /// A version, label, `latest` or `active`; active when absent.
    #[serde(default)]
    pub prompt_version: Option<String>,
    /// The endpoint's name or id.
    pub endpoint: String,
    pub metrics: Vec<Value>,
    /// Call parameters over the endpoint's defaults and the prompt's model settings.
    #[serde(default)]
    pub parameters: Map<String, Value>,
    /// Queue the run at once.
    #[serde(default)]
    pub start: bool,
}

/// A run request whose shape is right; the store still checks that what it names exists.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRequest {
    pub name: Option<String>,
    pub dataset: String,
    pub dataset_version: Option<i64>,
    pub prompt_name: String,
    pub prompt_version: VersionSelector,
    pub endpoint: String,
    pub metrics: Vec<MetricSpec>,
    pub parameters: Map<String, Value>,
    pub start: bool,
}

/// Keys the run sets itself.
const RESERVED_PARAMETERS: [&str; 3] = ["model", "messages", "stream"];

impl NewRun {
    pub fn validate(self) -> Result<RunRequest, ValidationError> {
        let mut problems = Vec::new();
        let name = self
            .name
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty());
        if name
            .as_ref()
            .is_some_and(|name| name.chars().count() > MAX_RUN_NAME_CHARS)
        {
            problems.push(FieldError::new(
                "name",
                format!("must be at most {MAX_RUN_NAME_CHARS} characters"),
            ));
        }
        let dataset = self.dataset.trim().to_owned();
        if dataset.is_empty() {
            problems.push(FieldError::new("dataset", "must name a dataset"));
        }
        if self.dataset_version.is_some_and(|version| version < 0) {
            problems.push(FieldError::new("dataset_version", "must not be negative"));
        }
        let prompt_name = self.prompt_name.trim().to_owned();
        if prompt_name.is_empty() {
            problems.push(FieldError::new("prompt_name", "must name a prompt"));
        }
        let prompt_version = match self.prompt_version.as_deref().map(str::trim) {
            None | Some("") => Some(VersionSelector::Active),
            Some(raw) => VersionSelector::parse(raw)
                .map_err(|error| {
                    problems.push(FieldError::new("prompt_version", error.message));
                })
                .ok(),
        };
        let endpoint = self.endpoint.trim().to_owned();
        if endpoint.is_empty() {
            problems.push(FieldError::new("endpoint", "must name an endpoint"));
        }
        let parsed: Vec<Option<MetricSpec>> = self
            .metrics
            .into_iter()
            .enumerate()
            .map(|(index, raw)| {
                parse_metric(raw)
                    .map_err(|message| {
                        problems.push(FieldError::new(format!("metrics[{index}]"), message))
                    })
                    .ok()
            })
            .collect();
        let mut checked = Vec::new();
        check_metrics(&parsed, &mut checked);
        problems.extend(checked);
        let metrics: Vec<MetricSpec> = parsed.into_iter().flatten().collect();
        for key in RESERVED_PARAMETERS {
            if self.parameters.contains_key(key) {
                problems.push(FieldError::new(
                    format!("parameters.{key}"),
                    "is set by the run itself",
                ));
            }
        }
        match prompt_version {
            Some(prompt_version) if problems.is_empty() => Ok(RunRequest {
                name,
                dataset,
                dataset_version: self.dataset_version,
                prompt_name,
                prompt_version,
                endpoint,
                metrics,
                parameters: self.parameters,
                start: self.start,
            }),
            _ => Err(ValidationError::new("the run is invalid", problems)),
        }
    }
}

fn parse_metric(raw: Value) -> Result<MetricSpec, String> {
    match raw {
        Value::String(name) => MetricName::parse(&name)
            .map(MetricSpec::new)
            .ok_or_else(|| unknown_metric(&name)),
        Value::Object(mut object) => {
            if let Some(Value::String(name)) = object.get("name")
                && MetricName::parse(name).is_none()
            {
                return Err(unknown_metric(name));
            }
            if !object.contains_key("name") {
                return Err("must have a name".to_owned());
            }
            // A threshold of null means none.
            if object.get("threshold") == Some(&Value::Null) {
                object.remove("threshold");
            }
            serde_json::from_value(Value::Object(object)).map_err(|error| error.to_string())
        }
        _ => Err("must be a metric name or an object with a name".to_owned()),
    }
}

fn unknown_metric(name: &str) -> String {
    let known: Vec<&str> = MetricName::ALL.iter().map(|m| m.as_str()).collect();
    format!("unknown metric \"{name}\"; known: {}", known.join(", "))
}

#[cfg(test)]
#[path = "new_run_tests.rs"]
mod tests;
