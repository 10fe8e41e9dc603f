//! One metric's score distribution, drawn from the histogram the run summary already holds, so
//! the page never needs the raw scores.

use domain::eval::summary::Histogram;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::axes::{self, Frame, Mesh};
use crate::canvas::{self, DrawResult};
use crate::format::{count, number};
use crate::range::{Bounds, finite};
use crate::style::{self, ACCENT, LABEL_PX, MUTED, TEXT, WIDTH};

const HEIGHT: u32 = 300;

/// Score distribution of one metric from its precomputed histogram: a bar per bin over an x axis
/// taken from the bin edges (0..1 for unit scores), and a dashed vertical line at the threshold
/// when there is one.
///
/// Bins whose edges are missing, non-finite or zero-width are left out; a histogram without
/// counts still draws its axes with a "No scores yet" note.
pub fn score_histogram(title: &str, histogram: &Histogram, threshold: Option<f64>) -> String {
    let bins = bins(histogram);
    let total: u128 = bins.iter().map(|b| b.count as u128).sum();
    let threshold = threshold.and_then(finite);
    let note = match total {
        1 => "1 sample".to_string(),
        n => format!("{} samples", count(n.min(u64::MAX as u128) as u64)),
    };
    canvas::render((WIDTH, HEIGHT), title, |root| {
        let body = canvas::header(root, title, Some(&note))?;
        let x = Bounds::of(bins.iter().flat_map(|b| [b.lo, b.hi]))
            .unwrap_or(Bounds::UNIT)
            .include(threshold.unwrap_or(f64::NAN))
            .widened();
        let max = bins.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
        let y = Bounds {
            lo: 0.0,
            hi: max * 1.12,
        };
        // The top margin holds the threshold's label, clear of the count labels over the bars.
        let frame = Frame {
            top: 22,
            ..Frame::default()
        };
        let mut chart = axes::build(&body, frame, x, y)?;
        axes::draw(
            &mut chart,
            Mesh {
                x_desc: "Score",
                y_desc: "Samples",
                x_ticks: 11,
                y_ticks: (max.min(5.0) as usize) + 1,
                x_grid: false,
                y_grid: true,
                x_format: &|v| number(*v),
                y_format: &whole,
            },
        )?;
        draw_bars(&chart, &bins)?;
        if let Some(threshold) = threshold {
            draw_threshold(&chart, threshold, y)?;
        }
        if total == 0 {
            canvas::message(&chart.plotting_area().strip_coord_spec(), "No scores yet")?;
        }
        Ok(())
    })
}

/// Counts are whole numbers: ticks between them stay unlabelled.
fn whole(value: &f64) -> String {
    if (value - value.round()).abs() < 1e-6 {
        number(value.round())
    } else {
        String::new()
    }
}

struct Bin {
    lo: f64,
    hi: f64,
    count: u64,
}

/// The drawable bins: `counts[i]` spans `edges[i]..edges[i + 1]`.
fn bins(histogram: &Histogram) -> Vec<Bin> {
    histogram
        .counts
        .iter()
        .zip(histogram.edges.windows(2))
        .filter_map(|(&count, edge)| {
            let (a, b) = (finite(edge[0])?, finite(edge[1])?);
            (a != b).then(|| Bin {
                lo: a.min(b),
                hi: a.max(b),
                count,
            })
        })
        .collect()
}

fn draw_bars(chart: &axes::Chart<'_, '_>, bins: &[Bin]) -> DrawResult {
    let area = chart.plotting_area();
    for bin in bins.iter().filter(|b| b.count > 0) {
        // A small gap between neighbouring bars keeps them readable as separate bins.
        let gap = (bin.hi - bin.lo) * 0.06;
        let top = bin.count as f64;
        area.draw(&Rectangle::new(
            [(bin.lo + gap, 0.0), (bin.hi - gap, top)],
            ACCENT.filled(),
        ))?;
        let (x, y) = chart.backend_coord(&((bin.lo + bin.hi) / 2.0, top));
        let (left, _) = chart.backend_coord(&(bin.lo + gap, top));
        let (right, _) = chart.backend_coord(&(bin.hi - gap, top));
        let label = number(top);
        // Counts go above their bar only where they fit its width.
        if style::text_width(&label, LABEL_PX) <= (right - left) as f64 + 4.0 {
            let root = area.strip_coord_spec();
            let (ox, oy) = root.get_base_pixel();
            canvas::text(
                &root,
                label,
                (x - ox, y - oy - 4),
                style::text(LABEL_PX, MUTED),
                (HPos::Center, VPos::Bottom),
            )?;
        }
    }
    Ok(())
}

fn draw_threshold(chart: &axes::Chart<'_, '_>, threshold: f64, y: Bounds) -> DrawResult {
    let area = chart.plotting_area();
    area.draw(&DashedPathElement::new(
        [(threshold, y.lo), (threshold, y.hi)],
        5,
        4,
        TEXT.stroke_width(2),
    ))?;
    axes::label_above(
        chart,
        threshold,
        format!("threshold {}", number(threshold)),
        style::text(LABEL_PX, TEXT),
    )
}
