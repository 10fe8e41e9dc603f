//! Known-answer tests for JSONL lines and files: every error kind with its message, and exact
//! round trips through write_line and parse_line.

use serde_json::json;

use super::*;
use crate::dataset::limits::{MAX_METADATA_BYTES, MAX_TEXT_FIELD_BYTES};

fn parsed(line: &str) -> SampleInput {
    parse_line(1, line).unwrap().unwrap().into_inner()
}

fn message(line: &str) -> String {
    let error = parse_line(7, line).unwrap().unwrap_err();
    assert_eq!(error.line, 7);
    error.message
}

fn object(value: Value) -> Map<String, Value> {
    value.as_object().unwrap().clone()
}

#[test]
fn a_full_line_gives_every_field() {
    let line =
        r#"{"input": "2+2?", "expected_output": "4", "context": "math", "metadata": {"level": 1}}"#;
    assert_eq!(
        parsed(line),
        SampleInput {
            input: "2+2?".into(),
            expected_output: "4".into(),
            context: "math".into(),
            metadata: object(json!({"level": 1})),
        }
    );
}

#[test]
fn only_input_is_required() {
    let sample = parsed(r#"{"input":"q"}"#);
    assert_eq!(sample.input, "q");
    assert_eq!(sample.expected_output, "");
    assert_eq!(sample.context, "");
    assert!(sample.metadata.is_empty());
}

#[test]
fn a_string_id_is_accepted_and_ignored() {
    let sample = parsed(r#"{"id": "0195c2a4-0000-7000-8000-000000000000", "input": "q"}"#);
    assert_eq!(sample.input, "q");
    assert!(sample.metadata.is_empty());
}

#[test]
fn blank_lines_are_left_to_the_caller() {
    for line in ["", "   ", "\t\r", "\u{feff}"] {
        assert!(parse_line(1, line).is_none(), "{line:?}");
    }
}

#[test]
fn a_byte_order_mark_is_ignored_on_the_first_line_only() {
    assert_eq!(parsed("\u{feff}{\"input\":\"q\"}").input, "q");
    assert!(message("\u{feff}{\"input\":\"q\"}").starts_with("invalid JSON: "));
}

#[test]
fn broken_json_says_what_and_at_which_column() {
    assert_eq!(
        message(r#"{"input": }"#),
        "invalid JSON: expected value at column 11"
    );
    assert_eq!(
        message(r#"{"input": "q"} x"#),
        "invalid JSON: trailing characters at column 16"
    );
    assert_eq!(
        message(r#"{"input": "q""#),
        "invalid JSON: EOF while parsing an object at column 13"
    );
}

#[test]
fn a_line_that_is_not_an_object_is_rejected() {
    for line in [r#""q""#, "[1]", "null", "5"] {
        assert_eq!(message(line), "each line must be a JSON object", "{line}");
    }
}

#[test]
fn a_missing_input_is_named() {
    assert_eq!(message(r#"{"context": "c"}"#), "missing field `input`");
}

#[test]
fn text_fields_and_id_must_be_strings() {
    assert_eq!(message(r#"{"input": 5}"#), "`input` must be a string");
    assert_eq!(
        message(r#"{"input": "q", "expected_output": null}"#),
        "`expected_output` must be a string"
    );
    assert_eq!(
        message(r#"{"input": "q", "context": ["a"]}"#),
        "`context` must be a string"
    );
    assert_eq!(
        message(r#"{"id": 3, "input": "q"}"#),
        "`id` must be a string"
    );
}

#[test]
fn metadata_must_be_an_object() {
    for metadata in ["\"x\"", "[]", "null", "1"] {
        let line = format!(r#"{{"input": "q", "metadata": {metadata}}}"#);
        assert_eq!(
            message(&line),
            "metadata must be a JSON object",
            "{metadata}"
        );
    }
}

#[test]
fn unknown_and_repeated_keys_are_rejected() {
    assert_eq!(
        message(r#"{"input": "q", "foo": 1}"#),
        "unknown field `foo`"
    );
    assert_eq!(
        message(r#"{"input": "q", "input": "r"}"#),
        "duplicate field `input`"
    );
}

#[test]
fn several_problems_of_one_line_are_joined() {
    assert_eq!(
        message(r#"{"foo": 1, "metadata": 2}"#),
        "unknown field `foo`; metadata must be a JSON object; missing field `input`"
    );
}

#[test]
fn a_flood_of_problems_on_one_line_is_cut_short() {
    let keys: Vec<String> = (0..1000).map(|i| format!(r#""k{i}": 0"#)).collect();
    let line = format!(r#"{{"input": "q", {}}}"#, keys.join(", "));
    let reason = message(&line);
    assert!(reason.ends_with("; and 995 more problems"), "{reason}");
}

#[test]
fn content_rules_apply_once_the_shape_is_right() {
    assert_eq!(message(r#"{"input": ""}"#), "input must not be empty");
    assert_eq!(
        message(r#"{"input": " \n "}"#),
        "input must not be only whitespace"
    );
    let long = "x".repeat(MAX_TEXT_FIELD_BYTES + 1);
    assert_eq!(
        message(&format!(r#"{{"input": "q", "context": "{long}"}}"#)),
        "context must be at most 65536 bytes"
    );
    let big = "x".repeat(MAX_METADATA_BYTES);
    assert_eq!(
        message(&format!(
            r#"{{"input": "q", "metadata": {{"k": "{big}"}}}}"#
        )),
        "metadata must be at most 16384 bytes as JSON"
    );
}

#[test]
fn a_line_error_becomes_a_field_error_named_after_its_line() {
    let error = LineError::new(12, "missing field `input`");
    assert_eq!(
        error.to_field_error(),
        FieldError::new("line 12", "missing field `input`")
    );
    assert_eq!(error.to_string(), "line 12: missing field `input`");
}

fn tricky_sample() -> Sample {
    Sample {
        id: Uuid::from_u128(0x0195_c2a4_0000_7000_8000_0000_0000_0001),
        input: "a, \"quoted\" b\nsecond line\r\n\ttab \\ back\u{2028}".into(),
        expected_output: "héllo wörld 👋 日本語 \u{0}".into(),
        context: " leading and trailing spaces ".into(),
        metadata: object(json!({
            "tags": ["a,b", "c\"d"],
            "nested": {"x": 1.5, "y": null, "z": "\n"},
            "n": -12,
        })),
    }
}

#[test]
fn a_line_is_written_with_keys_in_a_fixed_order_and_one_newline() {
    let mut sample = tricky_sample();
    sample.metadata = object(json!({"k": "v"}));
    sample.input = "q".into();
    sample.expected_output = "a".into();
    sample.context = String::new();
    let mut out = Vec::new();
    write_line(&sample, &mut out);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "{\"id\":\"0195c2a4-0000-7000-8000-000000000001\",\"input\":\"q\",\
         \"expected_output\":\"a\",\"context\":\"\",\"metadata\":{\"k\":\"v\"}}\n"
    );
}

#[test]
fn commas_quotes_newlines_and_unicode_round_trip_exactly() {
    let sample = tricky_sample();
    let mut out = Vec::new();
    write_line(&sample, &mut out);
    let text = String::from_utf8(out).unwrap();
    let (line, rest) = text.split_once('\n').unwrap();
    assert_eq!(rest, "", "one sample is one line");
    let back = parse_line(1, line).unwrap().unwrap().into_inner();
    assert_eq!(back, sample.to_input());
}

#[test]
fn an_exported_file_imports_back_in_order() {
    let mut first = tricky_sample();
    let mut second = tricky_sample();
    first.input = "one".into();
    second.input = "two".into();
    let mut out = Vec::new();
    write_line(&first, &mut out);
    write_line(&second, &mut out);
    let samples: Vec<SampleInput> = parse_all(&out)
        .unwrap()
        .into_iter()
        .map(ValidSample::into_inner)
        .collect();
    assert_eq!(samples, [first.to_input(), second.to_input()]);
}

#[test]
fn a_file_with_bad_lines_is_rejected_with_every_bad_line_numbered() {
    let file =
        b"{\"input\":\"ok\"}\r\n\n{\"input\":\"\"}\n{nope}\n\xff\xfe\n{\"input\":\"fine\"}\n";
    let errors = parse_all(file).unwrap_err();
    let lines: Vec<(u64, &str)> = errors
        .iter()
        .map(|e| (e.line, e.message.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (3, "input must not be empty"),
            (4, "invalid JSON: key must be a string at column 2"),
            (5, "the line is not valid UTF-8"),
        ]
    );
}

#[test]
fn only_the_first_hundred_bad_lines_are_reported() {
    let file = "{}\n".repeat(250);
    let errors = parse_all(file.as_bytes()).unwrap_err();
    assert_eq!(errors.len(), MAX_REPORTED_LINE_ERRORS);
    assert_eq!(errors.last().unwrap().line, 100);
}

#[test]
fn a_file_without_samples_is_rejected() {
    for file in ["", "\n\n  \n"] {
        assert_eq!(
            parse_all(file.as_bytes()).unwrap_err(),
            [LineError::new(1, NO_SAMPLES)]
        );
    }
}
