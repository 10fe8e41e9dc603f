//! A run's outcome at a glance: one horizontal bar split into passed, failed and errored, with
//! the counts and shares spelled out underneath so the colours are never the only key.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::canvas::{self, DrawResult};
use crate::format::{count as short, percent};
use crate::style::{self, BACKGROUND, ERRORED, FAIL, LABEL_PX, PAD, PASS, TEXT, TRACK, WIDTH};

const HEIGHT: u32 = 120;
const TITLE: &str = "Pass / fail";
/// The bar's top edge and thickness, below the header band.
const BAR_TOP: i32 = 4;
const BAR_HEIGHT: i32 = 28;
/// Where the legend row sits, below the bar.
const LEGEND_Y: i32 = BAR_TOP + BAR_HEIGHT + 24;

/// Passed / failed / errored counts as one horizontal stacked bar, counts inside the segments
/// that are wide enough and every count with its percentage in the legend below.
pub fn pass_fail(passed: u64, failed: u64, errored: u64) -> String {
    let parts = [
        ("Passed", passed, PASS),
        ("Failed", failed, FAIL),
        ("Errored", errored, ERRORED),
    ];
    // Summed wide: three u64 counts can exceed u64.
    let total: u128 = parts.iter().map(|p| p.1 as u128).sum();
    let share = |count: u64| {
        if total == 0 {
            0.0
        } else {
            count as f64 * 100.0 / total as f64
        }
    };
    let note = match total {
        0 => "No results yet".to_string(),
        n => format!(
            "{} samples · {} passed",
            short(n.min(u64::MAX as u128) as u64),
            percent(share(passed))
        ),
    };
    let described = format!("{TITLE}: {passed} passed, {failed} failed, {errored} errored");
    canvas::render((WIDTH, HEIGHT), &described, |root| {
        let body = canvas::header(root, TITLE, Some(&note))?;
        let (left, right) = (PAD, WIDTH as i32 - PAD);
        let span = (right - left) as f64;
        body.draw(&Rectangle::new(
            [(left, BAR_TOP), (right, BAR_TOP + BAR_HEIGHT)],
            TRACK.filled(),
        ))?;
        let mut from = left as f64;
        for (&(_, count, colour), width) in parts.iter().zip(widths(&parts, total, span)) {
            if width > 0.0 {
                let to = from + width;
                segment(
                    &body,
                    (from.round() as i32, to.round() as i32),
                    count,
                    colour,
                )?;
                from = to;
            }
        }
        legend(&body, &parts, share)
    })
}

/// Narrowest a non-empty segment is drawn, in px, so that 1 errored in 10 000 stays visible.
const MIN_SEGMENT: f64 = 5.0;

/// Each part's width in px: proportional to its count, at least `MIN_SEGMENT` when non-zero, the
/// widest part giving up what that costs so the widths still add up to `span`.
fn widths(parts: &[(&str, u64, RGBColor)], total: u128, span: f64) -> Vec<f64> {
    if total == 0 {
        return vec![0.0; parts.len()];
    }
    let mut widths: Vec<f64> = parts
        .iter()
        .map(|p| {
            if p.1 == 0 {
                0.0
            } else {
                (span * p.1 as f64 / total as f64).max(MIN_SEGMENT)
            }
        })
        .collect();
    let excess = widths.iter().sum::<f64>() - span;
    if let Some(widest) = widths.iter_mut().max_by(|a, b| a.total_cmp(b)) {
        *widest -= excess;
    }
    widths
}

/// One coloured segment, with its count written inside when it fits, and a white hairline
/// separating it from the next.
fn segment(
    body: &canvas::Area<'_>,
    (from, to): (i32, i32),
    count: u64,
    colour: RGBColor,
) -> DrawResult {
    body.draw(&Rectangle::new(
        [(from, BAR_TOP), (to, BAR_TOP + BAR_HEIGHT)],
        colour.filled(),
    ))?;
    if to < WIDTH as i32 - PAD {
        body.draw(&Rectangle::new(
            [(to - 1, BAR_TOP), (to + 1, BAR_TOP + BAR_HEIGHT)],
            BACKGROUND.filled(),
        ))?;
    }
    let label = short(count);
    if style::text_width(&label, LABEL_PX) + 12.0 <= (to - from) as f64 {
        canvas::text(
            body,
            label,
            ((from + to) / 2, BAR_TOP + BAR_HEIGHT / 2),
            style::bold(LABEL_PX, BACKGROUND),
            (HPos::Center, VPos::Center),
        )?;
    }
    Ok(())
}

/// A swatch and "Passed 42 · 84%" for each part, in three equal columns.
fn legend(
    body: &canvas::Area<'_>,
    parts: &[(&str, u64, RGBColor)],
    share: impl Fn(u64) -> f64,
) -> DrawResult {
    let column = (WIDTH as i32 - 2 * PAD) / parts.len() as i32;
    for (i, &(name, count, colour)) in parts.iter().enumerate() {
        let x = PAD + column * i as i32;
        body.draw(&Rectangle::new(
            [(x, LEGEND_Y - 5), (x + 10, LEGEND_Y + 5)],
            colour.filled(),
        ))?;
        let label = format!("{name} {} · {}", short(count), percent(share(count)));
        canvas::text(
            body,
            label,
            (x + 16, LEGEND_Y),
            style::text(LABEL_PX, TEXT),
            (HPos::Left, VPos::Center),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_parts_stay_visible_and_widths_fill_the_bar() {
        let parts = [("a", 9_998, PASS), ("b", 1, FAIL), ("c", 1, ERRORED)];
        let widths = widths(&parts, 10_000, 600.0);
        assert!(widths[1] >= MIN_SEGMENT && widths[2] >= MIN_SEGMENT);
        assert!((widths.iter().sum::<f64>() - 600.0).abs() < 1e-9);
        let none = widths_of_nothing();
        assert_eq!(none, vec![0.0; 3]);
    }

    fn widths_of_nothing() -> Vec<f64> {
        widths(
            &[("a", 0, PASS), ("b", 0, FAIL), ("c", 0, ERRORED)],
            0,
            600.0,
        )
    }
}
