use charts::transition_matrix;

use crate::check;

#[test]
fn labels_every_cell_and_both_axes() {
    let svg = transition_matrix(120, 14, 31, 35);
    let doc = check::chart(
        &svg,
        &[
            "Pass / fail transitions",
            "Base",
            "Candidate",
            "Pass",
            "Fail",
            "120",
            "14",
            "31",
            "35",
            "regressed · 7%",
            "fixed · 15.5%",
            "200 paired samples",
        ],
    );
    assert_eq!(
        doc.title,
        "Pass / fail transitions: 120 kept passing, 14 regressed, 31 fixed, 35 still failing"
    );
    // The largest count gets the full accent.
    assert!(svg.contains("fill=\"#4F46E5\""));
}

#[test]
fn is_deterministic() {
    check::deterministic(|| transition_matrix(1, 2, 3, 4));
}

#[test]
fn survives_zeros_and_extremes() {
    check::chart(
        &transition_matrix(0, 0, 0, 0),
        &["0", "kept passing · 0%", "0 paired samples"],
    );
    check::chart(
        &transition_matrix(u64::MAX, u64::MAX, 0, 1),
        &["18446744T", "still failing · 0%"],
    );
}
