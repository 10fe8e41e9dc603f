//! Split entries and their JSON form (the full rules are exercised through `definition_tests`).

use serde_json::json;

use super::*;

#[test]
fn percents_must_be_finite_numbers_from_0_to_100() {
    assert_eq!(percent(&json!(0)), Some(0.0));
    assert_eq!(percent(&json!(100)), Some(100.0));
    assert_eq!(percent(&json!(33.5)), Some(33.5));
    for bad in [
        json!(-0.1),
        json!(100.5),
        json!("50"),
        json!(null),
        json!(true),
    ] {
        assert_eq!(percent(&bad), None, "{bad}");
    }
}

#[test]
fn sums_read_without_float_noise() {
    assert_eq!(readable(33.3 + 33.3 + 33.3), "99.9");
    assert_eq!(readable(50.0 + 49.9), "99.9");
    assert_eq!(readable(100.000000002), "100.000000002");
    assert_eq!(readable(120.0), "120");
}

#[test]
fn whole_percents_stay_integers_in_json() {
    assert_eq!(percent_json(50.0), json!(50));
    assert_eq!(percent_json(0.0), json!(0));
    assert_eq!(percent_json(12.5), json!(12.5));
}
