//! Model settings stored with a version: the model and the sampling parameters sent to it.

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

/// Longest model identifier, in characters.
pub const MAX_MODEL_CHARS: usize = 200;
/// Most stop sequences; providers commonly accept at most four.
pub const MAX_STOP_SEQUENCES: usize = 4;
/// Largest `max_tokens`; far above any current model, low enough to catch typos.
pub const MAX_MAX_TOKENS: u32 = 1_000_000;

/// Names of the typed fields, which `extra` may not repeat (the typed value would be ambiguous).
const TYPED_FIELDS: [&str; 5] = ["model", "temperature", "max_tokens", "top_p", "stop"];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_p: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stop: Vec<String>,
    /// Other provider parameters, passed through untouched.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ModelConfig {
    /// Pushes one FieldError per out-of-range setting, with fields like "model_config.temperature".
    pub fn check(&self, errors: &mut Vec<FieldError>) {
        let mut push = |field: &str, message: String| {
            errors.push(FieldError::new(format!("model_config.{field}"), message));
        };
        if let Some(model) = &self.model {
            if model.trim().is_empty() {
                push("model", "must not be empty".to_owned());
            } else if model.chars().count() > MAX_MODEL_CHARS {
                push(
                    "model",
                    format!("must be at most {MAX_MODEL_CHARS} characters"),
                );
            }
        }
        if let Some(temperature) = self.temperature
            && !(temperature.is_finite() && (0.0..=2.0).contains(&temperature))
        {
            push("temperature", "must be between 0 and 2".to_owned());
        }
        if let Some(max_tokens) = self.max_tokens
            && !(1..=MAX_MAX_TOKENS).contains(&max_tokens)
        {
            push(
                "max_tokens",
                format!("must be between 1 and {MAX_MAX_TOKENS}"),
            );
        }
        if let Some(top_p) = self.top_p
            && !(top_p.is_finite() && top_p > 0.0 && top_p <= 1.0)
        {
            push("top_p", "must be greater than 0 and at most 1".to_owned());
        }
        if self.stop.len() > MAX_STOP_SEQUENCES {
            push(
                "stop",
                format!("may hold at most {MAX_STOP_SEQUENCES} sequences"),
            );
        }
        for (index, sequence) in self.stop.iter().enumerate() {
            if sequence.is_empty() {
                push(&format!("stop[{index}]"), "must not be empty".to_owned());
            }
        }
        for key in self.extra.keys() {
            if TYPED_FIELDS.contains(&key.as_str()) {
                push(
                    &format!("extra.{key}"),
                    format!("must be set as model_config.{key}, not in extra"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problems(config: &ModelConfig) -> Vec<String> {
        let mut errors = Vec::new();
        config.check(&mut errors);
        errors.into_iter().map(|error| error.field).collect()
    }

    #[test]
    fn an_empty_config_is_valid_and_serializes_to_an_empty_object() {
        assert!(problems(&ModelConfig::default()).is_empty());
        assert_eq!(
            serde_json::to_value(ModelConfig::default()).unwrap(),
            json!({})
        );
    }

    #[test]
    fn a_typical_config_is_valid_and_keeps_extra_parameters() {
        let config: ModelConfig = serde_json::from_value(json!({
            "model": "gpt-4o-mini", "temperature": 0.2, "max_tokens": 512, "top_p": 1.0,
            "stop": ["\n\n"], "extra": {"seed": 7}
        }))
        .unwrap();
        assert!(problems(&config).is_empty());
        assert_eq!(config.extra["seed"], json!(7));
    }

    #[test]
    fn unknown_top_level_settings_are_rejected_when_parsing() {
        assert!(serde_json::from_value::<ModelConfig>(json!({"temprature": 1})).is_err());
    }

    #[test]
    fn out_of_range_settings_are_each_reported() {
        let config = ModelConfig {
            model: Some("m".repeat(201)),
            temperature: Some(2.5),
            max_tokens: Some(0),
            top_p: Some(0.0),
            stop: vec![
                "a".into(),
                "b".into(),
                "c".into(),
                "d".into(),
                String::new(),
            ],
            extra: serde_json::Map::from_iter([("temperature".to_owned(), json!(1))]),
        };
        assert_eq!(
            problems(&config),
            [
                "model_config.model",
                "model_config.temperature",
                "model_config.max_tokens",
                "model_config.top_p",
                "model_config.stop",
                "model_config.stop[4]",
                "model_config.extra.temperature",
            ]
        );
    }

    #[test]
    fn non_finite_sampling_parameters_are_rejected() {
        let config = ModelConfig {
            temperature: Some(f64::NAN),
            top_p: Some(f64::INFINITY),
            ..ModelConfig::default()
        };
        assert_eq!(
            problems(&config),
            ["model_config.temperature", "model_config.top_p"]
        );
    }

    #[test]
    fn boundary_values_are_accepted() {
        let config = ModelConfig {
            temperature: Some(0.0),
            max_tokens: Some(MAX_MAX_TOKENS),
            top_p: Some(1.0),
            ..ModelConfig::default()
        };
        assert!(problems(&config).is_empty());
    }
}
