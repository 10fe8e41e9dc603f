//! Known-answer tests for the JSON validity check.

use super::*;

#[test]
fn any_json_value_is_valid() {
    assert_eq!(json_valid(r#"{"name": "café", "tags": ["naïve"]}"#), 1.0);
    assert_eq!(json_valid("[1, 2, 3]"), 1.0);
    assert_eq!(json_valid("42"), 1.0);
    assert_eq!(json_valid(r#""just a string""#), 1.0);
    assert_eq!(json_valid("null"), 1.0);
    assert_eq!(json_valid("true"), 1.0);
}

#[test]
fn surrounding_whitespace_is_ignored() {
    assert_eq!(json_valid("\n  {\"a\": 1}  \n"), 1.0);
}

#[test]
fn malformed_or_trailing_text_is_invalid() {
    assert_eq!(json_valid(""), 0.0);
    assert_eq!(json_valid("   "), 0.0);
    assert_eq!(json_valid("{'a': 1}"), 0.0);
    assert_eq!(json_valid(r#"{"a": 1,}"#), 0.0);
    assert_eq!(json_valid(r#"{"a": 1"#), 0.0);
    assert_eq!(json_valid(r#"{"a": 1} and more"#), 0.0);
    assert_eq!(json_valid(r#"{"a": 1} {"b": 2}"#), 0.0);
    assert_eq!(json_valid("Here is the JSON: {\"a\": 1}"), 0.0);
    assert_eq!(json_valid("yes"), 0.0);
}

#[test]
fn a_single_fenced_block_is_accepted() {
    assert_eq!(json_valid("```json\n{\"a\": 1}\n```"), 1.0);
    assert_eq!(json_valid("```JSON\n[1, 2]\n```\n"), 1.0);
    assert_eq!(json_valid("```\n{\"a\": 1}\n```"), 1.0);
    assert_eq!(json_valid("  ```json\n{\n  \"a\": [1, 2]\n}\n```  "), 1.0);
    assert_eq!(json_valid("```json \r\n{\"a\": 1}\r\n```"), 1.0);
}

#[test]
fn fences_that_do_not_wrap_exactly_one_json_value_are_rejected() {
    assert_eq!(json_valid("```python\n{\"a\": 1}\n```"), 0.0);
    assert_eq!(json_valid("```json\n{\"a\": 1}"), 0.0);
    assert_eq!(json_valid("```json\n{\"a\": 1}```"), 0.0);
    assert_eq!(json_valid("```json {\"a\": 1} ```"), 0.0);
    assert_eq!(json_valid("```json\n```"), 0.0);
    assert_eq!(json_valid("```json\nnot json\n```"), 0.0);
    assert_eq!(json_valid("Sure!\n```json\n{\"a\": 1}\n```"), 0.0);
    assert_eq!(
        json_valid("```json\n{\"a\": 1}\n```\nHope this helps."),
        0.0
    );
    assert_eq!(json_valid("```json\n1\n```\n```json\n2\n```"), 0.0);
}
