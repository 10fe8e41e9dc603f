//! Reading an import file on a blocking thread: lines or CSV records become validated samples,
//! sent on in batches while every bad line is collected with its number and reason.

use std::io::{BufRead, BufReader, Read};

use domain::dataset::{
    csv_format::read_records,
    jsonl::{LineError, parse_line},
    limits::MAX_REPORTED_LINE_ERRORS,
    sample::ValidSample,
};
use tokio::sync::mpsc::Sender;

use domain::dataset::file_format::FileFormat;

/// Samples handed to the database at a time.
const BATCH: usize = 1000;

/// What reading the whole file found. Batches stop being sent at the first bad line, since the
/// import will be refused, but reading goes on so that every bad line is reported.
#[derive(Default)]
pub struct Report {
    pub errors: Vec<LineError>,
    pub bad_lines: u64,
}

impl Report {
    fn record(&mut self, error: LineError) {
        self.bad_lines += 1;
        if self.errors.len() < MAX_REPORTED_LINE_ERRORS {
            self.errors.push(error);
        }
    }
}

/// Reads `reader` to the end. Returns early, without error, when the receiver is gone (the
/// database side failed and will report that instead).
pub fn read_file(
    format: FileFormat,
    reader: impl Read,
    batches: Sender<Vec<ValidSample>>,
) -> Report {
    let mut sink = BatchSink {
        batches,
        pending: Vec::with_capacity(BATCH),
        report: Report::default(),
    };
    match format {
        FileFormat::Jsonl => read_jsonl(reader, &mut sink),
        FileFormat::Csv => read_csv(reader, &mut sink),
    }
    sink.flush();
    sink.report
}

struct BatchSink {
    batches: Sender<Vec<ValidSample>>,
    pending: Vec<ValidSample>,
    report: Report,
}

impl BatchSink {
    /// Takes one parsed line; false when the receiver is gone and reading should stop.
    fn take(&mut self, parsed: Result<ValidSample, LineError>) -> bool {
        match parsed {
            Ok(sample) if self.report.bad_lines == 0 => {
                self.pending.push(sample);
                if self.pending.len() == BATCH {
                    return self.flush();
                }
            }
            Ok(_) => {}
            Err(error) => {
                self.report.record(error);
                self.pending.clear();
            }
        }
        true
    }

    fn flush(&mut self) -> bool {
        if self.pending.is_empty() || self.report.bad_lines > 0 {
            return true;
        }
        let batch = std::mem::replace(&mut self.pending, Vec::with_capacity(BATCH));
        self.batches.blocking_send(batch).is_ok()
    }
}

fn read_jsonl(reader: impl Read, sink: &mut BatchSink) {
    let mut reader = BufReader::with_capacity(256 * 1024, reader);
    let mut line = Vec::new();
    let mut number = 0;
    loop {
        let read = match read_line_capped(&mut reader, &mut line) {
            Ok(read) => read,
            Err(error) => {
                sink.report.record(LineError::new(
                    number + 1,
                    format!("the upload could not be read: {error}"),
                ));
                return;
            }
        };
        number += 1;
        let parsed = match read {
            Line::End => return,
            Line::TooLong => Some(Err(LineError::new(
                number,
                format!("the line is longer than {} MiB", MAX_LINE_BYTES >> 20),
            ))),
            Line::Complete => match std::str::from_utf8(&line) {
                Ok(text) => parse_line(number, text.trim_end_matches(['\n', '\r'])),
                Err(_) => Some(Err(LineError::new(number, "the line is not valid UTF-8"))),
            },
        };
        if let Some(parsed) = parsed
            && !sink.take(parsed)
        {
            return;
        }
    }
}

/// No valid sample comes near this (its fields are capped far lower), so a longer line is
/// refused without being held: one enormous line cannot make memory grow with the file.
const MAX_LINE_BYTES: usize = 1 << 20;

enum Line {
    End,
    Complete,
    TooLong,
}

/// Reads one line into `line` (newline included), or skips it when it exceeds the cap.
fn read_line_capped(reader: &mut impl BufRead, line: &mut Vec<u8>) -> std::io::Result<Line> {
    line.clear();
    let mut too_long = false;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(match (too_long, line.is_empty()) {
                (true, _) => Line::TooLong,
                (false, true) => Line::End,
                (false, false) => Line::Complete,
            });
        }
        let newline = available.iter().position(|&byte| byte == b'\n');
        let piece = &available[..newline.map_or(available.len(), |at| at + 1)];
        if !too_long && line.len() + piece.len() <= MAX_LINE_BYTES {
            line.extend_from_slice(piece);
        } else {
            too_long = true;
            line.clear();
        }
        let used = piece.len();
        reader.consume(used);
        if newline.is_some() {
            return Ok(if too_long {
                Line::TooLong
            } else {
                Line::Complete
            });
        }
    }
}

/// CSV streams like JSONL: `read_records` scans the raw bytes as the `csv` reader pulls them,
/// for each record's true start line and the quoting mistakes the reader lets through, and
/// forgets each record once handed on.
fn read_csv(reader: impl Read, sink: &mut BatchSink) {
    read_records(reader, |parsed| sink.take(parsed));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_over_the_cap_is_skipped_and_the_next_lines_still_read() {
        let huge = "x".repeat(MAX_LINE_BYTES + 10);
        let file = format!("first\n{huge}\nthird\nlast");
        let mut reader = BufReader::with_capacity(4096, file.as_bytes());
        let mut line = Vec::new();
        let mut seen = Vec::new();
        loop {
            match read_line_capped(&mut reader, &mut line).unwrap() {
                Line::End => break,
                Line::TooLong => seen.push("too long".to_string()),
                Line::Complete => seen.push(String::from_utf8(line.clone()).unwrap()),
            }
        }
        assert_eq!(seen, ["first\n", "too long", "third\n", "last"]);
    }
}
