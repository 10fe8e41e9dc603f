//! Prompts as the store returns them and as the API and the UI show them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    model_config::ModelConfig,
    template::{Template, TemplateKind},
    variables::VariableSpec,
};

/// One immutable version of a prompt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PromptVersion {
    pub id: Uuid,
    pub name: String,
    pub version: String,
    pub kind: TemplateKind,
    pub template: Template,
    pub variables: Vec<VariableSpec>,
    pub model_config: ModelConfig,
    pub commit_message: String,
    pub is_active: bool,
    pub labels: Vec<String>,
    pub created_at: DateTime<Utc>,
}

/// A row of the prompt list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PromptSummary {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub active_version: Option<String>,
    pub latest_version: String,
    pub version_count: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A move of the active pointer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activation {
    pub version: String,
    pub previous_version: Option<String>,
    pub activated_at: DateTime<Utc>,
    /// Who made the change, as the audit log names them; None before accounts existed.
    #[serde(default)]
    pub activated_by: Option<String>,
}

/// A prompt with all its versions (newest first), labels and activation history (newest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PromptDetail {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub active_version: Option<String>,
    pub versions: Vec<PromptVersion>,
    pub labels: BTreeMap<String, String>,
    pub activations: Vec<Activation>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl PromptDetail {
    pub fn version(&self, version: &str) -> Option<&PromptVersion> {
        self.versions.iter().find(|v| v.version == version)
    }

    pub fn active(&self) -> Option<&PromptVersion> {
        self.versions.iter().find(|v| v.is_active)
    }
}
