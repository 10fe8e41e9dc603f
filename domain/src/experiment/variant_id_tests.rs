//! Variant id rules.

use super::*;

fn message_for(raw: &str) -> String {
    VariantId::parse(raw).unwrap_err().message
}

#[test]
fn slugs_are_accepted_unchanged() {
    for raw in ["control", "b", "0", "gpt-4o_short", &"a".repeat(64)] {
        assert_eq!(VariantId::parse(raw).unwrap().as_str(), raw);
    }
}

#[test]
fn empty_and_overlong_ids_are_refused() {
    assert_eq!(message_for(""), "must not be empty");
    assert_eq!(
        message_for(&"a".repeat(65)),
        "must be at most 64 characters"
    );
    assert_eq!(VariantId::parse("").unwrap_err().field, "id");
}

#[test]
fn uppercase_spaces_dots_and_non_ascii_are_refused() {
    for raw in ["Control", "a b", "v1.2", "é"] {
        assert_eq!(
            message_for(raw),
            "may contain only lowercase letters, digits, '-' and '_'"
        );
    }
}

#[test]
fn a_leading_separator_is_refused() {
    for raw in ["-a", "_a"] {
        assert_eq!(message_for(raw), "must start with a letter or digit");
    }
}

#[test]
fn ids_round_trip_through_json_and_bad_ones_fail_to_deserialize() {
    let id = VariantId::parse("treatment-1").unwrap();
    let json = serde_json::to_string(&id).unwrap();
    assert_eq!(json, "\"treatment-1\"");
    assert_eq!(serde_json::from_str::<VariantId>(&json).unwrap(), id);
    assert!(serde_json::from_str::<VariantId>("\"Bad Id\"").is_err());
}
