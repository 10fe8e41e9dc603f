use charts::{Series, lines};

use crate::check;

fn series(name: &str, points: Vec<(f64, f64)>) -> Series {
    Series {
        name: name.to_string(),
        points,
    }
}

#[test]
fn shows_title_axis_labels_and_legend() {
    let data = [
        series(
            "control",
            (0..20)
                .map(|i| (i as f64 * 60.0, 0.5 + i as f64 / 100.0))
                .collect(),
        ),
        series(
            "candidate",
            (0..20)
                .map(|i| (i as f64 * 60.0, 0.55 + i as f64 / 80.0))
                .collect(),
        ),
    ];
    let svg = lines(
        "Cumulative conversion",
        "Seconds since start",
        "Conversion",
        &data,
    );
    check::chart(
        &svg,
        &[
            "Cumulative conversion",
            "Seconds since start",
            "Conversion",
            "control",
            "candidate",
        ],
    );
    assert_eq!(
        svg.matches("<polyline").count() - svg.matches("stroke=\"#CFD3DB\"").count(),
        2 + 2
    );
}

#[test]
fn is_deterministic() {
    let data = [series("a", vec![(2.0, 1.0), (0.0, 3.0), (1.0, 2.0)])];
    check::deterministic(|| lines("t", "x", "y", &data));
}

#[test]
fn survives_empty_and_degenerate_series() {
    check::chart(
        &lines("none", "x", "y", &[]),
        &["none", "x", "y", "No data yet"],
    );
    let odd = [
        series("empty", vec![]),
        series("one", vec![(1.0, 1.0)]),
        series("flat", vec![(0.0, 2.0), (1.0, 2.0), (2.0, 2.0)]),
        series(
            "nan",
            vec![(f64::NAN, 1.0), (1.0, f64::INFINITY), (2.0, 2.0)],
        ),
        series("huge", vec![(0.0, f64::MAX), (f64::MAX, -f64::MAX)]),
    ];
    check::chart(
        &lines("odd", "x", "y", &odd),
        &["odd", "empty", "one", "flat", "nan", "huge"],
    );
    let same = [series("same", vec![(5.0, 5.0), (5.0, 5.0)])];
    check::chart(&lines("same", "x", "y", &same), &["same"]);
}

#[test]
fn many_series_wrap_the_legend_and_grow_the_chart() {
    let few = parse_height(&lines("t", "x", "y", &[series("a", vec![(0.0, 0.0)])]));
    let many: Vec<Series> = (0..12)
        .map(|i| series(&format!("variant-number-{i}"), vec![(0.0, i as f64)]))
        .collect();
    let svg = lines("t", "x", "y", &many);
    check::chart(&svg, &["variant-number-0", "variant-number-11"]);
    assert!(parse_height(&svg) > few);
}

fn parse_height(svg: &str) -> f64 {
    check::parse(svg).height
}
