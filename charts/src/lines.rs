//! Named series over time or over an index, e.g. each variant's cumulative target metric as an
//! experiment runs: where the lines separate, and whether they have settled.

use plotters::prelude::*;

use crate::axes::{self, Frame, Mesh};
use crate::canvas;
use crate::format::number;
use crate::legend::{self, Entry, Swatch};
use crate::range::{Bounds, finite};
use crate::style::{HEADER, PALETTE, WIDTH};

/// One named line; points are `(x, y)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
}

const PLOT_HEIGHT: u32 = 280;

/// Several named line series with a legend above the plot. x values are plain numbers (seconds
/// since start, event index, ...) described by `x_label`; `y_label` describes the values.
///
/// Points with a non-finite coordinate are skipped, each series is drawn in x order, and a
/// series with a single point is drawn as a dot. Series colours follow the palette in order, the
/// first being the accent.
pub fn lines(title: &str, x_label: &str, y_label: &str, series: &[Series]) -> String {
    let cleaned: Vec<Vec<(f64, f64)>> = series.iter().map(|s| clean(&s.points)).collect();
    let entries: Vec<Entry> = series
        .iter()
        .enumerate()
        .map(|(i, s)| Entry {
            name: s.name.clone(),
            colour: PALETTE[i % PALETTE.len()],
        })
        .collect();
    let legend_height = legend::rows(&entries, WIDTH as i32) * legend::ROW;
    let height = HEADER + legend_height + PLOT_HEIGHT;
    canvas::render((WIDTH, height), title, |root| {
        let body = canvas::header(root, title, None)?;
        let body = legend::draw(&body, &entries, Swatch::Line)?;
        let all = cleaned.iter().flatten();
        let x = Bounds::of(all.clone().map(|p| p.0))
            .unwrap_or(Bounds::UNIT)
            .widened();
        let y = Bounds::of(all.map(|p| p.1))
            .map_or(Bounds::UNIT, |b| b.padded(0.08))
            .widened();
        let mut chart = axes::build(&body, Frame::default(), x, y)?;
        axes::draw(
            &mut chart,
            Mesh {
                x_desc: x_label,
                y_desc: y_label,
                x_ticks: 8,
                y_ticks: 6,
                x_grid: false,
                y_grid: true,
                x_format: &|v| number(*v),
                y_format: &|v| number(*v),
            },
        )?;
        let area = chart.plotting_area();
        for (points, entry) in cleaned.iter().zip(&entries) {
            match points.as_slice() {
                [] => {}
                [point] => area.draw(&Circle::new(*point, 3, entry.colour.filled()))?,
                _ => area.draw(&PathElement::new(
                    points.clone(),
                    entry.colour.stroke_width(2),
                ))?,
            }
        }
        if cleaned.iter().all(Vec::is_empty) {
            canvas::message(&area.strip_coord_spec(), "No data yet")?;
        }
        Ok(())
    })
}

/// The finite points in x order; equal x keep their given order.
fn clean(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut kept: Vec<(f64, f64)> = points
        .iter()
        .filter_map(|&(x, y)| Some((finite(x)?, finite(y)?)))
        .collect();
    kept.sort_by(|a, b| a.0.total_cmp(&b.0));
    kept
}
