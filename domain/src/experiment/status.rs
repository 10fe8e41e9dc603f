//! The lifecycle of an experiment: its statuses, the actions that move between them, and the
//! one table saying which moves are allowed.
//!
//! ```text
//! draft --start--> running --pause--> paused --start--> running      (start on paused = resume)
//! running | paused --complete--> completed
//! draft | running | paused --cancel--> cancelled
//! ```
//! Completed and cancelled are final; anything else is refused with a [`TransitionError`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::problem::{ErrorCode, Problem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExperimentStatus {
    Draft,
    Running,
    Paused,
    Completed,
    Cancelled,
}

impl ExperimentStatus {
    pub const ALL: [ExperimentStatus; 5] = [
        ExperimentStatus::Draft,
        ExperimentStatus::Running,
        ExperimentStatus::Paused,
        ExperimentStatus::Completed,
        ExperimentStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExperimentStatus::Draft => "draft",
            ExperimentStatus::Running => "running",
            ExperimentStatus::Paused => "paused",
            ExperimentStatus::Completed => "completed",
            ExperimentStatus::Cancelled => "cancelled",
        }
    }

    /// Parses a status as written in JSON and query strings (`?status=running`); errors carry
    /// the field `status`.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == raw)
            .ok_or_else(|| {
                FieldError::new(
                    "status",
                    "must be one of draft, running, paused, completed, cancelled",
                )
            })
    }

    /// Completed and cancelled experiments never change again.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ExperimentStatus::Completed | ExperimentStatus::Cancelled
        )
    }

    /// The status after `action`, or why it is refused; see [`apply`].
    pub fn apply(self, action: Action) -> Result<ExperimentStatus, TransitionError> {
        apply(self, action)
    }

    /// The actions allowed from this status, in [`Action::ALL`] order (for lifecycle buttons).
    pub fn allowed_actions(self) -> Vec<Action> {
        Action::ALL
            .into_iter()
            .filter(|action| apply(self, *action).is_ok())
            .collect()
    }
}

impl fmt::Display for ExperimentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A lifecycle request, one per REST endpoint: `/start`, `/pause`, `/complete`, `/cancel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Starts a draft, or resumes a paused experiment.
    Start,
    Pause,
    Complete,
    Cancel,
}

impl Action {
    pub const ALL: [Action; 4] = [
        Action::Start,
        Action::Pause,
        Action::Complete,
        Action::Cancel,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Start => "start",
            Action::Pause => "pause",
            Action::Complete => "complete",
            Action::Cancel => "cancel",
        }
    }

    /// Parses an action name; errors carry the field `action`.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|action| action.as_str() == raw)
            .ok_or_else(|| {
                FieldError::new("action", "must be one of start, pause, complete, cancel")
            })
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refused lifecycle move, e.g. "cannot pause an experiment that is draft".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("cannot {action} an experiment that is {from}")]
pub struct TransitionError {
    pub from: ExperimentStatus,
    pub action: Action,
}

/// A refused move conflicts with the experiment's current state: HTTP 409.
impl From<TransitionError> for Problem {
    fn from(error: TransitionError) -> Self {
        Problem::new(ErrorCode::Conflict, error.to_string())
    }
}

/// The transition table:
///
/// | from \ action | start   | pause  | complete  | cancel    |
/// |---------------|---------|--------|-----------|-----------|
/// | draft         | running | -      | -         | cancelled |
/// | running       | -       | paused | completed | cancelled |
/// | paused        | running | -      | completed | cancelled |
/// | completed     | -       | -      | -         | -         |
/// | cancelled     | -       | -      | -         | -         |
pub fn apply(from: ExperimentStatus, action: Action) -> Result<ExperimentStatus, TransitionError> {
    use Action::{Cancel, Complete, Pause, Start};
    use ExperimentStatus::{Cancelled, Completed, Draft, Paused, Running};
    match (from, action) {
        (Draft | Paused, Start) => Ok(Running),
        (Running, Pause) => Ok(Paused),
        (Running | Paused, Complete) => Ok(Completed),
        (Draft | Running | Paused, Cancel) => Ok(Cancelled),
        _ => Err(TransitionError { from, action }),
    }
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
