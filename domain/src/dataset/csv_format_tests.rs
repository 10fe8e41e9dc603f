//! Known-answer tests for CSV headers, records, writers and whole files, including exact round
//! trips and how callers get line numbers for reader errors.

use serde_json::json;
use uuid::Uuid;

use super::*;
use crate::dataset::limits::MAX_METADATA_BYTES;

fn header(names: &[&str]) -> csv::StringRecord {
    csv::StringRecord::from(names.to_vec())
}

fn columns(names: &[&str]) -> CsvColumns {
    CsvColumns::from_header(&header(names)).unwrap()
}

fn header_problem(names: &[&str]) -> String {
    let error = CsvColumns::from_header(&header(names)).unwrap_err();
    assert_eq!(error.line, 1);
    error.message
}

fn row(columns: &CsvColumns, cells: &[&str]) -> Result<SampleInput, LineError> {
    columns
        .sample(9, &csv::StringRecord::from(cells.to_vec()))
        .map(ValidSample::into_inner)
}

fn problem(columns: &CsvColumns, cells: &[&str]) -> String {
    let error = row(columns, cells).unwrap_err();
    assert_eq!(error.line, 9);
    error.message
}

fn object(value: serde_json::Value) -> Map<String, Value> {
    value.as_object().unwrap().clone()
}

#[test]
fn columns_are_found_by_name_in_any_order() {
    let columns = columns(&[" metadata ", "context", "id", "input", "expected_output"]);
    let sample = row(&columns, &[r#"{"a":1}"#, "ctx", "some-id", "q", "a"]).unwrap();
    assert_eq!(
        sample,
        SampleInput {
            input: "q".into(),
            expected_output: "a".into(),
            context: "ctx".into(),
            metadata: object(json!({"a": 1})),
        }
    );
}

#[test]
fn only_the_input_column_is_required() {
    let sample = row(&columns(&["input"]), &["q"]).unwrap();
    assert_eq!(
        (sample.expected_output.as_str(), sample.context.as_str()),
        ("", "")
    );
    assert!(sample.metadata.is_empty());
}

#[test]
fn unknown_columns_go_into_metadata_as_strings() {
    let columns = columns(&["input", "metadata", "difficulty", " source "]);
    let sample = row(&columns, &["q", r#"{"a":1}"#, "3", ""]).unwrap();
    assert_eq!(
        sample.metadata,
        object(json!({"a": 1, "difficulty": "3", "source": ""}))
    );
}

#[test]
fn a_header_without_an_input_column_is_rejected() {
    assert_eq!(
        header_problem(&["Input", "expected_output"]),
        "the header has no `input` column"
    );
    assert_eq!(header_problem(&[]), "the header row is missing");
}

#[test]
fn a_header_naming_a_column_twice_or_not_at_all_is_rejected() {
    assert_eq!(
        header_problem(&["input", "tag", " tag", ""]),
        "column `tag` appears more than once; column 4 has no name"
    );
    assert_eq!(
        header_problem(&["input", "input"]),
        "column `input` appears more than once"
    );
}

#[test]
fn bad_metadata_json_is_rejected_with_its_column() {
    let columns = columns(&["input", "metadata"]);
    assert_eq!(
        problem(&columns, &["q", "{a:1}"]),
        "metadata is invalid JSON: key must be a string at column 2"
    );
}

#[test]
fn metadata_that_is_not_an_object_is_rejected() {
    let columns = columns(&["input", "metadata"]);
    for cell in ["[1]", "\"x\"", "null", "7"] {
        assert_eq!(
            problem(&columns, &["q", cell]),
            "metadata must be a JSON object"
        );
    }
    assert!(row(&columns, &["q", "  "]).unwrap().metadata.is_empty());
}

#[test]
fn an_extra_column_may_not_overwrite_a_metadata_key() {
    let columns = columns(&["input", "metadata", "tag"]);
    assert_eq!(
        problem(&columns, &["q", r#"{"tag":"a"}"#, "b"]),
        "column `tag` clashes with a metadata key"
    );
}

#[test]
fn sample_rules_apply_to_rows_and_all_problems_are_joined() {
    let columns = columns(&["input", "metadata"]);
    assert_eq!(problem(&columns, &["", ""]), "input must not be empty");
    assert_eq!(
        problem(&columns, &[" ", "[]"]),
        "metadata must be a JSON object; input must not be only whitespace"
    );
    let big = format!(r#"{{"k":"{}"}}"#, "x".repeat(MAX_METADATA_BYTES));
    assert_eq!(
        problem(&columns, &["q", &big]),
        "metadata must be at most 16384 bytes as JSON"
    );
    assert_eq!(
        problem(&columns, &["q"]),
        "the record has 1 fields but the header has 2"
    );
}

fn tricky_sample() -> Sample {
    Sample {
        id: Uuid::from_u128(42),
        input: "a, \"quoted\" b\nsecond line\r\nthird\rfourth".into(),
        expected_output: "\"\" ,,, \"".into(),
        context: "  héllo wörld 👋 日本語  ".into(),
        metadata: object(json!({"tags": ["a,b", "c\"d"], "nl": "x\ny", "n": 1.5})),
    }
}

#[test]
fn the_header_and_a_plain_record_are_written_as_expected() {
    let mut out = Vec::new();
    write_header(&mut out);
    let plain = Sample {
        id: Uuid::nil(),
        input: "q".into(),
        expected_output: "a".into(),
        context: String::new(),
        metadata: Map::new(),
    };
    write_record(&plain, &mut out);
    let mut quoted = plain.clone();
    quoted.input = "say \"hi\", then\nleave".into();
    quoted.metadata = object(json!({"k": "v"}));
    write_record(&quoted, &mut out);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "input,expected_output,context,metadata\n\
         q,a,,\n\
         \"say \"\"hi\"\", then\nleave\",a,,\"{\"\"k\"\":\"\"v\"\"}\"\n"
    );
}

#[test]
fn a_record_with_newlines_quotes_and_commas_round_trips_byte_for_byte() {
    let sample = tricky_sample();
    let mut out = Vec::new();
    write_header(&mut out);
    write_record(&sample, &mut out);
    let mut reader = reader_builder().from_reader(out.as_slice());
    let columns = CsvColumns::from_header(reader.headers().unwrap()).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 1);
    let back = columns.sample(2, &records[0]).unwrap().into_inner();
    assert_eq!(back, sample.to_input());
}

#[test]
fn an_exported_file_reads_back_whole_in_order() {
    let mut second = tricky_sample();
    second.input = "second".into();
    second.metadata = Map::new();
    let mut out = Vec::new();
    write_header(&mut out);
    write_record(&tricky_sample(), &mut out);
    write_record(&second, &mut out);
    let back: Vec<SampleInput> = read_all(&out)
        .unwrap()
        .into_iter()
        .map(ValidSample::into_inner)
        .collect();
    assert_eq!(back, [tricky_sample().to_input(), second.to_input()]);
}
