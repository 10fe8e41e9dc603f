//! The house style shared by every chart: colours taken from the web UI's palette
//! (`style/main.css`), one font stack and a few sizes, so the charts sit in the page as if the
//! page had drawn them.

use plotters::style::{Color, FontDesc, FontFamily, FontStyle, RGBColor, TextStyle};

/// The font stack written into every `<text>`; the browser picks the first one it has. No font is
/// read or measured on the server.
pub(crate) const FONT_FAMILY: &str =
    "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif";

/// Primary series: the UI's accent.
pub(crate) const ACCENT: RGBColor = RGBColor(0x4f, 0x46, 0xe5);
/// The accent's light tint, for a series shown beside the primary one (e.g. expected traffic).
pub(crate) const ACCENT_SOFT: RGBColor = RGBColor(0xc7, 0xd2, 0xfe);
pub(crate) const PASS: RGBColor = RGBColor(0x16, 0xa3, 0x4a);
pub(crate) const FAIL: RGBColor = RGBColor(0xdc, 0x26, 0x26);
pub(crate) const ERRORED: RGBColor = RGBColor(0xd9, 0x77, 0x06);

pub(crate) const BACKGROUND: RGBColor = RGBColor(0xff, 0xff, 0xff);
/// Titles and values.
pub(crate) const TEXT: RGBColor = RGBColor(0x1a, 0x1d, 0x24);
/// Axis labels and notes.
pub(crate) const MUTED: RGBColor = RGBColor(0x5c, 0x63, 0x70);
/// Reference lines and de-emphasised marks.
pub(crate) const FAINT: RGBColor = RGBColor(0x8b, 0x91, 0x9c);
/// Grid lines: visible on white, quieter than any data.
pub(crate) const GRID: RGBColor = RGBColor(0xec, 0xee, 0xf2);
/// The x axis baseline.
pub(crate) const AXIS: RGBColor = RGBColor(0xcf, 0xd3, 0xdb);
/// An empty track (a bar with nothing in it yet).
pub(crate) const TRACK: RGBColor = RGBColor(0xee, 0xf0, 0xf3);

/// Colours for several series: the accent first, then hues far enough apart to tell lines apart.
/// Green, red and amber are left out because they mean pass, fail and errored elsewhere.
pub(crate) const PALETTE: [RGBColor; 6] = [
    ACCENT,
    RGBColor(0x08, 0x91, 0xb2),
    RGBColor(0xdb, 0x27, 0x77),
    RGBColor(0x47, 0x55, 0x69),
    RGBColor(0x93, 0x33, 0xea),
    RGBColor(0x0d, 0x94, 0x88),
];

/// The logical width of most charts; the SVG scales to its container through its `viewBox`.
pub(crate) const WIDTH: u32 = 640;
/// Space around the drawing, in px.
pub(crate) const PAD: i32 = 16;
/// The band at the top holding the title (and a note on the right).
pub(crate) const HEADER: u32 = 40;

pub(crate) const LABEL_PX: f64 = 12.0;
pub(crate) const TITLE_PX: f64 = 14.0;
/// Rough width of one character of 12px system-ui text; only used to decide whether a label fits
/// and where to put the next legend entry, never to draw.
pub(crate) const CHAR_PX: f64 = 6.5;

/// plotters' SVG backend writes `font-size` as the style's size divided by 1.24, so sizes are
/// scaled up by the same factor to come out as round pixel values.
fn font(px: f64, style: FontStyle) -> FontDesc<'static> {
    FontDesc::new(FontFamily::Name(FONT_FAMILY), px * 1.24, style)
}

pub(crate) fn text(px: f64, color: RGBColor) -> TextStyle<'static> {
    TextStyle {
        color: color.to_backend_color(),
        ..TextStyle::from(font(px, FontStyle::Normal))
    }
}

pub(crate) fn bold(px: f64, color: RGBColor) -> TextStyle<'static> {
    TextStyle {
        color: color.to_backend_color(),
        ..TextStyle::from(font(px, FontStyle::Bold))
    }
}

/// 12px muted text, the default for labels.
pub(crate) fn label() -> TextStyle<'static> {
    text(LABEL_PX, MUTED)
}

/// Estimated width in px of `chars` characters of `px`-sized text.
pub(crate) fn text_width(text: &str, px: f64) -> f64 {
    text.chars().count() as f64 * CHAR_PX * px / LABEL_PX
}

/// `from` moved towards `to` by `t` (0..=1), channel by channel.
pub(crate) fn blend(from: RGBColor, to: RGBColor, t: f64) -> RGBColor {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
    RGBColor(mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2))
}
