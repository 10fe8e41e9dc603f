//! Known-answer tests for rendering, including the sandbox and its limits.

use serde_json::{Map, Value as Json, json};

use super::*;
use crate::prompt::template::ChatRole;
use crate::prompt::variables::VarType;

fn spec(name: &str, var_type: VarType, required: bool, default: Option<Json>) -> VariableSpec {
    VariableSpec {
        name: name.to_owned(),
        var_type,
        required,
        default,
        description: String::new(),
    }
}

fn vars(value: Json) -> Map<String, Json> {
    value
        .as_object()
        .cloned()
        .expect("test variables are an object")
}

pub(super) fn render_text(
    source: &str,
    specs: &[VariableSpec],
    values: Json,
) -> Result<String, RenderError> {
    match render(&Template::Text(source.to_owned()), specs, &vars(values))? {
        Rendered::Text { text } => Ok(text),
        other => panic!("a text template rendered as {other:?}"),
    }
}

pub(super) fn message(role: ChatRole, content: &str) -> ChatMessage {
    ChatMessage {
        role,
        content: content.to_owned(),
    }
}

#[test]
fn a_text_template_renders_with_its_variables() {
    let specs = [
        spec("name", VarType::String, true, None),
        spec("count", VarType::Integer, true, None),
    ];
    let text = render_text(
        "Hello {{ name }}, you have {{ count }} messages.\n",
        &specs,
        json!({"name": "Ada", "count": 3}),
    );
    assert_eq!(text.unwrap(), "Hello Ada, you have 3 messages.\n");
}

#[test]
fn a_chat_template_renders_every_message_and_keeps_the_roles() {
    let template = Template::Chat(vec![
        message(ChatRole::System, "You answer in {{ language }}."),
        message(ChatRole::User, "{{ question }}"),
    ]);
    let specs = [
        spec("language", VarType::String, true, None),
        spec("question", VarType::String, true, None),
    ];
    let rendered = render(
        &template,
        &specs,
        &vars(json!({"language": "French", "question": "Why?"})),
    );
    assert_eq!(
        rendered.unwrap(),
        Rendered::Chat {
            messages: vec![
                message(ChatRole::System, "You answer in French."),
                message(ChatRole::User, "Why?"),
            ]
        }
    );
}

#[test]
fn rendered_output_serializes_with_its_kind() {
    let text = Rendered::Text { text: "hi".into() };
    assert_eq!(
        serde_json::to_value(&text).unwrap(),
        json!({"kind": "text", "text": "hi"})
    );
    let chat = Rendered::Chat {
        messages: vec![message(ChatRole::User, "hi")],
    };
    assert_eq!(
        serde_json::to_value(&chat).unwrap(),
        json!({"kind": "chat", "messages": [{"role": "user", "content": "hi"}]})
    );
}

#[test]
fn a_default_fills_an_absent_optional_variable_and_a_given_value_wins() {
    let specs = [spec(
        "tone",
        VarType::String,
        false,
        Some(json!("friendly")),
    )];
    let source = "Be {{ tone }}.";
    assert_eq!(
        render_text(source, &specs, json!({})).unwrap(),
        "Be friendly."
    );
    assert_eq!(
        render_text(source, &specs, json!({"tone": null})).unwrap(),
        "Be friendly."
    );
    assert_eq!(
        render_text(source, &specs, json!({"tone": "terse"})).unwrap(),
        "Be terse."
    );
}

#[test]
fn every_variable_problem_is_reported_in_one_error() {
    let specs = [
        spec("question", VarType::String, true, None),
        spec("count", VarType::Integer, true, None),
        spec("tone", VarType::String, false, None),
    ];
    let error = render_text(
        "{{ question }} {{ count }}",
        &specs,
        json!({"count": "three", "extra": 1}),
    )
    .unwrap_err();
    assert_eq!(error.code(), "invalid_variables");
    assert_eq!(
        error.to_string(),
        "the variables do not match the prompt's declaration"
    );
    assert_eq!(
        error.details(),
        [
            FieldError::new("variables.question", "is required"),
            FieldError::new("variables.count", "must be an integer"),
            FieldError::new("variables.extra", "is not declared by this prompt"),
        ]
    );
}

#[test]
fn an_absent_optional_variable_without_default_is_undefined() {
    let specs = [spec("tone", VarType::String, false, None)];
    let source = "{% if tone is defined %}tone={{ tone }}{% else %}no tone{% endif %}|\
                  {{ tone | default('neutral') }}|{% if tone %}set{% else %}unset{% endif %}";
    assert_eq!(
        render_text(source, &specs, json!({})).unwrap(),
        "no tone|neutral|unset"
    );
    assert_eq!(
        render_text(source, &specs, json!({"tone": "dry"})).unwrap(),
        "tone=dry|dry|set"
    );
}

#[test]
fn printing_an_undefined_optional_variable_fails() {
    let specs = [spec("tone", VarType::String, false, None)];
    let error = render_text("Tone: {{ tone }}", &specs, json!({})).unwrap_err();
    assert_eq!(error.code(), "render_failed");
    let RenderError::Failed(detail) = error else {
        panic!("expected Failed, got {error:?}");
    };
    assert_eq!(detail.field, "template");
    assert!(detail.message.contains("undefined"), "{}", detail.message);
}

#[test]
fn a_syntax_error_at_render_time_is_a_failure_of_that_source() {
    let template = Template::Chat(vec![
        message(ChatRole::System, "fine"),
        message(ChatRole::User, "{% if %}"),
    ]);
    let error = render(&template, &[], &Map::new()).unwrap_err();
    assert_eq!(error.code(), "render_failed");
    assert_eq!(error.details()[0].field, "template[1].content");
}

#[test]
fn text_is_neither_escaped_nor_trimmed() {
    let specs = [spec("snippet", VarType::String, true, None)];
    let text = render_text("<{{ snippet }}>\n\n", &specs, json!({"snippet": "a & <b>"}));
    assert_eq!(text.unwrap(), "<a & <b>>\n\n");
}

#[test]
fn lists_and_objects_can_be_iterated_and_read() {
    let specs = [
        spec("items", VarType::List, true, None),
        spec("user", VarType::Object, true, None),
    ];
    let text = render_text(
        "{{ user.name }}:{% for item in items %} {{ loop.index }}={{ item }}{% endfor %}",
        &specs,
        json!({"items": ["a", "b"], "user": {"name": "Ada"}}),
    );
    assert_eq!(text.unwrap(), "Ada: 1=a 2=b");
}
