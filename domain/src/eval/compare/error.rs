//! Why two runs cannot be compared.

use serde::{Deserialize, Serialize};

use crate::eval::status::RunStatus;
use crate::problem::{ErrorCode, Problem};

/// Which of the two runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Base,
    Candidate,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Base => "base",
            Side::Candidate => "candidate",
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CompareError {
    /// Only completed runs have results worth comparing: a running run is incomplete, a failed
    /// or cancelled one stopped part-way.
    #[error(
        "the {} run is {}; only completed runs can be compared",
        side.as_str(),
        status.as_str()
    )]
    NotCompleted { side: Side, status: RunStatus },
    /// Samples are paired by id, which only means something within one dataset.
    #[error(
        "the runs evaluate different datasets (base \"{base}\", candidate \"{candidate}\"); only runs of the same dataset can be compared"
    )]
    DifferentDatasets { base: String, candidate: String },
    #[error("confidence_level must be greater than 0.5 and at most 0.999")]
    InvalidConfidenceLevel,
}

impl CompareError {
    /// The request field at fault: `base`, `candidate` or `confidence_level`.
    pub fn field(&self) -> &'static str {
        match self {
            CompareError::NotCompleted { side, .. } => side.as_str(),
            CompareError::DifferentDatasets { .. } => Side::Candidate.as_str(),
            CompareError::InvalidConfidenceLevel => "confidence_level",
        }
    }

    fn field_message(&self) -> String {
        match self {
            CompareError::NotCompleted { status, .. } => {
                format!("is {}, not completed", status.as_str())
            }
            CompareError::DifferentDatasets { base, candidate } => {
                format!("evaluates dataset \"{candidate}\", not the base's \"{base}\"")
            }
            CompareError::InvalidConfidenceLevel => {
                "must be greater than 0.5 and at most 0.999".to_owned()
            }
        }
    }
}

/// A 422 `validation_failed` naming the run (or the setting) at fault.
impl From<CompareError> for Problem {
    fn from(error: CompareError) -> Self {
        Problem::new(ErrorCode::ValidationFailed, error.to_string())
            .with_field(error.field(), error.field_message())
    }
}
