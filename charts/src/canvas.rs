//! The frame every chart is drawn in: an SVG drawing area on a `String`, a white background, the
//! header band with the title, and the step from plotters' output to the finished document.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::format::truncate;
use crate::style::{self, BACKGROUND, HEADER, LABEL_PX, MUTED, PAD, TEXT, TITLE_PX};
use crate::svg;

pub(crate) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
pub(crate) type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// Draws with `draw` on a `width` x `height` canvas and returns the finished SVG, or a blank
/// titled frame if plotters reported an error (it only can on a broken writer, but a chart must
/// never take a page down with it). `title` becomes the accessible `<title>`.
pub(crate) fn render(
    (width, height): (u32, u32),
    title: &str,
    draw: impl FnOnce(&Area<'_>) -> DrawResult,
) -> String {
    let size = (width.max(1), height.max(1));
    let title = truncate(title, 200);
    let mut raw = String::new();
    let outcome = {
        let root = SVGBackend::with_string(&mut raw, size).into_drawing_area();
        root.fill(&BACKGROUND)
            .map_err(Into::into)
            .and_then(|()| draw(&root))
            .and_then(|()| root.present().map_err(Into::into))
    };
    match outcome {
        Ok(()) => svg::finish(&raw, size, &title),
        Err(_) => svg::fallback(size, &title),
    }
}

/// Draws the title top left and, when given, a muted note top right, and returns the area below
/// the header band for the chart itself.
pub(crate) fn header<'a>(
    root: &Area<'a>,
    title: &str,
    note: Option<&str>,
) -> Result<Area<'a>, Box<dyn std::error::Error>> {
    let width = root.dim_in_pixel().0 as f64;
    let room = width - 2.0 * PAD as f64;
    let note = note.map(|n| truncate(n, 48)).filter(|n| !n.is_empty());
    let note_width = note
        .as_deref()
        .map_or(0.0, |n| style::text_width(n, LABEL_PX) + 16.0);
    let title_chars = ((room - note_width) / style::text_width("m", TITLE_PX)).max(4.0) as usize;
    let title = truncate(title, title_chars);
    let baseline = (HEADER / 2) as i32;
    let left = Pos::new(HPos::Left, VPos::Center);
    root.draw(&Text::new(
        title,
        (PAD, baseline),
        style::bold(TITLE_PX, TEXT).pos(left),
    ))?;
    if let Some(note) = note {
        let right = Pos::new(HPos::Right, VPos::Center);
        let x = width as i32 - PAD;
        root.draw(&Text::new(
            note,
            (x, baseline),
            style::text(LABEL_PX, MUTED).pos(right),
        ))?;
    }
    Ok(root.split_vertically(HEADER).1)
}

/// A centred muted message on a white plate (so a grid or threshold line behind it does not
/// cross the words), for a chart with nothing to show yet.
pub(crate) fn message(area: &Area<'_>, text: &str) -> DrawResult {
    let (w, h) = area.dim_in_pixel();
    let (x, y) = (w as i32 / 2, h as i32 / 2);
    let half = (style::text_width(text, LABEL_PX) / 2.0) as i32 + 10;
    area.draw(&Rectangle::new(
        [(x - half, y - 12), (x + half, y + 12)],
        BACKGROUND.filled(),
    ))?;
    let centre = Pos::new(HPos::Center, VPos::Center);
    area.draw(&Text::new(
        text.to_string(),
        (x, y),
        style::text(LABEL_PX, MUTED).pos(centre),
    ))?;
    Ok(())
}

/// Text at a pixel position of `area` with the given anchor.
pub(crate) fn text(
    area: &Area<'_>,
    text: impl Into<String>,
    at: (i32, i32),
    style: TextStyle<'static>,
    (h, v): (HPos, VPos),
) -> DrawResult {
    area.draw(&Text::new(text.into(), at, style.pos(Pos::new(h, v))))?;
    Ok(())
}
