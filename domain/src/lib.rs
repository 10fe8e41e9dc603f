//! The llmops domain: pure rules about prompts, with no IO, so the server and the browser share them.
//!
//! Everything here must also build for `wasm32-unknown-unknown`, which is why there is no
//! clock, no threads and no file access anywhere in this crate.

pub mod access;
pub mod dataset;
pub mod error;
pub mod eval;
pub mod experiment;
pub mod overview;
pub mod page;
pub mod problem;
pub mod prompt;
pub mod schedule;
pub mod share;
