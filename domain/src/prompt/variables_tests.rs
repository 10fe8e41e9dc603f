//! Known-answer tests for variable types and declaration rules.

use super::*;
use serde_json::json;

fn spec(name: &str, var_type: VarType) -> VariableSpec {
    VariableSpec {
        name: name.to_owned(),
        var_type,
        required: true,
        default: None,
        description: String::new(),
    }
}

fn problems(specs: &[VariableSpec]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_specs(specs, &mut errors);
    errors
}

#[test]
fn each_type_accepts_exactly_its_json_values() {
    let samples = [
        json!("text"),
        json!(3),
        json!(u64::MAX),
        json!(-3),
        json!(2.5),
        json!(true),
        json!([1]),
        json!({"a": 1}),
        json!(null),
    ];
    let accepted = |var_type: VarType| -> Vec<bool> {
        samples
            .iter()
            .map(|value| var_type.accepts(value))
            .collect()
    };
    let (t, f) = (true, false);
    assert_eq!(accepted(VarType::String), [t, f, f, f, f, f, f, f, f]);
    assert_eq!(accepted(VarType::Integer), [f, t, t, t, f, f, f, f, f]);
    assert_eq!(accepted(VarType::Number), [f, t, t, t, t, f, f, f, f]);
    assert_eq!(accepted(VarType::Boolean), [f, f, f, f, f, t, f, f, f]);
    assert_eq!(accepted(VarType::List), [f, f, f, f, f, f, t, f, f]);
    assert_eq!(accepted(VarType::Object), [f, f, f, f, f, f, f, t, f]);
}

#[test]
fn types_serialize_as_snake_case_names() {
    for var_type in VarType::ALL {
        let json = serde_json::to_value(var_type).unwrap();
        assert_eq!(json, json!(var_type.as_str()));
    }
}

#[test]
fn a_spec_defaults_to_required_and_omits_empty_fields() {
    let parsed: VariableSpec =
        serde_json::from_value(json!({"name": "q", "type": "string"})).unwrap();
    assert_eq!(parsed, spec("q", VarType::String));
    assert_eq!(
        serde_json::to_value(&parsed).unwrap(),
        json!({"name": "q", "type": "string", "required": true})
    );
}

#[test]
fn valid_declarations_pass() {
    let mut optional = spec("_tone", VarType::String);
    optional.required = false;
    optional.default = Some(json!("friendly"));
    assert!(problems(&[spec("question", VarType::String), optional]).is_empty());
}

#[test]
fn a_duplicate_name_is_rejected_at_its_second_occurrence() {
    let errors = problems(&[spec("a", VarType::String), spec("a", VarType::Integer)]);
    assert_eq!(
        errors,
        [FieldError::new(
            "variables[1].name",
            "`a` is declared more than once"
        )]
    );
}

#[test]
fn names_that_are_not_identifiers_are_rejected() {
    for name in ["", "1abc", "my-var", "ünï", "a b"] {
        let errors = problems(&[spec(name, VarType::String)]);
        assert_eq!(errors.len(), 1, "{name}");
        assert_eq!(errors[0].field, "variables[0].name");
    }
    assert!(problems(&[spec(&"a".repeat(64), VarType::String)]).is_empty());
    assert_eq!(problems(&[spec(&"a".repeat(65), VarType::String)]).len(), 1);
}

#[test]
fn template_keywords_and_builtins_cannot_be_declared() {
    for name in ["loop", "range", "none", "namespace"] {
        let errors = problems(&[spec(name, VarType::String)]);
        assert!(errors[0].message.contains("reserved"), "{name}");
    }
}

#[test]
fn a_default_of_the_wrong_type_is_rejected_but_null_counts_as_none() {
    let mut wrong = spec("count", VarType::Integer);
    wrong.default = Some(json!("three"));
    let mut null = spec("other", VarType::Integer);
    null.default = Some(json!(null));
    assert_eq!(
        problems(&[null, wrong]),
        [FieldError::new(
            "variables[1].default",
            "must be an integer"
        )]
    );
}

#[test]
fn an_overlong_description_is_rejected() {
    let mut long = spec("a", VarType::String);
    long.description = "d".repeat(501);
    assert_eq!(problems(&[long])[0].field, "variables[0].description");
}

#[test]
fn too_many_declarations_are_rejected() {
    let many: Vec<_> = (0..=MAX_VARIABLES)
        .map(|i| spec(&format!("v{i}"), VarType::String))
        .collect();
    assert_eq!(problems(&many)[0].field, "variables");
}
