//! Side-by-side line diffs of two template texts, with the changed words emphasized.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use similar::{ChangeTag, InlineChange, TextDiff};

/// How long the diff may search for the smallest edit before settling for a larger one. It is
/// ignored on wasm32, where there is no clock, which only matters for pathological inputs.
const DIFF_TIMEOUT: Duration = Duration::from_millis(500);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Unchanged,
    Removed,
    Added,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    pub text: String,
    pub emphasized: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffLine {
    /// 1-based line number on its own side.
    pub number: usize,
    pub kind: LineKind,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffRow {
    pub left: Option<DiffLine>,
    pub right: Option<DiffLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SideBySide {
    pub rows: Vec<DiffRow>,
    pub added: usize,
    pub removed: usize,
}

/// Line diff aligned side by side: unchanged lines on both sides; a removed run and the following added run are paired row by row (left removed, right added), extra lines get None on the other side;
/// within paired/changed lines the changed WORDS are emphasized (word-level highlighting, using similar's inline change support). Segments of a line concatenate back to the line text (without trailing newline).
pub fn side_by_side(old: &str, new: &str) -> SideBySide {
    let diff = TextDiff::configure()
        .timeout(DIFF_TIMEOUT)
        .diff_lines(old, new);
    let mut aligner = Aligner::default();
    for op in diff.ops() {
        for change in diff.iter_inline_changes(op) {
            aligner.push(&change);
        }
    }
    aligner.finish()
}

/// Collects changes into rows, holding back removed and added lines until their run ends so
/// that the two runs can be laid next to each other.
#[derive(Default)]
struct Aligner {
    rows: Vec<DiffRow>,
    removed_run: Vec<DiffLine>,
    added_run: Vec<DiffLine>,
    added: usize,
    removed: usize,
}

impl Aligner {
    fn push(&mut self, change: &InlineChange<'_, str>) {
        let segments = line_segments(change);
        match change.tag() {
            ChangeTag::Equal => {
                self.flush_runs();
                let line = |index: Option<usize>| DiffLine {
                    number: index.unwrap_or_default() + 1,
                    kind: LineKind::Unchanged,
                    segments: segments.clone(),
                };
                self.rows.push(DiffRow {
                    left: Some(line(change.old_index())),
                    right: Some(line(change.new_index())),
                });
            }
            ChangeTag::Delete => {
                // A removal after additions starts a new pair of runs.
                if !self.added_run.is_empty() {
                    self.flush_runs();
                }
                self.removed += 1;
                self.removed_run.push(DiffLine {
                    number: change.old_index().unwrap_or_default() + 1,
                    kind: LineKind::Removed,
                    segments,
                });
            }
            ChangeTag::Insert => {
                self.added += 1;
                self.added_run.push(DiffLine {
                    number: change.new_index().unwrap_or_default() + 1,
                    kind: LineKind::Added,
                    segments,
                });
            }
        }
    }

    fn flush_runs(&mut self) {
        let mut removed = std::mem::take(&mut self.removed_run).into_iter();
        let mut added = std::mem::take(&mut self.added_run).into_iter();
        loop {
            let row = DiffRow {
                left: removed.next(),
                right: added.next(),
            };
            if row.left.is_none() && row.right.is_none() {
                break;
            }
            self.rows.push(row);
        }
    }

    fn finish(mut self) -> SideBySide {
        self.flush_runs();
        SideBySide {
            rows: self.rows,
            added: self.added,
            removed: self.removed,
        }
    }
}

/// The line's pieces without its line ending, neighbours of equal emphasis merged and empty
/// pieces dropped, so the segments join back to exactly the line's text.
fn line_segments(change: &InlineChange<'_, str>) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    for (emphasized, text) in change.iter_strings_lossy() {
        match segments.last_mut() {
            Some(last) if last.emphasized == emphasized => last.text.push_str(&text),
            _ => segments.push(Segment {
                text: text.into_owned(),
                emphasized,
            }),
        }
    }
    // The line ending sits in the last piece; strip it there, then drop what became empty.
    while let Some(last) = segments.last_mut() {
        let trimmed_len = last.text.trim_end_matches(['\n', '\r']).len();
        last.text.truncate(trimmed_len);
        if !last.text.is_empty() {
            break;
        }
        segments.pop();
    }
    segments
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;
