//! The store's tests, one binary: every test runs twice, on a fresh SQLite file and on a fresh
//! PostgreSQL database, so the two backends are held to the same behaviour.

#[macro_use]
mod support;

mod access;
mod datasets;
mod experiments;
mod prompts;
mod schedules;
mod shares;
