//! Cartesian charts in the house style: fixed label areas (so no text has to be measured), a
//! muted grid of major lines only, a light x baseline and no y axis line.

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::colors::TRANSPARENT;
use plotters::style::text_anchor::{HPos, VPos};

use crate::canvas::{self, Area, DrawResult};
use crate::range::Bounds;
use crate::style::{self, AXIS, GRID, LABEL_PX};

pub(crate) type Chart<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Room around the plotting area, in px: `left` and `bottom` hold tick labels and axis
/// descriptions, `right` and `top` are plain margins (or room the chart fills itself).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    pub left: u32,
    pub bottom: u32,
    pub right: u32,
    pub top: u32,
}

impl Default for Frame {
    fn default() -> Self {
        Frame {
            left: 64,
            bottom: 48,
            right: 24,
            top: 8,
        }
    }
}

/// A chart over `x` by `y` on `area`. The ranges must come from `Bounds` (finite and wider than
/// zero), which is what keeps plotters' tick search from asserting or looping.
pub(crate) fn build<'a, 'b>(
    area: &'a Area<'b>,
    frame: Frame,
    x: Bounds,
    y: Bounds,
) -> Result<Chart<'a, 'b>, Box<dyn std::error::Error>> {
    let chart = ChartBuilder::on(area)
        .margin_left(style::PAD as u32 / 2)
        .margin_right(frame.right)
        .margin_top(frame.top)
        .margin_bottom(4)
        .x_label_area_size(frame.bottom)
        .y_label_area_size(frame.left)
        .build_cartesian_2d(x.range(), y.range())?;
    Ok(chart)
}

/// What the axes show. A tick count of 0 hides that axis' labels and grid lines, for charts
/// that label their rows or groups themselves.
pub(crate) struct Mesh<'s> {
    pub x_desc: &'s str,
    pub y_desc: &'s str,
    pub x_ticks: usize,
    pub y_ticks: usize,
    /// Vertical grid lines at the x ticks.
    pub x_grid: bool,
    /// Horizontal grid lines at the y ticks.
    pub y_grid: bool,
    pub x_format: &'s dyn Fn(&f64) -> String,
    pub y_format: &'s dyn Fn(&f64) -> String,
}

/// Grid, tick labels, axis descriptions and the x baseline, in the house style.
pub(crate) fn draw(chart: &mut Chart<'_, '_>, mesh: Mesh<'_>) -> DrawResult {
    let label = style::label();
    let mut axes = chart.configure_mesh();
    axes.x_labels(mesh.x_ticks)
        .y_labels(mesh.y_ticks)
        .x_label_formatter(mesh.x_format)
        .y_label_formatter(mesh.y_format)
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        // Axis lines and tick marks are invisible (plotters draws both in the axis style, and
        // `disable_y_axis` would also drop the labels); the ticks still space labels from the
        // plot, and the x baseline is drawn below.
        .axis_style(TRANSPARENT)
        .set_all_tick_mark_size(4)
        .label_style(label.clone())
        .axis_desc_style(label);
    if !mesh.x_grid {
        axes.disable_x_mesh();
    }
    if !mesh.y_grid {
        axes.disable_y_mesh();
    }
    if !mesh.x_desc.is_empty() {
        axes.x_desc(mesh.x_desc);
    }
    if !mesh.y_desc.is_empty() {
        axes.y_desc(mesh.y_desc);
    }
    axes.draw()?;
    let (x, y) = (chart.x_range(), chart.y_range());
    chart.plotting_area().draw(&PathElement::new(
        vec![(x.start, y.start), (x.end, y.start)],
        AXIS,
    ))?;
    Ok(())
}

/// A label just above the plotting area, centred on `x` (a threshold or reference line) but
/// slid sideways to stay within the plot's width. Needs a `Frame::top` of about 20px.
pub(crate) fn label_above(
    chart: &Chart<'_, '_>,
    x: f64,
    text: String,
    style: TextStyle<'static>,
) -> DrawResult {
    let area = chart.plotting_area().strip_coord_spec();
    let (ox, oy) = area.get_base_pixel();
    let width = area.dim_in_pixel().0 as f64;
    let (px, top) = chart.backend_coord(&(x, chart.y_range().end));
    let half = style::text_width(&text, LABEL_PX) / 2.0;
    let centre = ((px - ox) as f64).clamp(half.min(width / 2.0), (width - half).max(width / 2.0));
    canvas::text(
        &area,
        text,
        (centre.round() as i32, top - oy - 6),
        style,
        (HPos::Center, VPos::Bottom),
    )
}
