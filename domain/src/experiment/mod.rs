//! A/B experiments: definitions, lifecycle, deterministic assignment and statistics.
//!
//! - [`definition`]: the "create an experiment" request and its validation;
//! - [`status`]: the lifecycle (draft, running, paused, completed, cancelled);
//! - [`assignment`] and [`serving`]: GrowthBook-compatible hashing of users to variants;
//! - [`observation`]: checking recorded metric values;
//! - [`sufficient`]: the running statistics kept per variant and metric;
//! - [`stats`]: the analysis behind GetResults;
//! - [`record`]: experiments, assignments and reports as the store and the API return them.

pub mod assignment;
pub mod definition;
pub mod limits;
pub mod metric;
pub mod observation;
mod parameters;
pub mod record;
pub mod serving;
pub mod stats;
pub mod status;
pub mod sufficient;
mod traffic_split;
pub mod variant_id;

pub use assignment::{assign, bucket_ranges, choose_variant, fnv1a32, gb_hash};
pub use definition::{NewExperiment, NewVariant, ValidExperiment, ValidVariant};
pub use metric::{Direction, MetricDefinition, MetricKind};
pub use observation::{NewObservation, ValidObservation};
pub use serving::{Assignment, serve};
pub use stats::{
    AnalysisInput, Comparison, ExperimentResults, Interval, MetricResults, Outcome,
    SampleRatioCheck, VariantSummary, analyze,
};
pub use status::{Action, ExperimentStatus, TransitionError};
pub use sufficient::MetricStats;
pub use variant_id::VariantId;
