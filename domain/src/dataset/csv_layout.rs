//! A strict second reading of raw CSV bytes, for what the `csv` crate does not tell: the line
//! each record really starts on, and quoting mistakes it silently accepts.
//!
//! The `csv` crate never fails on quoting: `"ab"c` reads as `abc`, `a"b` as `a"b`, and a quote
//! never closed swallows the rest of the file (only caught if the field count then differs).
//! Its `Position::line()` is also off after blank lines and in files with "\r\n" line endings.
//! This scanner splits records exactly as the `csv` reader configured by
//! `csv_format::reader_builder` does, so record `i` of the reader is record `i` here.

use super::{jsonl::LineError, limits::MAX_REPORTED_LINE_ERRORS};

const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// Where every record of a CSV file starts, and its quoting mistakes.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvLayout {
    /// 1-based start line of each record, the header being record 0; blank lines are no record.
    record_lines: Vec<u64>,
    /// At most one per record, in file order, at most MAX_REPORTED_LINE_ERRORS.
    quoting_errors: Vec<LineError>,
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

impl CsvLayout {
    /// Line breaks are "\r\n", "\n" or a lone "\r", as the reader takes them; a leading byte
    /// order mark is skipped, as the reader skips it.
    pub fn scan(data: &[u8]) -> Self {
        let data = data.strip_prefix(BYTE_ORDER_MARK).unwrap_or(data);
        let mut layout = CsvLayout {
            record_lines: Vec::new(),
            quoting_errors: Vec::new(),
        };
        let mut state = State::RecordStart;
        let mut line = 1;
        let mut quote_opened_on = 1;
        for (index, &byte) in data.iter().enumerate() {
            let is_line_break = byte == b'\n' || byte == b'\r';
            if state == State::RecordStart && !is_line_break {
                layout.record_lines.push(line);
                state = State::FieldStart;
            }
            state = match (state, byte) {
                (State::RecordStart, _) => State::RecordStart,
                (State::FieldStart, b'"') => {
                    quote_opened_on = line;
                    State::Quoted
                }
                (State::Quoted, b'"') => State::AfterQuote,
                (State::Quoted, _) => State::Quoted,
                (State::AfterQuote, b'"') => State::Quoted,
                (_, b',') => State::FieldStart,
                (_, b'\n' | b'\r') => State::RecordStart,
                (State::Unquoted, b'"') => {
                    layout.report(
                        "a field with a quote in it must be quoted as a whole, the quote doubled",
                    );
                    State::Unquoted
                }
                (State::AfterQuote, _) => {
                    layout.report("text follows the closing quote of a field");
                    State::Unquoted
                }
                (State::FieldStart | State::Unquoted, _) => State::Unquoted,
            };
            let lone_carriage_return = byte == b'\r' && data.get(index + 1) != Some(&b'\n');
            if byte == b'\n' || lone_carriage_return {
                line += 1;
            }
        }
        if state == State::Quoted {
            layout.report(&format!(
                "the quoted field opened on line {quote_opened_on} is never closed"
            ));
        }
        layout
    }

    /// The line where the record at `position` starts, by its record index; the `csv` crate's
    /// own line number only if the record is unknown here (which a reader over the same bytes
    /// never produces).
    pub fn line_of(&self, position: &csv::Position) -> u64 {
        self.record_line(position.record())
            .unwrap_or_else(|| position.line())
    }

    /// The start line of record `index`, the header being record 0.
    pub fn record_line(&self, index: u64) -> Option<u64> {
        let index = usize::try_from(index).ok()?;
        self.record_lines.get(index).copied()
    }

    pub fn quoting_errors(&self) -> &[LineError] {
        &self.quoting_errors
    }

    /// Reports against the record being read, once per record: after the first mistake the
    /// rest of that record says little more.
    fn report(&mut self, message: &str) {
        let line = self.record_lines.last().copied().unwrap_or(1);
        let already_reported = self.quoting_errors.last().is_some_and(|e| e.line == line);
        if !already_reported && self.quoting_errors.len() < MAX_REPORTED_LINE_ERRORS {
            self.quoting_errors.push(LineError::new(line, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::csv_format::reader_builder;

    /// Start lines of the records the `csv` reader itself finds, mapped through the layout.
    fn reader_record_lines(data: &[u8], layout: &CsvLayout) -> Vec<u64> {
        let mut reader = reader_builder()
            .flexible(true)
            .has_headers(false)
            .from_reader(data);
        reader
            .byte_records()
            .map(|record| layout.line_of(record.unwrap().position().unwrap()))
            .collect()
    }

    #[test]
    fn records_split_exactly_where_the_reader_splits_them() {
        let files: [&[u8]; 8] = [
            b"a,b\nc,d\n",
            b"a,b\r\nc,d\r\n\r\ne\r\n",
            b"a\rb\rc",
            b"\n\n\"x\ny\",z\n\n\"p\"\"q\"\n",
            b"\xEF\xBB\xBF\"h\"\nv",
            b"a\"b,\"c\"d\ne\n",
            b"\"never closed\nstill,in\nit",
            b"",
        ];
        for data in files {
            let layout = CsvLayout::scan(data);
            let lines = reader_record_lines(data, &layout);
            assert_eq!(
                lines,
                layout.record_lines,
                "{:?}",
                String::from_utf8_lossy(data)
            );
        }
    }

    #[test]
    fn start_lines_count_every_kind_of_line_break() {
        let layout = CsvLayout::scan(b"h\r\n\r\n\"a\rb\nc\"\rd\n\ne");
        assert_eq!(layout.record_lines, [1, 3, 6, 8]);
        assert!(layout.quoting_errors().is_empty());
    }

    #[test]
    fn each_bad_record_is_reported_once_at_its_start_line() {
        let layout = CsvLayout::scan(b"h\n\"a\"b\"c\"d,e\"f\nok\n");
        assert_eq!(
            layout.quoting_errors(),
            [LineError::new(
                2,
                "text follows the closing quote of a field"
            )]
        );
    }
}
