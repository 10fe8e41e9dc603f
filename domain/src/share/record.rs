//! A share link as the store keeps it and the API lists it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a share link shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ShareTarget {
    Run { run_id: Uuid },
    Comparison { base: Uuid, candidate: Uuid },
    Experiment { experiment_id: Uuid },
}

impl ShareTarget {
    pub fn kind(&self) -> &'static str {
        match self {
            ShareTarget::Run { .. } => "run",
            ShareTarget::Comparison { .. } => "comparison",
            ShareTarget::Experiment { .. } => "experiment",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Share {
    /// At least 128 random bits; the link is `/s/{token}`.
    pub token: String,
    /// The shared page's path, `/s/{token}`.
    pub path: String,
    #[serde(flatten)]
    pub target: ShareTarget,
    /// The name of what is shared when the link was made, for the list of links.
    pub title: String,
    pub created_at: DateTime<Utc>,
    /// None: the link lasts until revoked.
    pub expires_at: Option<DateTime<Utc>>,
    /// Who made the link, as the audit log names them; None for links made before accounts.
    #[serde(default)]
    pub created_by: Option<String>,
}

impl Share {
    pub fn path_of(token: &str) -> String {
        format!("/s/{token}")
    }
}
