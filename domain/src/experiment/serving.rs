//! Which variant a user gets, given the experiment's status: the split while it runs, the
//! control or the winner otherwise.

use serde::{Deserialize, Serialize};

use super::assignment::assign;
use super::status::ExperimentStatus;
use crate::problem::{ErrorCode, Problem};
use crate::prompt::model_config::ModelConfig;

/// The variant to serve and whether the user counts as part of the experiment (only assignments
/// with `in_experiment` are counted as exposures for the sample-ratio check).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub variant_index: usize,
    pub in_experiment: bool,
}

/// - running: the hashed variant, `assign(seed, user_id, weights)`, inside the experiment;
/// - paused: the control, outside;
/// - completed: the winner (the control when none was named), outside;
/// - draft and cancelled: the control, outside (the API may prefer to refuse these instead).
pub fn serve(
    status: ExperimentStatus,
    control_index: usize,
    winner_index: Option<usize>,
    seed: &str,
    user_id: &str,
    weights: &[f64],
) -> Assignment {
    let outside = |variant_index| Assignment {
        variant_index,
        in_experiment: false,
    };
    match status {
        ExperimentStatus::Running => Assignment {
            variant_index: assign(seed, user_id, weights),
            in_experiment: true,
        },
        ExperimentStatus::Completed => outside(winner_index.unwrap_or(control_index)),
        ExperimentStatus::Paused | ExperimentStatus::Draft | ExperimentStatus::Cancelled => {
            outside(control_index)
        }
    }
}

/// Assignment and serving refuse drafts (not started yet) and cancelled experiments with a
/// conflict naming the status; every other status serves someone (see [`serve`]).
pub fn check_assignable(status: ExperimentStatus) -> Result<(), Problem> {
    let hint = match status {
        ExperimentStatus::Draft => "; start it first",
        ExperimentStatus::Cancelled => "",
        ExperimentStatus::Running | ExperimentStatus::Paused | ExperimentStatus::Completed => {
            return Ok(());
        }
    };
    let message = format!("users cannot be assigned in an experiment that is {status}{hint}");
    Err(Problem::new(ErrorCode::Conflict, message.clone()).with_field("status", message))
}

/// The model a served variant calls: the variant's own, else its prompt version's setting.
pub fn served_model(variant_model: Option<&str>, prompt: Option<&ModelConfig>) -> Option<String> {
    variant_model
        .map(str::to_owned)
        .or_else(|| prompt.and_then(|config| config.model.clone()))
}

#[cfg(test)]
#[path = "serving_tests.rs"]
mod tests;
