//! How samples moved between a base run and a candidate run: kept passing, regressed, fixed or
//! still failing. The off-diagonal cells are the story of a comparison, so every cell spells out
//! its count, share and meaning rather than relying on shade alone.

use plotters::prelude::*;
use plotters::style::FontTransform;
use plotters::style::text_anchor::{HPos, VPos};

use crate::canvas::{self, DrawResult};
use crate::format::{count as short, percent};
use crate::style::{self, ACCENT, BACKGROUND, HEADER, LABEL_PX, MUTED, PAD, TEXT};

const TITLE: &str = "Pass / fail transitions";
const WIDTH: u32 = 520;
const CELL_HEIGHT: i32 = 92;
const GAP: i32 = 4;
/// Left edge of the cells: room for the rotated "Base" and the row labels.
const CELLS_LEFT: i32 = PAD + 84;
/// Top edge of the cells below the header: room for "Candidate" and the column labels.
const CELLS_TOP: i32 = 48;
const HEIGHT: u32 = HEADER + CELLS_TOP as u32 + 2 * CELL_HEIGHT as u32 + GAP as u32 + PAD as u32;

/// The 2x2 pass/fail transition matrix, base outcome in rows and candidate outcome in columns,
/// each cell shaded by its count (darker is more) and labelled with count, share and meaning.
pub fn transition_matrix(pass_pass: u64, pass_fail: u64, fail_pass: u64, fail_fail: u64) -> String {
    let cells = [
        [(pass_pass, "kept passing"), (pass_fail, "regressed")],
        [(fail_pass, "fixed"), (fail_fail, "still failing")],
    ];
    let total: u128 = cells.iter().flatten().map(|c| c.0 as u128).sum();
    let max = cells.iter().flatten().map(|c| c.0).max().unwrap_or(0);
    let note = match total {
        1 => "1 paired sample".to_string(),
        n => format!("{} paired samples", short(n.min(u64::MAX as u128) as u64)),
    };
    let described = format!(
        "{TITLE}: {pass_pass} kept passing, {pass_fail} regressed, {fail_pass} fixed, {fail_fail} still failing"
    );
    canvas::render((WIDTH, HEIGHT), &described, |root| {
        let body = canvas::header(root, TITLE, Some(&note))?;
        let cell_width = (WIDTH as i32 - PAD - CELLS_LEFT - GAP) / 2;
        let column_x = |c: i32| CELLS_LEFT + c * (cell_width + GAP);
        let row_y = |r: i32| CELLS_TOP + r * (CELL_HEIGHT + GAP);
        let axis = style::text(LABEL_PX, MUTED);
        let centre_x = CELLS_LEFT + (WIDTH as i32 - PAD - CELLS_LEFT) / 2;
        canvas::text(
            &body,
            "Candidate",
            (centre_x, 10),
            axis.clone(),
            (HPos::Center, VPos::Center),
        )?;
        let centre_y = CELLS_TOP + CELL_HEIGHT + GAP / 2;
        canvas::text(
            &body,
            "Base",
            (PAD + 6, centre_y),
            axis.clone().transform(FontTransform::Rotate270),
            (HPos::Center, VPos::Center),
        )?;
        for (i, name) in ["Pass", "Fail"].into_iter().enumerate() {
            let i = i as i32;
            let label = style::bold(LABEL_PX, TEXT);
            canvas::text(
                &body,
                name,
                (column_x(i) + cell_width / 2, CELLS_TOP - 12),
                label.clone(),
                (HPos::Center, VPos::Center),
            )?;
            canvas::text(
                &body,
                name,
                (CELLS_LEFT - 12, row_y(i) + CELL_HEIGHT / 2),
                label,
                (HPos::Right, VPos::Center),
            )?;
        }
        for (r, row) in cells.iter().enumerate() {
            for (c, &(count, meaning)) in row.iter().enumerate() {
                let at = (column_x(c as i32), row_y(r as i32));
                cell(
                    &body,
                    at,
                    (cell_width, CELL_HEIGHT),
                    (count, max, total),
                    meaning,
                )?;
            }
        }
        Ok(())
    })
}

/// One cell: shaded from a faint tint (none) to the full accent (the largest count), with the
/// count large and "meaning · share" small beneath it, in white once the shade is dark.
fn cell(
    body: &canvas::Area<'_>,
    (x, y): (i32, i32),
    (w, h): (i32, i32),
    (count, max, total): (u64, u64, u128),
    meaning: &str,
) -> DrawResult {
    let intensity = if max == 0 {
        0.0
    } else {
        count as f64 / max as f64
    };
    let shade = 0.06 + 0.94 * intensity;
    let fill = style::blend(BACKGROUND, ACCENT, shade);
    body.draw(&Rectangle::new([(x, y), (x + w, y + h)], fill.filled()))?;
    let (ink, faint) = if shade > 0.5 {
        (BACKGROUND, BACKGROUND)
    } else {
        (TEXT, MUTED)
    };
    let share = if total == 0 {
        0.0
    } else {
        count as f64 * 100.0 / total as f64
    };
    let centre = x + w / 2;
    canvas::text(
        body,
        short(count),
        (centre, y + h / 2 - 10),
        style::bold(20.0, ink),
        (HPos::Center, VPos::Center),
    )?;
    canvas::text(
        body,
        format!("{meaning} · {}", percent(share)),
        (centre, y + h / 2 + 16),
        style::text(LABEL_PX, faint),
        (HPos::Center, VPos::Center),
    )
}
