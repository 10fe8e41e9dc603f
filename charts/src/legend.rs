//! A legend row under the title: a swatch and a name per series, wrapping onto further rows when
//! the names run out of width. Placed outside the plot so it never hides data.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::canvas::{self, Area};
use crate::format::truncate;
use crate::style::{self, LABEL_PX, PAD, TEXT};

/// Height of one legend row, in px.
pub(crate) const ROW: u32 = 22;
const SWATCH: i32 = 14;
const GAP: i32 = 20;
const NAME_CHARS: usize = 28;

#[derive(Debug, Clone, Copy)]
pub(crate) enum Swatch {
    /// A short stroke, for line series.
    Line,
    /// A filled square, for bars.
    Block,
}

pub(crate) struct Entry {
    pub name: String,
    pub colour: RGBColor,
}

/// Where each entry goes: `(x, row)` for a legend `width` px wide.
fn layout(entries: &[Entry], width: i32) -> Vec<(i32, u32)> {
    let mut x = PAD;
    let mut row = 0;
    entries
        .iter()
        .map(|entry| {
            let w =
                SWATCH + 6 + style::text_width(&truncate(&entry.name, NAME_CHARS), LABEL_PX) as i32;
            if x > PAD && x + w > width - PAD {
                x = PAD;
                row += 1;
            }
            let at = (x, row);
            x += w + GAP;
            at
        })
        .collect()
}

/// Rows the legend needs (at least one, so charts keep their shape with no series).
pub(crate) fn rows(entries: &[Entry], width: i32) -> u32 {
    layout(entries, width).last().map_or(0, |&(_, row)| row) + 1
}

/// Draws the legend at the top of `area` and returns the area below it.
pub(crate) fn draw<'a>(
    area: &Area<'a>,
    entries: &[Entry],
    swatch: Swatch,
) -> Result<Area<'a>, Box<dyn std::error::Error>> {
    let width = area.dim_in_pixel().0 as i32;
    let positions = layout(entries, width);
    for (entry, &(x, row)) in entries.iter().zip(&positions) {
        let y = (row * ROW + ROW / 2) as i32;
        match swatch {
            Swatch::Line => area.draw(&PathElement::new(
                vec![(x, y), (x + SWATCH, y)],
                entry.colour.stroke_width(3),
            ))?,
            Swatch::Block => area.draw(&Rectangle::new(
                [(x + 2, y - 5), (x + 12, y + 5)],
                entry.colour.filled(),
            ))?,
        }
        let name = truncate(&entry.name, NAME_CHARS);
        canvas::text(
            area,
            name,
            (x + SWATCH + 6, y),
            style::text(LABEL_PX, TEXT),
            (HPos::Left, VPos::Center),
        )?;
    }
    Ok(area.split_vertically(rows(entries, width) * ROW).1)
}
