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

use super::file_format::FileFormat;

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
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => return,
            Ok(_) => {}
            Err(error) => {
                sink.report.record(LineError::new(
                    number + 1,
                    format!("the upload could not be read: {error}"),
                ));
                return;
            }
        }
        number += 1;
        let parsed = match std::str::from_utf8(&line) {
            Ok(text) => parse_line(number, text.trim_end_matches(['\n', '\r'])),
            Err(_) => Some(Err(LineError::new(number, "the line is not valid UTF-8"))),
        };
        if let Some(parsed) = parsed
            && !sink.take(parsed)
        {
            return;
        }
    }
}

/// CSV streams like JSONL: `read_records` scans the raw bytes as the `csv` reader pulls them,
/// for each record's true start line and the quoting mistakes the reader lets through, and
/// forgets each record once handed on.
fn read_csv(reader: impl Read, sink: &mut BatchSink) {
    read_records(reader, |parsed| sink.take(parsed));
}
