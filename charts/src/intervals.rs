//! Estimates with their confidence intervals, one row per group: per-variant means in an
//! experiment, base and candidate per metric in a comparison. Overlap (or not) between rows, and
//! with the reference line, is what the reader is looking for.

use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::axes::{self, Frame, Mesh};
use crate::canvas::{self, DrawResult};
use crate::format::{chars_in, number, truncate};
use crate::range::{Bounds, finite};
use crate::style::{self, ACCENT, FAINT, HEADER, LABEL_PX, MUTED, PAD, TEXT, WIDTH};

/// One row: a point estimate and its interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    pub label: String,
    pub estimate: f64,
    pub low: f64,
    pub high: f64,
    /// Draw this row in the accent colour and the others in grey (e.g. the leading variant);
    /// when no row is highlighted every row uses the accent.
    pub highlight: bool,
}

/// Height of one row, in px.
const ROW: u32 = 32;
const BOTTOM: u32 = 48;
/// Room above the rows for the reference line's label.
const TOP: u32 = 22;
/// The widest the row-label and figures columns get, in px; the plot takes the rest.
const MAX_LABELS: f64 = 180.0;
const MAX_FIGURES: f64 = 200.0;

/// One item ready to draw: its texts already cut to their columns.
struct Row {
    label: String,
    figures: String,
    estimate: Option<f64>,
    /// The interval's ends in order, when both are finite.
    bounds: Option<(f64, f64)>,
    highlight: bool,
}

impl Row {
    fn new(item: &Interval) -> Row {
        let estimate = finite(item.estimate);
        let bounds = match (finite(item.low), finite(item.high)) {
            (Some(a), Some(b)) if estimate.is_some() => Some((a.min(b), a.max(b))),
            _ => None,
        };
        let figures = match (estimate, bounds) {
            (Some(e), Some((low, high))) => {
                format!("{} [{}, {}]", number(e), number(low), number(high))
            }
            (Some(e), None) => number(e),
            (None, _) => "–".to_string(),
        };
        Row {
            label: truncate(&item.label, chars_in(MAX_LABELS - 28.0)),
            figures: truncate(&figures, chars_in(MAX_FIGURES - 32.0)),
            estimate,
            bounds,
            highlight: item.highlight,
        }
    }
}

/// Per-group estimates with confidence intervals: a point with error bars per item, one row per
/// item in the given order (first on top), the figures on the right, and a dashed vertical line
/// at `reference` when given (e.g. zero difference, or the control's mean).
///
/// The label and figure columns are only as wide as their longest text, so the plot gets the
/// rest. An item whose estimate is not finite keeps its row but draws no mark; an interval with
/// a non-finite bound draws the point alone.
pub fn intervals(title: &str, items: &[Interval], reference: Option<f64>) -> String {
    let reference = reference.and_then(finite);
    let rows: Vec<Row> = items.iter().map(Row::new).collect();
    let slots = rows.len().max(2) as u32;
    let height = HEADER + TOP + slots * ROW + BOTTOM + 4;
    let widest = |text: fn(&Row) -> &str| {
        rows.iter()
            .map(|r| style::text_width(text(r), LABEL_PX))
            .fold(0.0, f64::max)
    };
    // The label column starts at the chart's 8px margin, its text at PAD, with 16px to the plot.
    let labels = (widest(|r| &r.label) + 24.0).clamp(72.0, MAX_LABELS) as u32;
    // Figures end at PAD from the right edge, 16px clear of the plot.
    let figures = (widest(|r| &r.figures) + 32.0).clamp(56.0, MAX_FIGURES) as u32;
    canvas::render((WIDTH, height), title, |root| {
        let body = canvas::header(root, title, None)?;
        let values = rows.iter().flat_map(|r| {
            let (low, high) = r.bounds.unwrap_or((f64::NAN, f64::NAN));
            [r.estimate.unwrap_or(f64::NAN), low, high]
        });
        let reference_or_nan = reference.unwrap_or(f64::NAN);
        let x = match Bounds::of(values) {
            Some(b) => b.include(reference_or_nan).padded(0.08).widened(),
            None => Bounds::UNIT.include(reference_or_nan).widened(),
        };
        let y = Bounds {
            lo: -0.5,
            hi: slots as f64 - 0.5,
        };
        let frame = Frame {
            left: labels,
            right: figures,
            bottom: BOTTOM,
            top: TOP,
        };
        let mut chart = axes::build(&body, frame, x, y)?;
        axes::draw(
            &mut chart,
            Mesh {
                x_desc: "Estimate and interval",
                y_desc: "",
                x_ticks: 8,
                y_ticks: 0,
                x_grid: true,
                y_grid: false,
                x_format: &|v| number(*v),
                y_format: &|_| String::new(),
            },
        )?;
        if let Some(reference) = reference {
            draw_reference(&chart, reference, y)?;
        }
        let any_highlight = rows.iter().any(|r| r.highlight);
        for (i, row) in rows.iter().enumerate() {
            let at = slots as f64 - 1.0 - i as f64;
            let colour = if row.highlight || !any_highlight {
                ACCENT
            } else {
                FAINT
            };
            draw_row(&chart, &body, row, at, colour)?;
        }
        if rows.is_empty() {
            canvas::message(
                &chart.plotting_area().strip_coord_spec(),
                "No estimates yet",
            )?;
        }
        Ok(())
    })
}

/// One row: label on the left, whisker and point in the plot, figures on the right; bold when
/// highlighted.
fn draw_row(
    chart: &axes::Chart<'_, '_>,
    body: &canvas::Area<'_>,
    row: &Row,
    at: f64,
    colour: RGBColor,
) -> DrawResult {
    let (ox, oy) = body.get_base_pixel();
    let y = chart.backend_coord(&(0.0, at)).1 - oy;
    let (label_style, figures_style) = if row.highlight {
        (style::bold(LABEL_PX, TEXT), style::bold(LABEL_PX, TEXT))
    } else {
        (style::text(LABEL_PX, TEXT), style::text(LABEL_PX, MUTED))
    };
    let left = (HPos::Left, VPos::Center);
    canvas::text(body, row.label.clone(), (PAD, y), label_style, left)?;
    let right = (HPos::Right, VPos::Center);
    let figures_x = WIDTH as i32 - PAD - ox;
    canvas::text(
        body,
        row.figures.clone(),
        (figures_x, y),
        figures_style,
        right,
    )?;
    let area = chart.plotting_area();
    if let Some((low, high)) = row.bounds {
        let stroke = colour.stroke_width(2);
        area.draw(&PathElement::new(vec![(low, at), (high, at)], stroke))?;
        for end in [low, high] {
            area.draw(&PathElement::new(
                vec![(end, at - 0.18), (end, at + 0.18)],
                stroke,
            ))?;
        }
    }
    if let Some(estimate) = row.estimate {
        area.draw(&Circle::new((estimate, at), 5, colour.filled()))?;
    }
    Ok(())
}

/// A dashed line through every row, its value written above the rows.
fn draw_reference(chart: &axes::Chart<'_, '_>, reference: f64, y: Bounds) -> DrawResult {
    chart.plotting_area().draw(&DashedPathElement::new(
        [(reference, y.lo), (reference, y.hi)],
        5,
        4,
        MUTED.stroke_width(1),
    ))?;
    axes::label_above(
        chart,
        reference,
        format!("reference {}", number(reference)),
        style::label(),
    )
}
