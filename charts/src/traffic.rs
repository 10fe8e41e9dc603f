//! Whether an experiment's traffic split is what was configured: expected and actual share per
//! variant side by side. A visible gap is the cue to check for a sample-ratio mismatch.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::axes::{self, Frame, Mesh};
use crate::canvas::{self, DrawResult};
use crate::format::{chars_in, percent, truncate};
use crate::legend::{self, Entry, Swatch};
use crate::range::{Bounds, finite};
use crate::style::{self, ACCENT, ACCENT_SOFT, HEADER, LABEL_PX, MUTED, TEXT, WIDTH};

const TITLE: &str = "Traffic split";
const PLOT_HEIGHT: u32 = 260;
/// Each bar's share of its group's width; the rest is the gap between groups.
const BAR: f64 = 0.34;

/// Expected vs actual traffic share per variant, as grouped bars in percent (light: expected,
/// accent: actual) with each value written above its bar where it fits.
///
/// The three slices may differ in length: there is a group per position in the longest, a
/// missing label becomes "Variant N", and missing or non-finite values draw no bar.
pub fn traffic(labels: &[String], expected_percent: &[f64], actual_percent: &[f64]) -> String {
    let groups = labels
        .len()
        .max(expected_percent.len())
        .max(actual_percent.len());
    let value = |values: &[f64], i: usize| values.get(i).copied().and_then(finite);
    let entries = [
        Entry {
            name: "Expected".to_string(),
            colour: ACCENT_SOFT,
        },
        Entry {
            name: "Actual".to_string(),
            colour: ACCENT,
        },
    ];
    let height = HEADER + legend::ROW + PLOT_HEIGHT;
    canvas::render((WIDTH, height), TITLE, |root| {
        let body = canvas::header(root, TITLE, None)?;
        let body = legend::draw(&body, &entries, Swatch::Block)?;
        let values =
            (0..groups).flat_map(|i| [value(expected_percent, i), value(actual_percent, i)]);
        let data = Bounds::of(values.flatten()).unwrap_or(Bounds { lo: 0.0, hi: 0.0 });
        // Shares start at zero; the top leaves room for the value labels.
        let y = Bounds {
            lo: data.lo.min(0.0),
            hi: data.hi.max(10.0) * 1.15,
        };
        let x = Bounds {
            lo: 0.0,
            hi: groups.max(1) as f64,
        };
        let mut chart = axes::build(&body, Frame::default(), x, y)?;
        axes::draw(
            &mut chart,
            Mesh {
                x_desc: "Variant",
                y_desc: "Share of traffic",
                x_ticks: 0,
                y_ticks: 6,
                x_grid: false,
                y_grid: true,
                x_format: &|_| String::new(),
                y_format: &|v| percent(*v),
            },
        )?;
        for i in 0..groups {
            let name = labels
                .get(i)
                .cloned()
                .unwrap_or_else(|| format!("Variant {}", i + 1));
            group_label(&chart, &body, i, &name)?;
            let centre = i as f64 + 0.5;
            if let Some(v) = value(expected_percent, i) {
                bar(&chart, (centre - BAR - 0.01, centre - 0.01), v, ACCENT_SOFT)?;
            }
            if let Some(v) = value(actual_percent, i) {
                bar(&chart, (centre + 0.01, centre + BAR + 0.01), v, ACCENT)?;
            }
        }
        if groups == 0 {
            canvas::message(&chart.plotting_area().strip_coord_spec(), "No variants yet")?;
        }
        Ok(())
    })
}

/// One bar from zero to `value`, its value above it when the label fits the bar's width.
fn bar(
    chart: &axes::Chart<'_, '_>,
    (from, to): (f64, f64),
    value: f64,
    colour: RGBColor,
) -> DrawResult {
    let area = chart.plotting_area();
    area.draw(&Rectangle::new([(from, 0.0), (to, value)], colour.filled()))?;
    let label = percent(value);
    let (left, top) = chart.backend_coord(&(from, value.max(0.0)));
    let (right, _) = chart.backend_coord(&(to, 0.0));
    if style::text_width(&label, LABEL_PX) > (right - left) as f64 + 10.0 {
        return Ok(());
    }
    let root = area.strip_coord_spec();
    let (ox, oy) = root.get_base_pixel();
    canvas::text(
        &root,
        label,
        ((left + right) / 2 - ox, top - oy - 4),
        style::text(LABEL_PX, MUTED),
        (HPos::Center, VPos::Bottom),
    )
}

/// The variant's name under its group, cut to the group's width. Drawn on the chart's parent
/// area, since it sits in the x label band below the plot.
fn group_label(
    chart: &axes::Chart<'_, '_>,
    body: &canvas::Area<'_>,
    group: usize,
    name: &str,
) -> DrawResult {
    let (ox, oy) = body.get_base_pixel();
    let (left, bottom) = chart.backend_coord(&(group as f64, chart.y_range().start));
    let (right, _) = chart.backend_coord(&(group as f64 + 1.0, 0.0));
    let name = truncate(name, chars_in((right - left - 4) as f64).max(1));
    canvas::text(
        body,
        name,
        ((left + right) / 2 - ox, bottom - oy + 8),
        style::text(LABEL_PX, TEXT),
        (HPos::Center, VPos::Top),
    )
}
