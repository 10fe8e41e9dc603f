//! Paired per-sample scores, base on x and candidate on y: points above the diagonal improved,
//! points below got worse, and the cloud's shape shows whether a change is broad or a few
//! outliers.

use plotters::element::DashedPathElement;
use plotters::prelude::*;

use crate::axes::{self, Frame, Mesh};
use crate::canvas;
use crate::format::number;
use crate::range::{Bounds, finite};
use crate::style::{ACCENT, FAINT, HEADER};

const WIDTH: u32 = 520;
/// The plot is square so the diagonal runs at 45 degrees.
const FRAME: Frame = Frame {
    left: 64,
    bottom: 48,
    right: 24,
    top: 12,
};
const PLOT: u32 = WIDTH - FRAME.left - FRAME.right - 8;
const HEIGHT: u32 = HEADER + FRAME.top + PLOT + FRAME.bottom + 4;

/// A scatter of paired per-sample scores (x = base, y = candidate) over the dashed y = x
/// diagonal, both axes on the same scale (0..1 when every score is a unit score, with a little
/// room so points on the edges are not cut). The header
/// counts the points above, below and on the diagonal.
///
/// Pairs with a non-finite coordinate are skipped. Points are translucent so that repeated pairs
/// (common with pass/fail-like scores) read as darker.
pub fn scatter(title: &str, x_label: &str, y_label: &str, points: &[(f64, f64)]) -> String {
    let points: Vec<(f64, f64)> = points
        .iter()
        .filter_map(|&(x, y)| Some((finite(x)?, finite(y)?)))
        .collect();
    let above = points.iter().filter(|(x, y)| y > x).count();
    let below = points.iter().filter(|(x, y)| y < x).count();
    let on = points.len() - above - below;
    let note =
        (!points.is_empty()).then(|| format!("{above} above · {below} below · {on} on diagonal"));
    canvas::render((WIDTH, HEIGHT), title, |root| {
        let body = canvas::header(root, title, note.as_deref())?;
        let bounds = match Bounds::of(points.iter().flat_map(|&(x, y)| [x, y])) {
            Some(b) if b.lo >= 0.0 && b.hi <= 1.0 => Bounds::UNIT.padded(0.03),
            Some(b) => b.padded(0.05).widened(),
            None => Bounds::UNIT.padded(0.03),
        };
        let mut chart = axes::build(&body, FRAME, bounds, bounds)?;
        axes::draw(
            &mut chart,
            Mesh {
                x_desc: x_label,
                y_desc: y_label,
                x_ticks: 6,
                y_ticks: 6,
                x_grid: true,
                y_grid: true,
                x_format: &|v| number(*v),
                y_format: &|v| number(*v),
            },
        )?;
        let area = chart.plotting_area();
        area.draw(&DashedPathElement::new(
            [(bounds.lo, bounds.lo), (bounds.hi, bounds.hi)],
            5,
            4,
            FAINT.stroke_width(1),
        ))?;
        for &point in &points {
            area.draw(&Circle::new(point, 4, ACCENT.mix(0.55).filled()))?;
        }
        if points.is_empty() {
            canvas::message(&area.strip_coord_spec(), "No paired scores yet")?;
        }
        Ok(())
    })
}
