//! Datasets: named, versioned collections of samples (input, expected output, context, metadata)
//! used to evaluate prompts, with the checks for creating them and for importing and exporting
//! their samples as JSONL and CSV.

pub mod csv_format;
pub mod csv_layout;
pub mod file_format;
pub mod jsonl;
pub mod kind;
pub mod limits;
pub mod name;
pub mod new_dataset;
pub mod record;
pub mod sample;
