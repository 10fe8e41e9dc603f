use serde_json::json;
use uuid::Uuid;

use super::*;

fn sample(metadata: Value) -> Sample {
    Sample {
        id: Uuid::nil(),
        input: "q".into(),
        expected_output: "a".into(),
        context: String::new(),
        metadata: metadata.as_object().unwrap().clone(),
    }
}

fn spec(name: &str, var_type: VarType, required: bool) -> VariableSpec {
    VariableSpec {
        name: name.into(),
        var_type,
        required,
        default: None,
        description: String::new(),
    }
}

#[test]
fn a_prompt_receives_the_variables_it_declares_with_sample_fields_first() {
    let specs = [
        spec("input", VarType::String, true),
        spec("lang", VarType::String, true),
        spec("tone", VarType::String, false),
    ];
    let variables = sample_variables(
        &sample(json!({"input": "shadow", "lang": "fr", "extra": 1})),
        &specs,
    );
    assert_eq!(
        Value::Object(variables),
        json!({"input": "q", "lang": "fr"})
    );
}

#[test]
fn a_required_variable_missing_from_some_samples_is_named_with_the_count() {
    let specs = [
        spec("input", VarType::String, true),
        spec("lang", VarType::String, true),
        spec("tone", VarType::String, false),
    ];
    let mut coverage = Coverage::new(&specs);
    coverage.observe(&sample(json!({"lang": "fr"})));
    coverage.observe(&sample(json!({})));
    coverage.observe(&sample(json!({"lang": null})));
    let problems = coverage.problems();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, "prompt_version");
    assert_eq!(
        problems[0].message,
        "variable \"lang\" is required but 2 of 3 samples have no metadata key \"lang\""
    );
}

#[test]
fn defaults_fill_gaps_but_types_must_match() {
    let mut with_default = spec("lang", VarType::String, true);
    with_default.default = Some(json!("en"));
    let specs = [
        with_default,
        spec("n", VarType::Integer, false),
        spec("context", VarType::Object, true),
    ];
    let mut coverage = Coverage::new(&specs);
    coverage.observe(&sample(json!({"n": "three"})));
    coverage.observe(&sample(json!({"n": 3})));
    let messages: Vec<_> = coverage.problems().into_iter().map(|p| p.message).collect();
    assert_eq!(
        messages,
        [
            "variable \"n\" must be integer but 1 of 2 samples hold another type in metadata \"n\"",
            "variable \"context\" is declared object but samples supply context as a string",
        ]
    );
}
