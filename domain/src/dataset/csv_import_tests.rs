//! Known-answer tests for reading CSV files: line numbers of reader errors, quoting mistakes
//! the reader lets through, the all-or-nothing answer of `read_all`, and streamed reading that
//! answers as a reading of the whole file in memory would, however the bytes arrive.

use std::io::{self, Cursor};

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

/// How `read_all` read before it streamed: the layout of all the bytes first, then the reader.
fn read_whole(data: &[u8]) -> Result<Vec<ValidSample>, Vec<LineError>> {
    let layout = CsvLayout::scan(data);
    let quoting = layout.quoting_errors().iter();
    let mut errors: BTreeMap<u64, String> = quoting.map(|e| (e.line, e.message.clone())).collect();
    let mut reader = reader_builder().from_reader(data);
    let header = reader.headers().map_err(|e| line_error(&layout, &e));
    match header.and_then(CsvColumns::from_header) {
        Err(error) => {
            let line = layout.record_line(0).unwrap_or(error.line);
            errors.entry(line).or_insert(error.message);
        }
        Ok(columns) => {
            let mut samples = Vec::new();
            for result in reader.records() {
                let outcome = result
                    .map_err(|e| line_error(&layout, &e))
                    .and_then(|r| columns.sample(layout.line_of(r.position().unwrap()), &r));
                match outcome {
                    Ok(sample) => samples.push(sample),
                    Err(error) => _ = errors.entry(error.line).or_insert(error.message),
                }
            }
            if errors.is_empty() && !samples.is_empty() {
                return Ok(samples);
            }
        }
    }
    let errors = errors
        .into_iter()
        .map(|(line, message)| LineError { line, message });
    match errors.take(MAX_REPORTED_LINE_ERRORS).collect::<Vec<_>>() {
        errors if errors.is_empty() => Err(vec![LineError::new(1, NO_SAMPLES)]),
        errors => Err(errors),
    }
}

/// Hands out at most `size` bytes a read, as an upload arriving in pieces does.
struct Pieces<R>(R, usize);

impl<R: io::Read> io::Read for Pieces<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let size = self.1.min(buf.len());
        self.0.read(&mut buf[..size])
    }
}

/// Everything `read_records` hands on, and the answer `read_all` gives from it.
fn streamed(data: &[u8], size: usize) -> (Vec<Outcome>, Result<Vec<ValidSample>, Vec<LineError>>) {
    let mut outcomes = Vec::new();
    read_records(Pieces(Cursor::new(data), size), |outcome| {
        outcomes.push(outcome);
        true
    });
    let errors: Vec<LineError> = outcomes.iter().filter_map(|o| o.clone().err()).collect();
    let samples: Vec<ValidSample> = outcomes.iter().filter_map(|o| o.clone().ok()).collect();
    let answer = match (errors.is_empty(), samples.is_empty()) {
        (false, _) => Err(errors.into_iter().take(MAX_REPORTED_LINE_ERRORS).collect()),
        (true, true) => Err(vec![LineError::new(1, NO_SAMPLES)]),
        (true, false) => Ok(samples),
    };
    (outcomes, answer)
}

fn good_and_bad_files() -> Vec<Vec<u8>> {
    let files: [&[u8]; 12] = [
        b"input,expected_output,context,metadata\r\nq,a,c,\"{\"\"k\"\":1}\"\r\n\"two\nlines\",,,\r\n",
        b"\xEF\xBB\xBFinput,tag\r\n\r\nq,\"x\ry\"\rr,z",
        b"\xEF\xBB\xBF\"input\",metadata,tag\r\n\r\n\"a\nb\",,x\r\n,,y\r\nq,[],z\r\nq,{},w,e\r\n",
        b"input,context\n\"ab\" c,x\nsay \"hi\",y\n\n\"multi\nline\",\"z\n",
        b"input,context\nok,fine\n\"broken,x\nmore,y\nlast,z\n",
        b"input,context\nok,\"fine\nmore\n",
        b"\n\nquestion,answer\nq,\"a\"b\nok,\"never closed\n",
        b"in\"put\nq\n\"a\"b\n",
        b"input\nok\nbad\xff\n\"x\"y\n,\n",
        b"input\n\n\n",
        b"",
        b"\xEF\xBB\xBF",
    ];
    let mut files: Vec<Vec<u8>> = files.iter().map(|file| file.to_vec()).collect();
    // More bad records than are reported, quoting mistakes among them.
    files.push(format!("input,context\n{}", ",x\na\"b,y\nok,z\n".repeat(60)).into_bytes());
    files
}

#[test]
fn streamed_reading_answers_as_reading_the_whole_file_however_the_bytes_arrive() {
    for data in good_and_bad_files() {
        let name = String::from_utf8_lossy(&data);
        let whole = read_whole(&data);
        assert_eq!(read_all(&data), whole, "{name:?}");
        for size in [1, 2, 3, 4, 5, 6, 7, 64, usize::MAX] {
            let (outcomes, answer) = streamed(&data, size);
            assert_eq!(answer, whole, "{name:?} in pieces of {size}");
            let lines: Vec<u64> = outcomes
                .iter()
                .filter_map(|o| o.as_ref().err())
                .map(|e| e.line)
                .collect();
            assert!(
                lines.is_sorted_by(|a, b| a < b),
                "{name:?}: one error per record, in order"
            );
        }
    }
}

#[test]
fn streamed_reading_reports_every_bad_record_for_the_count() {
    let file = format!("input,context\n{}", ",x\na\"b,y\nok,z\n".repeat(60));
    let (outcomes, _) = streamed(file.as_bytes(), 5);
    assert_eq!(outcomes.iter().filter(|o| o.is_err()).count(), 120);
}

/// Gives its bytes, then fails.
struct Failing<'a>(&'a [u8]);

impl io::Read for Failing<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match io::Read::read(&mut self.0, buf)? {
            0 => Err(io::Error::other("connection reset")),
            read => Ok(read),
        }
    }
}

#[test]
fn an_input_that_fails_ends_the_reading_at_the_line_being_read() {
    // The quote opened on line 4 is cut off by the failure, not left open by the file.
    let mut errors = Vec::new();
    read_records(
        Failing(b"input\r\n\"a\"b\r\nok\r\n\"open\r\nquote"),
        |outcome| {
            errors.extend(outcome.err());
            true
        },
    );
    assert_eq!(
        lines_and_messages(&errors),
        [
            (2, "text follows the closing quote of a field"),
            (5, "the upload could not be read: connection reset"),
        ]
    );
}
