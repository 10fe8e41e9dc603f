//! Recording a metric value: the variant and metric must be declared by the experiment and the
//! value must suit the metric's kind.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::definition::ValidExperiment;
use super::limits::{MAX_OBSERVATIONS_PER_REQUEST, MAX_USER_ID_CHARS};
use crate::error::{FieldError, ValidationError};
use crate::problem::{ErrorCode, Problem};

/// One "record a metric" body: `{"variant_id", "metric", "value", "user_id"?}`.
///
/// `value` stays a JSON value so that a wrong type is reported beside the other problems; a
/// number is accepted, and for proportion metrics also `true`/`false` (1/0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewObservation {
    pub variant_id: String,
    pub metric: String,
    pub value: Value,
    #[serde(default)]
    pub user_id: Option<String>,
}

/// A checked observation, ready to be merged into the (variant, metric) statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidObservation {
    pub variant_index: usize,
    pub metric_index: usize,
    /// Finite; 0 or 1 for a proportion metric.
    pub value: f64,
    pub user_id: Option<String>,
}

impl NewObservation {
    /// Checks against `experiment`; every problem is reported, fields named as in the body.
    pub fn validate(
        self,
        experiment: &ValidExperiment,
    ) -> Result<ValidObservation, ValidationError> {
        let mut problems = Vec::new();
        let observation = self.check(experiment, "", &mut problems);
        match observation {
            Some(observation) if problems.is_empty() => Ok(observation),
            _ => Err(ValidationError::new(
                "the metric record is invalid",
                problems,
            )),
        }
    }

    fn check(
        self,
        experiment: &ValidExperiment,
        prefix: &str,
        problems: &mut Vec<FieldError>,
    ) -> Option<ValidObservation> {
        let before = problems.len();
        let field = |name: &str| format!("{prefix}{name}");
        let variant_index = experiment.variant_index(&self.variant_id);
        if variant_index.is_none() {
            problems.push(FieldError::new(
                field("variant_id"),
                format!(
                    "must be one of the variant ids: {}",
                    experiment
                        .variants
                        .iter()
                        .map(|v| v.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        let metric_index = experiment.metric_index(&self.metric);
        if metric_index.is_none() {
            problems.push(FieldError::new(
                field("metric"),
                format!(
                    "must be one of the declared metrics: {}",
                    experiment
                        .metrics
                        .iter()
                        .map(|m| m.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        let value = match (&self.value, metric_index) {
            (Value::Number(number), _) => number.as_f64(),
            (Value::Bool(flag), Some(index))
                if experiment.metrics[index].kind == super::metric::MetricKind::Proportion =>
            {
                Some(if *flag { 1.0 } else { 0.0 })
            }
            _ => None,
        };
        match (value, metric_index) {
            (None, _) => problems.push(FieldError::new(field("value"), "must be a finite number")),
            (Some(value), Some(index)) => {
                if let Err(message) = experiment.metrics[index].kind.check_value(value) {
                    problems.push(FieldError::new(field("value"), message));
                }
            }
            (Some(_), None) => {}
        }
        if let Some(user_id) = &self.user_id
            && let Err(error) = check_user_id(user_id)
        {
            problems.push(FieldError::new(field("user_id"), error.message));
        }
        match (variant_index, metric_index, value) {
            (Some(variant_index), Some(metric_index), Some(value)) if problems.len() == before => {
                Some(ValidObservation {
                    variant_index,
                    metric_index,
                    value,
                    user_id: self.user_id,
                })
            }
            _ => None,
        }
    }
}

/// Checks a batch; fields are prefixed with the item's position (`[3].metric`). All or nothing.
pub fn validate_batch(
    observations: Vec<NewObservation>,
    experiment: &ValidExperiment,
) -> Result<Vec<ValidObservation>, ValidationError> {
    let mut problems = Vec::new();
    let mut valid = Vec::with_capacity(observations.len());
    for (index, observation) in observations.into_iter().enumerate() {
        valid.extend(observation.check(experiment, &format!("[{index}]."), &mut problems));
    }
    if problems.is_empty() {
        Ok(valid)
    } else {
        Err(ValidationError::new(
            "the metric records are invalid",
            problems,
        ))
    }
}

/// A batch larger than [`MAX_OBSERVATIONS_PER_REQUEST`] is refused whole, before any check.
pub fn check_batch_size(len: usize) -> Result<(), Problem> {
    if len <= MAX_OBSERVATIONS_PER_REQUEST {
        return Ok(());
    }
    let message =
        format!("at most {MAX_OBSERVATIONS_PER_REQUEST} metric values per request; found {len}");
    Err(Problem::new(ErrorCode::PayloadTooLarge, message.clone()).with_field("body", message))
}

/// A user id for assignment or metrics: 1-200 characters. Errors carry the field `user_id`.
pub fn check_user_id(user_id: &str) -> Result<(), FieldError> {
    if user_id.is_empty() {
        Err(FieldError::new("user_id", "must not be empty"))
    } else if user_id.chars().count() > MAX_USER_ID_CHARS {
        Err(FieldError::new(
            "user_id",
            format!("must be at most {MAX_USER_ID_CHARS} characters"),
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
#[path = "observation_tests.rs"]
mod tests;
