//! Every chart, checked from the outside: well-formed scalable SVG, the expected words present as
//! real `<text>`, the same bytes on every call, and no panic on empty or degenerate input.
//! One test binary with a module per chart keeps linking cheap.

mod check;

mod histogram;
mod intervals;
mod lines;
mod matrix;
mod pass_fail;
mod scatter;
mod traffic;
