//! Model parameters of a variant: the common ones range-checked, the rest passed through.

use serde_json::{Map, Value};

use super::limits::MAX_PARAMETERS_BYTES;
use crate::error::FieldError;
use crate::prompt::model_config::MAX_MAX_TOKENS;

/// Range checks for the parameters every provider understands; the rest pass through.
pub(super) fn check_parameters(
    parameters: &Map<String, Value>,
    path: &str,
    problems: &mut Vec<FieldError>,
) {
    let mut push = |key: &str, message: String| {
        problems.push(FieldError::new(format!("{path}.{key}"), message));
    };
    if let Some(value) = parameters.get("temperature")
        && !value.as_f64().is_some_and(|t| (0.0..=2.0).contains(&t))
    {
        push("temperature", "must be a number between 0 and 2".to_owned());
    }
    if let Some(value) = parameters.get("top_p")
        && !value.as_f64().is_some_and(|p| p > 0.0 && p <= 1.0)
    {
        push(
            "top_p",
            "must be a number greater than 0 and at most 1".to_owned(),
        );
    }
    if let Some(value) = parameters.get("max_tokens")
        && !value
            .as_u64()
            .is_some_and(|n| (1..=u64::from(MAX_MAX_TOKENS)).contains(&n))
    {
        push(
            "max_tokens",
            format!("must be an integer between 1 and {MAX_MAX_TOKENS}"),
        );
    }
    let bytes = Value::Object(parameters.clone()).to_string().len();
    if bytes > MAX_PARAMETERS_BYTES {
        problems.push(FieldError::new(
            path,
            format!("must be at most {MAX_PARAMETERS_BYTES} bytes of JSON; is {bytes}"),
        ));
    }
}
