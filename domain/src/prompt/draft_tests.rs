//! Known-answer tests for validating a "create a version" request.

use serde_json::json;

use super::*;
use crate::prompt::limits::MAX_TEMPLATE_BYTES;
use crate::prompt::template::{ChatMessage, ChatRole};
use crate::prompt::variables::VarType;

fn declared(names: &[&str]) -> Vec<VariableSpec> {
    names
        .iter()
        .map(|name| VariableSpec {
            name: (*name).to_owned(),
            var_type: VarType::String,
            required: true,
            default: None,
            description: String::new(),
        })
        .collect()
}

fn text_version(source: &str, variables: &[&str]) -> NewVersion {
    NewVersion {
        version: None,
        template: Template::Text(source.to_owned()),
        variables: declared(variables),
        model_config: ModelConfig::default(),
        commit_message: String::new(),
    }
}

fn chat(contents: &[&str]) -> Template {
    Template::Chat(
        contents
            .iter()
            .map(|content| ChatMessage {
                role: ChatRole::User,
                content: (*content).to_owned(),
            })
            .collect(),
    )
}

fn problems(version: NewVersion) -> Vec<FieldError> {
    let error = version.validate().unwrap_err();
    assert_eq!(error.message, "the version is invalid");
    error.details
}

#[test]
fn a_valid_version_passes_with_its_fields_intact() {
    let mut request = text_version("Answer: {{ question }}", &["question"]);
    request.version = Some("1.2.0".to_owned());
    request.commit_message = "first".to_owned();
    let valid = request.clone().validate().unwrap();
    assert_eq!(valid.version, Some(VersionString::parse("1.2.0").unwrap()));
    assert_eq!(valid.template, request.template);
    assert_eq!(valid.variables, request.variables);
    assert_eq!(valid.commit_message, "first");
}

#[test]
fn a_request_body_needs_only_a_template() {
    let request: NewVersion = serde_json::from_value(json!({"template": "Hello"})).unwrap();
    let valid = request.validate().unwrap();
    assert_eq!(valid.version, None);
    assert!(valid.variables.is_empty());
    assert_eq!(valid.model_config, ModelConfig::default());
}

#[test]
fn a_malformed_version_string_is_rejected() {
    let mut request = text_version("Hello", &[]);
    request.version = Some("1.2".to_owned());
    assert_eq!(
        problems(request),
        [FieldError::new(
            "version",
            "must be a semantic version like 1.2.0"
        )]
    );
}

#[test]
fn an_empty_or_blank_text_template_is_rejected() {
    for source in ["", "  \n\t"] {
        assert_eq!(
            problems(text_version(source, &[])),
            [FieldError::new("template", "must not be empty")]
        );
    }
}

#[test]
fn a_chat_template_needs_messages_with_content() {
    let mut request = text_version("x", &[]);
    request.template = chat(&[]);
    assert_eq!(
        problems(request.clone()),
        [FieldError::new(
            "template",
            "must contain at least one message"
        )]
    );
    request.template = chat(&["fine", " "]);
    assert_eq!(
        problems(request),
        [FieldError::new("template[1].content", "must not be empty")]
    );
}

#[test]
fn oversized_templates_and_too_many_messages_are_rejected() {
    let huge = "x".repeat(MAX_TEMPLATE_BYTES + 1);
    assert_eq!(
        problems(text_version(&huge, &[])),
        [FieldError::new("template", "must be at most 65536 bytes")]
    );
    let mut request = text_version("x", &[]);
    request.template = chat(&["hi"; 101]);
    assert_eq!(
        problems(request),
        [FieldError::new(
            "template",
            "may contain at most 100 messages"
        )]
    );
}

#[test]
fn an_unparseable_template_is_reported_with_its_field_and_line() {
    let details = problems(text_version("line one\n{% if x %}never closed", &["x"]));
    assert_eq!(details.len(), 1);
    assert_eq!(details[0].field, "template");
    assert!(
        details[0].message.starts_with("syntax error on line 2: "),
        "{}",
        details[0].message
    );
}

#[test]
fn an_undeclared_variable_is_named() {
    assert_eq!(
        problems(text_version(
            "{{ question }} {{ tone }} {{ audience }}",
            &["tone"]
        )),
        [
            FieldError::new("template", "uses undeclared variable `audience`"),
            FieldError::new("template", "uses undeclared variable `question`"),
        ]
    );
}

#[test]
fn an_undeclared_variable_in_a_chat_message_names_that_message() {
    let mut request = text_version("x", &["known"]);
    request.template = chat(&["{{ known }}", "Use {{ unknown }}"]);
    assert_eq!(
        problems(request),
        [FieldError::new(
            "template[1].content",
            "uses undeclared variable `unknown`"
        )]
    );
}

#[test]
fn names_the_template_binds_itself_are_not_undeclared() {
    let source = "{% set greeting = 'Hi' %}{{ greeting }}\n\
        {% for item in items %}{{ loop.index }}. {{ item.name }}{% endfor %}\n\
        {% macro shout(text) %}{{ text | upper }}{{ caller() }}{% endmacro %}\n\
        {% call shout('x') %}body{% endcall %}\n\
        {% with local = 1 %}{{ local }}{% endwith %}";
    assert!(text_version(source, &["items"]).validate().is_ok());
}

#[test]
fn builtin_globals_are_not_undeclared() {
    let source = "{% set ns = namespace(total=0) %}\
        {% for i in range(3) %}{% set ns.total = ns.total + i %}{% endfor %}\
        {{ ns.total }} {{ dict(a=1).a }}";
    assert!(text_version(source, &[]).validate().is_ok());
}

#[test]
fn reading_an_attribute_needs_only_the_outer_variable_declared() {
    assert!(
        text_version("{{ user.name }} {{ user['id'] }}", &["user"])
            .validate()
            .is_ok()
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut request = text_version("{{ missing }", &["1bad"]);
    request.version = Some("one".to_owned());
    request.model_config.temperature = Some(9.0);
    request.commit_message = "m".repeat(2001);
    let fields: Vec<String> = problems(request).into_iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            "version",
            "template",
            "variables[0].name",
            "model_config.temperature",
            "commit_message"
        ]
    );
}
