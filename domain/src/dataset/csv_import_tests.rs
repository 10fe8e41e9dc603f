//! Known-answer tests for reading whole CSV files: line numbers of reader errors, quoting
//! mistakes the reader lets through, and the all-or-nothing answer of `read_all`.

use super::*;

fn lines_and_messages(errors: &[LineError]) -> Vec<(u64, &str)> {
    errors
        .iter()
        .map(|e| (e.line, e.message.as_str()))
        .collect()
}

#[test]
fn a_quote_never_closed_is_caught_by_the_reader_with_its_line() {
    // The open quote on line 3 swallows the lines after it, so that record has fewer fields
    // than the header; `flexible(false)` turns that into an error carrying a position.
    let file = b"input,context\nok,fine\n\"broken,x\nmore,y\nlast,z\n";
    let mut reader = reader_builder().from_reader(&file[..]);
    reader.headers().unwrap();
    let error = reader
        .records()
        .find_map(Result::err)
        .expect("the reader reports the swallowed record");
    assert!(matches!(
        error.kind(),
        csv::ErrorKind::UnequalLengths {
            expected_len: 2,
            len: 1,
            ..
        }
    ));
    // How a caller gets the line: from the error's position, mapped through a layout of the
    // same bytes (here the crate's own line happens to be right too).
    let position = error.position().unwrap();
    assert_eq!(position.line(), 3);
    let layout = CsvLayout::scan(file);
    assert_eq!(layout.line_of(position), 3);
    assert_eq!(
        line_error(&layout, &error),
        LineError::new(3, "the record has 1 fields but the header has 2")
    );
}

#[test]
fn the_csv_crate_miscounts_lines_with_crlf_endings_but_the_layout_does_not() {
    let file = b"input,context\r\nok,fine\r\nbad\r\n";
    let mut reader = reader_builder().from_reader(&file[..]);
    let error = reader.records().find_map(Result::err).unwrap();
    let position = error.position().unwrap();
    assert_eq!(
        position.line(),
        2,
        "the crate says 2; the record is on line 3"
    );
    assert_eq!(CsvLayout::scan(file).line_of(position), 3);
}

#[test]
fn quoting_mistakes_the_reader_accepts_are_caught_by_the_layout() {
    // Line 2: text after a closing quote (the reader would read `ab c`); line 3: a bare quote in
    // an unquoted field; line 5: a record over two lines whose last field is never closed (the
    // reader would take "z\n" as its value and raise nothing).
    let file = b"input,context\n\"ab\" c,x\nsay \"hi\",y\n\n\"multi\nline\",\"z\n";
    let errors = read_all(file).unwrap_err();
    assert_eq!(
        lines_and_messages(&errors),
        [
            (2, "text follows the closing quote of a field"),
            (
                3,
                "a field with a quote in it must be quoted as a whole, the quote doubled"
            ),
            (5, "the quoted field opened on line 6 is never closed"),
        ]
    );
}

#[test]
fn a_file_is_rejected_with_one_error_per_bad_record_by_its_start_line() {
    // Blank lines and a multi-line record shift the lines; the crate's own count would drift.
    let file =
        "\u{feff}\"input\",metadata,tag\r\n\r\n\"a\nb\",,x\r\n,,y\r\nq,[],z\r\nq,{},w,extra\r\n";
    let errors = read_all(file.as_bytes()).unwrap_err();
    assert_eq!(
        lines_and_messages(&errors),
        [
            (5, "input must not be empty"),
            (6, "metadata must be a JSON object"),
            (7, "the record has 4 fields but the header has 3"),
        ]
    );
}

#[test]
fn a_bad_header_is_reported_at_its_line() {
    let errors = read_all(b"\n\nquestion,answer\nq,a\n").unwrap_err();
    assert_eq!(
        lines_and_messages(&errors),
        [(3, "the header has no `input` column")]
    );
}

#[test]
fn bytes_that_are_not_utf8_are_rejected_at_their_record() {
    let errors = read_all(b"input\nok\nbad\xff\n").unwrap_err();
    assert_eq!(
        lines_and_messages(&errors),
        [(3, "the record is not valid UTF-8")]
    );
}

#[test]
fn only_the_first_hundred_bad_records_are_reported() {
    let file = format!("input,context\n{}", ",x\n".repeat(300));
    let errors = read_all(file.as_bytes()).unwrap_err();
    assert_eq!(errors.len(), MAX_REPORTED_LINE_ERRORS);
    assert_eq!(errors[0].line, 2);
    assert_eq!(errors.last().unwrap().line, 101);
}

#[test]
fn a_file_without_samples_is_rejected() {
    for file in [&b"input,context\n"[..], b"input\n\n\n"] {
        let errors = read_all(file).unwrap_err();
        assert_eq!(lines_and_messages(&errors), [(1, NO_SAMPLES)]);
    }
    let errors = read_all(b"").unwrap_err();
    assert_eq!(
        lines_and_messages(&errors),
        [(1, "the header row is missing")]
    );
}
