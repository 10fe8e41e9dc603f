use charts::{Interval, intervals};

use crate::check;

fn item(label: &str, estimate: f64, low: f64, high: f64, highlight: bool) -> Interval {
    Interval {
        label: label.to_string(),
        estimate,
        low,
        high,
        highlight,
    }
}

#[test]
fn one_row_per_item_with_figures_and_reference() {
    let items = [
        item("control", 0.612, 0.571, 0.653, false),
        item("candidate", 0.684, 0.646, 0.722, true),
    ];
    let svg = intervals("Mean per variant", &items, Some(0.612));
    check::chart(
        &svg,
        &[
            "Mean per variant",
            "control",
            "candidate",
            "0.612 [0.571, 0.653]",
            "0.684 [0.646, 0.722]",
            "reference 0.612",
            "Estimate and interval",
        ],
    );
    // The highlighted row is in the accent, the other in grey.
    assert!(svg.contains("#4F46E5") && svg.contains("#8B919C"));
}

#[test]
fn is_deterministic() {
    let items = [
        item("a", 1.0, 0.5, 1.5, false),
        item("b", 2.0, 1.0, 3.0, false),
    ];
    check::deterministic(|| intervals("t", &items, Some(0.0)));
}

#[test]
fn survives_empty_and_degenerate_items() {
    check::chart(&intervals("none", &[], None), &["none", "No estimates yet"]);
    let odd = [
        item("nan", f64::NAN, 0.0, 1.0, false),
        item("swapped", 0.5, 0.9, 0.1, false),
        item("open", 0.5, f64::NEG_INFINITY, f64::NAN, true),
        item("point", 0.5, 0.5, 0.5, false),
        item("huge", f64::MAX, -f64::MAX, f64::MAX, false),
        item("<b>&amp;\u{7}\nlabel</b>", 0.2, 0.1, 0.3, false),
    ];
    let svg = intervals("odd", &odd, Some(f64::NAN));
    let doc = check::chart(
        &svg,
        &["odd", "nan", "–", "swapped", "0.5 [0.1, 0.9]", "open"],
    );
    assert!(
        doc.texts.iter().any(|t| t.starts_with("<b>&amp; label")),
        "{:?}",
        doc.texts
    );
    check::chart(
        &intervals("same", &[item("x", 3.0, 3.0, 3.0, false)], Some(3.0)),
        &["x", "3 [3, 3]"],
    );
}
