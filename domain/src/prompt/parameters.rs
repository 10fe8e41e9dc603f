//! The parameters of a model call, from the most general to the most specific: a run's
//! endpoint defaults (none for an experiment's variant), then the prompt version's model
//! settings (`extra` last among them), then the run's or the variant's own parameters.
//! Evaluation runs and experiment serving both merge with this one function.

use serde_json::{Map, Value, json};

use super::model_config::ModelConfig;

pub fn call_parameters(
    defaults: &Map<String, Value>,
    prompt: &ModelConfig,
    specific: &Map<String, Value>,
) -> Map<String, Value> {
    let mut merged = defaults.clone();
    if let Some(temperature) = prompt.temperature {
        merged.insert("temperature".into(), json!(temperature));
    }
    if let Some(max_tokens) = prompt.max_tokens {
        merged.insert("max_tokens".into(), json!(max_tokens));
    }
    if let Some(top_p) = prompt.top_p {
        merged.insert("top_p".into(), json!(top_p));
    }
    if !prompt.stop.is_empty() {
        merged.insert("stop".into(), json!(prompt.stop));
    }
    merged.extend(prompt.extra.clone());
    merged.extend(specific.clone());
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_specific_setting_wins() {
        let endpoint = json!({"temperature": 1.0, "seed": 7})
            .as_object()
            .unwrap()
            .clone();
        let prompt = ModelConfig {
            temperature: Some(0.2),
            max_tokens: Some(64),
            ..ModelConfig::default()
        };
        let run = json!({"max_tokens": 16}).as_object().unwrap().clone();
        let merged = call_parameters(&endpoint, &prompt, &run);
        assert_eq!(
            Value::Object(merged),
            json!({"temperature": 0.2, "seed": 7, "max_tokens": 16})
        );
    }

    #[test]
    fn extra_settings_override_named_ones_and_the_model_is_not_a_parameter() {
        let prompt = ModelConfig {
            model: Some("gpt-4o-mini".into()),
            temperature: Some(0.2),
            stop: vec!["END".into()],
            extra: json!({"temperature": 0.9, "seed": 1})
                .as_object()
                .unwrap()
                .clone(),
            ..ModelConfig::default()
        };
        let variant = json!({"seed": 2}).as_object().unwrap().clone();
        let merged = call_parameters(&Map::new(), &prompt, &variant);
        assert_eq!(
            Value::Object(merged),
            json!({"temperature": 0.9, "stop": ["END"], "seed": 2})
        );
    }
}
