//! The system tests, one binary: each module drives the real `llmops` binary over HTTP, every
//! test on a server of its own with a fresh database (see `system_tests::TestServer`).
//!
//! Tests run on parallel threads; each holds `machine::shared()` while it runs, and the few
//! that need the machine to themselves hold `machine::whole()` instead.

mod machine;
mod support;

mod access;
mod cluster;
mod compare;
mod datasets;
mod delivery;
mod eval;
mod eval_crash;
mod eval_faults;
mod eval_model;
mod experiments;
mod prompts;
mod rpc;
mod schedules;
mod shares;
