//! A "create a share link" request and its validation.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::record::ShareTarget;
use crate::error::{FieldError, ValidationError};

/// As sent: `kind` says which ids are needed: `run` takes `run_id`, `comparison` takes `base`
/// and `candidate`, `experiment` takes `experiment_id`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewShare {
    pub kind: String,
    #[serde(default)]
    pub run_id: Option<Uuid>,
    #[serde(default)]
    pub base: Option<Uuid>,
    #[serde(default)]
    pub candidate: Option<Uuid>,
    #[serde(default)]
    pub experiment_id: Option<Uuid>,
    /// RFC 3339; must be in the future. None: until revoked.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValidShare {
    pub target: ShareTarget,
    pub expires_at: Option<DateTime<Utc>>,
}

impl NewShare {
    /// The request that shares `target` until `expires_at` (None: until revoked).
    pub fn of(target: ShareTarget, expires_at: Option<DateTime<Utc>>) -> NewShare {
        let (run_id, base, candidate, experiment_id) = match target {
            ShareTarget::Run { run_id } => (Some(run_id), None, None, None),
            ShareTarget::Comparison { base, candidate } => {
                (None, Some(base), Some(candidate), None)
            }
            ShareTarget::Experiment { experiment_id } => (None, None, None, Some(experiment_id)),
        };
        NewShare {
            kind: target.kind().to_owned(),
            run_id,
            base,
            candidate,
            experiment_id,
            expires_at,
        }
    }

    /// Checks the shape: a known kind, exactly the ids it needs (an id of another kind is
    /// refused rather than ignored), two different runs for a comparison, and an expiry after
    /// `now`. Whether the ids exist is the store's question.
    pub fn validate(self, now: DateTime<Utc>) -> Result<ValidShare, ValidationError> {
        let mut problems = Vec::new();
        let mut need = |field: &str, value: Option<Uuid>| {
            if value.is_none() {
                problems.push(FieldError::new(
                    field,
                    format!("is required to share a {}", self.kind),
                ));
            }
            value.unwrap_or_default()
        };
        let (target, used): (Option<ShareTarget>, &[&str]) = match self.kind.as_str() {
            "run" => (
                Some(ShareTarget::Run {
                    run_id: need("run_id", self.run_id),
                }),
                &["run_id"],
            ),
            "comparison" => (
                Some(ShareTarget::Comparison {
                    base: need("base", self.base),
                    candidate: need("candidate", self.candidate),
                }),
                &["base", "candidate"],
            ),
            "experiment" => (
                Some(ShareTarget::Experiment {
                    experiment_id: need("experiment_id", self.experiment_id),
                }),
                &["experiment_id"],
            ),
            _ => {
                problems.push(FieldError::new(
                    "kind",
                    "must be one of run, comparison, experiment",
                ));
                (None, &[])
            }
        };
        if target.is_some() {
            for (field, present) in [
                ("run_id", self.run_id.is_some()),
                ("base", self.base.is_some()),
                ("candidate", self.candidate.is_some()),
                ("experiment_id", self.experiment_id.is_some()),
            ] {
                if present && !used.contains(&field) {
                    problems.push(FieldError::new(
                        field,
                        format!("does not belong to a {} share", self.kind),
                    ));
                }
            }
        }
        if let Some(ShareTarget::Comparison { base, candidate }) = target
            && self.base.is_some()
            && base == candidate
        {
            problems.push(FieldError::new(
                "candidate",
                "must be a different run from base",
            ));
        }
        if let Some(expires_at) = self.expires_at
            && expires_at <= now
        {
            problems.push(FieldError::new("expires_at", "must be in the future"));
        }
        match target {
            Some(target) if problems.is_empty() => Ok(ValidShare {
                target,
                expires_at: self.expires_at,
            }),
            _ => Err(ValidationError::new("the share link is invalid", problems)),
        }
    }
}

#[cfg(test)]
#[path = "new_share_tests.rs"]
mod tests;
