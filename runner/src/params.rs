//! The parameters of a model call, from the most general to the most specific: the endpoint's
//! defaults, then the prompt version's model settings, then the run's own parameters. The
//! model is always the endpoint's (a prompt's `model` setting does not redirect a run).

use domain::prompt::model_config::ModelConfig;
use serde_json::{Map, Value, json};

pub fn call_parameters(
    endpoint_defaults: &Map<String, Value>,
    prompt: &ModelConfig,
    run: &Map<String, Value>,
) -> Map<String, Value> {
    let mut merged = endpoint_defaults.clone();
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
    merged.extend(run.clone());
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
}
