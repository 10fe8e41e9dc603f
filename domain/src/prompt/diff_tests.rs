//! Known-answer tests for the side-by-side diff.

use super::*;

/// A compact picture of one side of a row: "3- [old] line here" marks emphasized words with [].
fn show(line: &Option<DiffLine>) -> String {
    let Some(line) = line else {
        return "-".to_owned();
    };
    let sign = match line.kind {
        LineKind::Unchanged => ' ',
        LineKind::Removed => '-',
        LineKind::Added => '+',
    };
    let text: String = line
        .segments
        .iter()
        .map(|segment| match segment.emphasized {
            true => format!("[{}]", segment.text),
            false => segment.text.clone(),
        })
        .collect();
    format!("{}{sign} {text}", line.number)
}

fn picture(diff: &SideBySide) -> Vec<(String, String)> {
    diff.rows
        .iter()
        .map(|row| (show(&row.left), show(&row.right)))
        .collect()
}

fn pair(left: &str, right: &str) -> (String, String) {
    (left.to_owned(), right.to_owned())
}

#[test]
fn a_small_edit_is_aligned_with_its_changed_words_emphasized() {
    let old = "Hello world\nkeep\nold line here\ngone\n";
    let new = "Hello there world\nkeep\nnew line here\n";
    let diff = side_by_side(old, new);
    assert_eq!(
        picture(&diff),
        [
            pair("1- Hello world", "1+ Hello [there ]world"),
            pair("2  keep", "2  keep"),
            pair("3- [old] line here", "3+ [new] line here"),
            pair("4- [gone]", "-"),
        ]
    );
    assert_eq!((diff.added, diff.removed), (2, 3));
}

#[test]
fn identical_texts_have_only_unchanged_rows() {
    let diff = side_by_side("a\nb\n", "a\nb\n");
    assert_eq!(picture(&diff), [pair("1  a", "1  a"), pair("2  b", "2  b")]);
    assert_eq!((diff.added, diff.removed), (0, 0));
}

#[test]
fn added_lines_have_nothing_on_the_left() {
    let diff = side_by_side("a\n", "a\nb\nc\n");
    assert_eq!(
        picture(&diff),
        [pair("1  a", "1  a"), pair("-", "2+ b"), pair("-", "3+ c")]
    );
    assert_eq!((diff.added, diff.removed), (2, 0));
}

#[test]
fn removed_lines_have_nothing_on_the_right_and_numbers_follow_each_side() {
    let diff = side_by_side("x\na\nb\nc\n", "a\nc\n");
    assert_eq!(
        picture(&diff),
        [
            pair("1- x", "-"),
            pair("2  a", "1  a"),
            pair("3- b", "-"),
            pair("4  c", "2  c"),
        ]
    );
}

#[test]
fn a_longer_added_run_is_paired_first_then_stands_alone() {
    let diff = side_by_side("keep\nold one\n", "keep\nnew one\nextra\n");
    let rows = picture(&diff);
    assert_eq!(rows[0], pair("1  keep", "1  keep"));
    assert_eq!(rows[1].0, "2- [old] one");
    assert!(rows[1].1.starts_with("2+ "), "{rows:?}");
    assert!(rows[2].0 == "-" && rows[2].1.starts_with("3+ "), "{rows:?}");
    assert_eq!(rows.len(), 3);
}

#[test]
fn segments_join_back_to_each_line_without_its_line_ending() {
    let old = "first line\r\nsecond line\n\nlast without newline";
    let new = "first line\r\nsecond changed line\n\nlast with newline\n";
    let diff = side_by_side(old, new);
    let joined = |line: &Option<DiffLine>| -> Option<(usize, String)> {
        line.as_ref().map(|line| {
            (
                line.number,
                line.segments.iter().map(|s| s.text.as_str()).collect(),
            )
        })
    };
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    for row in &diff.rows {
        if let Some((number, text)) = joined(&row.left) {
            assert_eq!(text, old_lines[number - 1]);
        }
        if let Some((number, text)) = joined(&row.right) {
            assert_eq!(text, new_lines[number - 1]);
        }
    }
    assert!(
        diff.rows
            .iter()
            .any(|row| row.right.as_ref().is_some_and(|line| {
                line.segments
                    .iter()
                    .any(|s| s.emphasized && s.text.contains("changed"))
            }))
    );
}

#[test]
fn diffing_from_nothing_adds_every_line() {
    let diff = side_by_side("", "one\ntwo");
    assert_eq!(picture(&diff), [pair("-", "1+ one"), pair("-", "2+ two")]);
    assert_eq!((diff.added, diff.removed), (2, 0));
}

#[test]
fn a_diff_serializes_for_the_api() {
    let diff = side_by_side("a\n", "b\n");
    let json = serde_json::to_value(&diff).unwrap();
    assert_eq!(json["rows"][0]["left"]["kind"], "removed");
    assert_eq!(json["rows"][0]["right"]["number"], 1);
    assert_eq!(json["added"], 1);
}
