//! Known-answer tests for `CsvLayout`: record start lines and quoting mistakes, the same whether
//! a file is scanned whole or fed in pieces cut anywhere.

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
            layout.record_lines,
            lines,
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
        *layout.quoting_errors(),
        [LineError::new(
            2,
            "text follows the closing quote of a field"
        )]
    );
}

const BARE_QUOTE: &str = "a field with a quote in it must be quoted as a whole, the quote doubled";
const AFTER_QUOTE: &str = "text follows the closing quote of a field";

/// A file, the start line of every record, and the quoting mistakes by line.
type Known = (&'static [u8], Vec<u64>, Vec<(u64, String)>);

/// Files whose pieces may end inside "\r\n", a byte order mark or a quoted field.
fn known_layouts() -> Vec<Known> {
    let never_closed =
        |line: u64| format!("the quoted field opened on line {line} is never closed");
    vec![
        (b"a,b\r\nc,d\r\n\r\ne\r\n", vec![1, 2, 4], vec![]),
        (b"h\r\n\r\n\"a\rb\nc\"\rd\n\ne", vec![1, 3, 6, 8], vec![]),
        (b"\r\ra\r\r\nb\rc", vec![3, 5, 6], vec![]),
        (b"\xEF\xBB\xBF\"h\"\r\nv\r\n", vec![1, 2], vec![]),
        (b"\xEF\xBB\xBF\xEF\xBB\xBF\n", vec![1], vec![]),
        (b"\xEF\xBBx\n\"y", vec![1, 2], vec![(2, never_closed(2))]),
        (b"\xEF\xBB", vec![1], vec![]),
        (b"\"a\r\nb\",\"c\rd\"\r\ne\n", vec![1, 4], vec![]),
        (
            b"h\n\"never closed\r\nstill,in\rit",
            vec![1, 2],
            vec![(2, never_closed(2))],
        ),
        (
            b"a\"b,\"c\"d\r\n\"ok\"\r\n\"x\"y\r\n\"\"\"\"z\n",
            vec![1, 2, 3, 4],
            vec![
                (1, BARE_QUOTE.to_owned()),
                (3, AFTER_QUOTE.to_owned()),
                (4, AFTER_QUOTE.to_owned()),
            ],
        ),
        (b"", vec![], vec![]),
    ]
}

fn quoting_errors(layout: &CsvLayout) -> Vec<(u64, String)> {
    let errors = layout.quoting_errors().iter();
    errors.map(|e| (e.line, e.message.clone())).collect()
}

#[test]
fn known_files_scanned_whole_give_their_known_layouts() {
    for (data, lines, errors) in known_layouts() {
        let layout = CsvLayout::scan(data);
        let name = String::from_utf8_lossy(data);
        assert_eq!(layout.record_lines, lines, "{name:?}");
        assert_eq!(quoting_errors(&layout), errors, "{name:?}");
    }
}

#[test]
fn a_file_fed_in_pieces_of_any_size_gives_the_layout_of_the_whole() {
    for (data, _, _) in known_layouts() {
        let whole = CsvLayout::scan(data);
        for size in 1..=7 {
            let mut layout = CsvLayout::new();
            data.chunks(size).for_each(|piece| layout.feed(piece));
            layout.finish();
            let name = String::from_utf8_lossy(data);
            assert_eq!(layout, whole, "{name:?} in pieces of {size}");
        }
    }
}

#[test]
fn read_records_are_forgotten_and_their_mistakes_taken_once() {
    let mut layout = CsvLayout::scan(b"h\n\"a\"b\nc\nd\"\n");
    layout.forget_records_before(2);
    assert_eq!(layout.record_line(1), None);
    assert_eq!(layout.record_line(2), Some(3));
    let first = layout.take_quoting_error(3);
    assert_eq!(first, Some(LineError::new(2, AFTER_QUOTE)));
    assert_eq!(layout.take_quoting_error(3), None);
    assert_eq!(
        layout.take_quoting_error(4),
        Some(LineError::new(4, BARE_QUOTE))
    );
}

/// Hands out at most `size` bytes a read, as a network upload may.
struct Trickle<'a>(&'a [u8], usize);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let size = self.1.min(buf.len()).min(self.0.len());
        buf[..size].copy_from_slice(&self.0[..size]);
        self.0 = &self.0[size..];
        Ok(size)
    }
}

#[test]
fn the_reader_skips_a_byte_order_mark_split_across_reads_as_the_layout_does() {
    let data = b"\xEF\xBB\xBF\"input\"\r\nq\r\n";
    for size in 1..=4 {
        let mut reader = reader_builder().from_reader(ScannedRead::new(Trickle(data, size)));
        assert_eq!(reader.headers().unwrap(), vec!["input"]);
        let records: Vec<_> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records, [vec!["q"]]);
        assert_eq!(reader.get_ref().layout, CsvLayout::scan(data));
    }
}
