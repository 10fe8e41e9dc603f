//! Charts drawn on the server as self-contained SVG strings.
//!
//! Every chart is a plain function from figures to a complete `<svg>…</svg>` document that
//! scales to its container (`viewBox`, `width="100%"`), carries an accessible `<title>`, uses the
//! web UI's colours and font stack, and is the same bytes for the same input. Nothing here reads
//! a font or touches the file system: plotters' SVG backend writes `<text>` elements and the
//! browser lays them out, while label areas are fixed sizes so no text needs measuring.
//!
//! Degenerate input never panics: NaN and infinite values are skipped, empty input draws empty
//! axes with a note, and single or all-equal values get a range around them.

mod axes;
mod canvas;
mod format;
mod legend;
mod range;
mod style;
mod svg;

mod histogram;
mod intervals;
mod lines;
mod matrix;
mod pass_fail;
mod scatter;
mod traffic;

pub use histogram::score_histogram;
pub use intervals::{Interval, intervals};
pub use lines::{Series, lines};
pub use matrix::transition_matrix;
pub use pass_fail::pass_fail;
pub use scatter::scatter;
pub use traffic::traffic;
