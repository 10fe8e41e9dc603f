//! Statistics of experiment results: per-variant summaries, Welch comparisons with absolute and
//! relative lift, Holm's correction, the sample-ratio check, always-valid confidence sequences,
//! and the analysis that assembles them.

pub mod analyze;
pub mod comparison;
pub mod distributions;
pub mod holm;
pub mod interval;
pub mod relative;
pub mod sequential;
pub mod srm;
pub mod summary;
pub mod welch;

pub use analyze::{AnalysisInput, AnalysisVariant, ExperimentResults, MetricResults, analyze};
pub use comparison::{Comparison, Outcome};
pub use interval::Interval;
pub use srm::SampleRatioCheck;
pub use summary::VariantSummary;

#[cfg(test)]
#[path = "analyze_tests.rs"]
mod analyze_tests;

#[cfg(test)]
#[path = "known_answers_tests.rs"]
mod known_answers_tests;

#[cfg(test)]
#[path = "aa_simulation_tests.rs"]
mod aa_simulation_tests;
