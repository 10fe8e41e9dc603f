use charts::pass_fail;

use crate::check;

#[test]
fn labels_each_outcome_with_count_and_share() {
    let svg = pass_fail(412, 57, 9);
    let doc = check::chart(
        &svg,
        &[
            "Pass / fail",
            "412",
            "57",
            "Passed 412 · 86.2%",
            "Failed 57 · 11.9%",
            "Errored 9 · 1.9%",
            "478 samples · 86.2% passed",
        ],
    );
    assert_eq!(doc.title, "Pass / fail: 412 passed, 57 failed, 9 errored");
    for colour in ["#16A34A", "#DC2626", "#D97706"] {
        assert!(svg.contains(colour), "{colour}");
    }
}

#[test]
fn is_deterministic() {
    check::deterministic(|| pass_fail(3, 2, 1));
}

#[test]
fn survives_nothing_and_extremes() {
    check::chart(
        &pass_fail(0, 0, 0),
        &["Pass / fail", "No results yet", "Passed 0 · 0%"],
    );
    check::chart(&pass_fail(0, 0, 7), &["Errored 7 · 100%"]);
    check::chart(
        &pass_fail(u64::MAX, u64::MAX, u64::MAX),
        &["Passed 18446744T · 33.3%"],
    );
    check::chart(&pass_fail(9_998, 1, 1), &["Failed 1 · 0%"]);
}
