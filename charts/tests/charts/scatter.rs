use charts::scatter;

use crate::check;

#[test]
fn shows_title_axis_labels_and_counts() {
    let points = [(0.2, 0.4), (0.5, 0.5), (0.9, 0.7), (1.0, 1.0)];
    let svg = scatter("exact_match", "Base score", "Candidate score", &points);
    check::chart(
        &svg,
        &[
            "exact_match",
            "Base score",
            "Candidate score",
            "0",
            "1",
            "1 above · 1 below · 2 on diagonal",
        ],
    );
    assert_eq!(svg.matches("<circle").count(), 4);
}

#[test]
fn is_deterministic() {
    check::deterministic(|| scatter("t", "x", "y", &[(0.1, 0.2), (0.3, 0.1)]));
}

#[test]
fn survives_empty_and_degenerate_points() {
    check::chart(
        &scatter("none", "x", "y", &[]),
        &["none", "x", "y", "No paired scores yet"],
    );
    check::chart(&scatter("one", "x", "y", &[(5.0, 5.0)]), &["one"]);
    check::chart(
        &scatter("same", "x", "y", &[(0.5, 0.5), (0.5, 0.5)]),
        &["same"],
    );
    let odd = [
        (f64::NAN, 1.0),
        (1.0, f64::INFINITY),
        (-3.0, 40.0),
        (f64::MAX, -f64::MAX),
    ];
    let svg = scatter("odd", "x", "y", &odd);
    check::chart(&svg, &["odd"]);
    assert_eq!(svg.matches("<circle").count(), 2);
}
