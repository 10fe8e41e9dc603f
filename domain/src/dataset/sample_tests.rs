//! Known-answer tests for checking one sample and a batch of samples.

use serde_json::json;

use super::*;

fn sample(input: &str) -> SampleInput {
    SampleInput {
        input: input.to_owned(),
        expected_output: String::new(),
        context: String::new(),
        metadata: Map::new(),
    }
}

fn fields_of(errors: &[FieldError]) -> Vec<(&str, &str)> {
    errors
        .iter()
        .map(|e| (e.field.as_str(), e.message.as_str()))
        .collect()
}

#[test]
fn a_sample_with_only_an_input_is_valid_and_kept_unchanged() {
    let raw = sample("  What is 2+2?\n");
    let valid = raw.clone().check("").unwrap();
    assert_eq!(valid.get(), &raw);
    assert_eq!(valid.into_inner(), raw);
}

#[test]
fn an_empty_input_is_rejected() {
    let errors = sample("").check("").unwrap_err();
    assert_eq!(fields_of(&errors), [("input", "must not be empty")]);
}

#[test]
fn a_whitespace_only_input_is_rejected() {
    let errors = sample(" \t\n\u{3000}").check("").unwrap_err();
    assert_eq!(
        fields_of(&errors),
        [("input", "must not be only whitespace")]
    );
}

#[test]
fn text_fields_may_reach_the_limit_but_not_pass_it() {
    let mut at_limit = sample(&"a".repeat(MAX_TEXT_FIELD_BYTES));
    at_limit.expected_output = "b".repeat(MAX_TEXT_FIELD_BYTES);
    at_limit.context = "c".repeat(MAX_TEXT_FIELD_BYTES);
    assert!(at_limit.check("").is_ok());

    let mut over = sample(&"a".repeat(MAX_TEXT_FIELD_BYTES + 1));
    // Limits count bytes, not characters: 'é' is two bytes.
    over.expected_output = "é".repeat(MAX_TEXT_FIELD_BYTES / 2 + 1);
    over.context = "c".repeat(MAX_TEXT_FIELD_BYTES + 1);
    let errors = over.check("").unwrap_err();
    assert_eq!(
        fields_of(&errors),
        [
            ("input", "must be at most 65536 bytes"),
            ("expected_output", "must be at most 65536 bytes"),
            ("context", "must be at most 65536 bytes"),
        ]
    );
}

#[test]
fn metadata_is_limited_by_its_size_as_compact_json() {
    // {"k":"…"} adds 8 bytes around the value.
    let fits = json!({ "k": "x".repeat(MAX_METADATA_BYTES - 8) });
    let mut ok = sample("q");
    ok.metadata = fits.as_object().unwrap().clone();
    assert!(ok.check("").is_ok());

    let too_big = json!({ "k": "x".repeat(MAX_METADATA_BYTES - 7) });
    let mut over = sample("q");
    over.metadata = too_big.as_object().unwrap().clone();
    let errors = over.check("").unwrap_err();
    assert_eq!(
        fields_of(&errors),
        [("metadata", "must be at most 16384 bytes as JSON")]
    );
}

#[test]
fn field_names_carry_the_given_prefix() {
    let errors = sample("").check("samples[3]").unwrap_err();
    assert_eq!(
        fields_of(&errors),
        [("samples[3].input", "must not be empty")]
    );
}

#[test]
fn unknown_fields_in_a_request_body_are_rejected() {
    let error =
        serde_json::from_value::<SampleInput>(json!({"input": "q", "answer": "a"})).unwrap_err();
    assert!(error.to_string().contains("unknown field `answer`"));
    let minimal = serde_json::from_value::<SampleInput>(json!({"input": "q"})).unwrap();
    assert_eq!(minimal, sample("q"));
}

#[test]
fn a_batch_reports_the_problems_of_every_item_with_its_index() {
    let error =
        validate_all(vec![sample("ok"), sample(""), sample("fine"), sample(" ")]).unwrap_err();
    assert_eq!(error.message, "some samples are invalid");
    assert_eq!(
        fields_of(&error.details),
        [
            ("samples[1].input", "must not be empty"),
            ("samples[3].input", "must not be only whitespace"),
        ]
    );
}

#[test]
fn a_valid_batch_keeps_its_order() {
    let valid = validate_all(vec![sample("a"), sample("b")]).unwrap();
    let inputs: Vec<&str> = valid.iter().map(|s| s.get().input.as_str()).collect();
    assert_eq!(inputs, ["a", "b"]);
}

#[test]
fn an_empty_batch_is_rejected() {
    let error = validate_all(Vec::new()).unwrap_err();
    assert_eq!(
        fields_of(&error.details),
        [("samples", "must contain at least one sample")]
    );
}

#[test]
fn a_batch_over_the_limit_is_rejected_as_one_error() {
    let error = validate_all(vec![sample(""); MAX_SAMPLES_PER_REQUEST + 1]).unwrap_err();
    assert_eq!(
        fields_of(&error.details),
        [(
            "samples",
            "must contain at most 10000 samples; import a file instead"
        )]
    );
    assert!(validate_all(vec![sample("q"); MAX_SAMPLES_PER_REQUEST]).is_ok());
}
