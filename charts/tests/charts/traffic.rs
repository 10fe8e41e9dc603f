use charts::traffic;

use crate::check;

fn names(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

#[test]
fn groups_expected_and_actual_per_variant() {
    let svg = traffic(
        &names(&["control", "candidate"]),
        &[50.0, 50.0],
        &[48.7, 51.3],
    );
    check::chart(
        &svg,
        &[
            "Traffic split",
            "Expected",
            "Actual",
            "control",
            "candidate",
            "Variant",
            "Share of traffic",
            "50%",
            "48.7%",
            "51.3%",
            "0%",
        ],
    );
}

#[test]
fn is_deterministic() {
    check::deterministic(|| {
        traffic(
            &names(&["a", "b", "c"]),
            &[33.3, 33.3, 33.4],
            &[30.0, 35.0, 35.0],
        )
    });
}

#[test]
fn survives_empty_mismatched_and_odd_values() {
    check::chart(
        &traffic(&[], &[], &[]),
        &["Traffic split", "No variants yet"],
    );
    let svg = traffic(&names(&["only"]), &[50.0, 50.0, f64::NAN], &[-5.0, 250.0]);
    check::chart(&svg, &["only", "Variant 2", "Variant 3", "250%"]);
    check::chart(
        &traffic(&names(&["a"]), &[f64::INFINITY], &[f64::NAN]),
        &["a"],
    );
    check::chart(&traffic(&names(&["z"]), &[0.0], &[0.0]), &["z"]);
}
