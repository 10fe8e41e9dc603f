//! A strict second reading of raw CSV bytes, for what the `csv` crate does not tell: the line
//! each record really starts on, and quoting mistakes it silently accepts.
//!
//! The `csv` crate never fails on quoting: `"ab"c` reads as `abc`, `a"b` as `a"b`, and a quote
//! never closed swallows the rest of the file (only caught if the field count then differs).
//! Its `Position::line()` is also off after blank lines and in files with "\r\n" line endings.
//! `CsvLayout` splits records exactly as the `csv` reader configured by
//! `csv_format::reader_builder` does, so record `i` of the reader is record `i` here. It takes
//! the bytes in pieces of any size as they arrive, so an upload is never held whole:
//! `ScannedRead` shows it every byte a `csv` reader pulls.

use std::{
    collections::VecDeque,
    io::{self, Read},
};

use super::jsonl::LineError;

const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// Where every record of a CSV file starts, and its quoting mistakes, found as its bytes arrive
/// in pieces cut anywhere. A reader of records takes each record's line and quoting mistake
/// as it reaches the record, then forgets it, so memory stays flat however long the file.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvLayout {
    state: State,
    /// How much of a byte order mark opens the input so far; None once past the start.
    bom_matched: Option<usize>,
    line: u64,
    /// The last byte was "\r": a line break of its own unless "\n" follows, maybe in the next
    /// piece, so the line count waits for that byte.
    after_carriage_return: bool,
    quote_opened_on: u64,
    /// Start line of the last record started, which quoting mistakes are reported against.
    current_line: u64,
    /// 1-based start line of each record from index `first_kept` on, the header being record
    /// 0; blank lines are no record. Earlier records were forgotten.
    record_lines: VecDeque<u64>,
    first_kept: u64,
    /// Not yet taken, in file order, at most one per record (so at its start line).
    quoting_errors: VecDeque<LineError>,
    /// Start line of the last record with a quoting mistake, 0 before any.
    reported_line: u64,
    finished: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    /// Between records, where line breaks are blank lines and skipped.
    RecordStart,
    FieldStart,
    Unquoted,
    Quoted,
    /// Just after a quote inside a quoted field: a second quote escapes, else the field ends.
    AfterQuote,
}

impl Default for CsvLayout {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvLayout {
    /// Line breaks are "\r\n", "\n" or a lone "\r", as the reader takes them; a leading byte
    /// order mark is skipped, as the reader skips it.
    pub fn new() -> Self {
        CsvLayout {
            state: State::RecordStart,
            bom_matched: Some(0),
            line: 1,
            after_carriage_return: false,
            quote_opened_on: 1,
            current_line: 1,
            record_lines: VecDeque::new(),
            first_kept: 0,
            quoting_errors: VecDeque::new(),
            reported_line: 0,
            finished: false,
        }
    }

    /// The layout of a whole file.
    pub fn scan(data: &[u8]) -> Self {
        let mut layout = CsvLayout::new();
        layout.feed(data);
        layout.finish();
        layout
    }

    /// Scans the next bytes of the input.
    pub fn feed(&mut self, piece: &[u8]) {
        for &byte in piece {
            if let Some(matched) = self.bom_matched {
                if byte == BYTE_ORDER_MARK[matched] {
                    let whole = matched + 1 == BYTE_ORDER_MARK.len();
                    self.bom_matched = (!whole).then_some(matched + 1);
                    continue;
                }
                self.end_byte_order_mark();
            }
            self.step(byte);
        }
    }

    /// The input is over: a quote still open is never closed. Feeding more afterwards is a
    /// mistake; finishing again does nothing.
    pub fn finish(&mut self) {
        if std::mem::replace(&mut self.finished, true) {
            return;
        }
        self.end_byte_order_mark();
        if std::mem::take(&mut self.after_carriage_return) {
            self.line += 1;
        }
        if self.state == State::Quoted {
            let opened_on = self.quote_opened_on;
            self.report(&format!(
                "the quoted field opened on line {opened_on} is never closed"
            ));
        }
    }

    /// The line where the record at `position` starts, by its record index; the `csv` crate's
    /// own line number only if the record is unknown here (which a reader over the same bytes
    /// never produces).
    pub fn line_of(&self, position: &csv::Position) -> u64 {
        self.record_line(position.record())
            .unwrap_or_else(|| position.line())
    }

    /// The start line of record `index`, the header being record 0, unless not yet seen or
    /// already forgotten.
    pub fn record_line(&self, index: u64) -> Option<u64> {
        let offset = usize::try_from(index.checked_sub(self.first_kept)?).ok()?;
        self.record_lines.get(offset).copied()
    }

    /// The line being read: where the input stopped, if it stops early.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Quoting mistakes not yet taken.
    pub fn quoting_errors(&self) -> &VecDeque<LineError> {
        &self.quoting_errors
    }

    /// The first quoting mistake not yet taken, if in a record starting on `through` or before.
    pub fn take_quoting_error(&mut self, through: u64) -> Option<LineError> {
        if self.quoting_errors.front()?.line > through {
            return None;
        }
        self.quoting_errors.pop_front()
    }

    /// Drops the start lines of the records before `index`, once read.
    pub fn forget_records_before(&mut self, index: u64) {
        while self.first_kept < index && self.record_lines.pop_front().is_some() {
            self.first_kept += 1;
        }
    }

    /// The start was not a byte order mark after all (or only part of one): its bytes are data.
    fn end_byte_order_mark(&mut self) {
        if let Some(matched) = self.bom_matched.take() {
            for &byte in &BYTE_ORDER_MARK[..matched] {
                self.step(byte);
            }
        }
    }

    fn step(&mut self, byte: u8) {
        if std::mem::take(&mut self.after_carriage_return) && byte != b'\n' {
            self.line += 1;
        }
        let is_line_break = byte == b'\n' || byte == b'\r';
        if self.state == State::RecordStart && !is_line_break {
            self.record_lines.push_back(self.line);
            self.current_line = self.line;
            self.state = State::FieldStart;
        }
        self.state = match (self.state, byte) {
            (State::RecordStart, _) => State::RecordStart,
            (State::FieldStart, b'"') => {
                self.quote_opened_on = self.line;
                State::Quoted
            }
            (State::Quoted, b'"') => State::AfterQuote,
            (State::Quoted, _) => State::Quoted,
            (State::AfterQuote, b'"') => State::Quoted,
            (_, b',') => State::FieldStart,
            (_, b'\n' | b'\r') => State::RecordStart,
            (State::Unquoted, b'"') => {
                self.report(
                    "a field with a quote in it must be quoted as a whole, the quote doubled",
                );
                State::Unquoted
            }
            (State::AfterQuote, _) => {
                self.report("text follows the closing quote of a field");
                State::Unquoted
            }
            (State::FieldStart | State::Unquoted, _) => State::Unquoted,
        };
        match byte {
            b'\n' => self.line += 1,
            b'\r' => self.after_carriage_return = true,
            _ => {}
        }
    }

    /// Reports against the record being read, once per record: after the first mistake the
    /// rest of that record says little more.
    fn report(&mut self, message: &str) {
        let line = self.current_line;
        if self.reported_line != line {
            self.reported_line = line;
            self.quoting_errors.push_back(LineError::new(line, message));
        }
    }
}

fn reader_error_message(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("the record has {len} fields but the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "the record is not valid UTF-8".to_owned(),
        csv::ErrorKind::Io(error) => format!("the upload could not be read: {error}"),
        _ => error.to_string(),
    }
}

/// A reader error as a line error, at the line `layout` knows for the record; one without a
/// position comes from the input failing, at the line being read.
pub fn line_error(layout: &CsvLayout, error: &csv::Error) -> LineError {
    let line = error
        .position()
        .map_or(layout.line(), |position| layout.line_of(position));
    LineError::new(line, reader_error_message(error))
}

/// A reader that shows a `CsvLayout` every byte read through it, and finishes it at the
/// end of the input.
pub struct ScannedRead<R> {
    inner: R,
    pub layout: CsvLayout,
    started: bool,
}

impl<R: Read> ScannedRead<R> {
    pub fn new(inner: R) -> Self {
        ScannedRead {
            inner,
            layout: CsvLayout::new(),
            started: false,
        }
    }
}

impl<R: Read> Read for ScannedRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() || self.layout.finished {
            return Ok(0);
        }
        // The `csv` reader skips a byte order mark only if its first read holds all of it, and
        // takes a first read of nothing else for the end, so that read waits for a byte more
        // (or the end): the reader then skips what the layout skips, however the input comes.
        let wanted = match std::mem::replace(&mut self.started, true) {
            false => (BYTE_ORDER_MARK.len() + 1).min(buf.len()),
            true => 1,
        };
        let mut filled = 0;
        while filled < wanted {
            match self.inner.read(&mut buf[filled..]) {
                Ok(0) => break,
                Ok(read) => filled += read,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                // Bytes already read are lost with the error, as the reading stops there.
                Err(error) => return Err(error),
            }
        }
        match filled {
            0 => self.layout.finish(),
            _ => self.layout.feed(&buf[..filled]),
        }
        Ok(filled)
    }
}

#[cfg(test)]
#[path = "csv_layout_tests.rs"]
mod tests;
