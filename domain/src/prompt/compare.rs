//! Comparing two versions of a prompt: template, variables and model settings, each as a
//! side-by-side diff.

use serde::{Deserialize, Serialize};

use super::{
    diff::{SideBySide, side_by_side},
    record::PromptVersion,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionDiff {
    pub from: String,
    pub to: String,
    pub template: SideBySide,
    pub variables: SideBySide,
    pub model_config: SideBySide,
}

impl VersionDiff {
    pub fn between(old: &PromptVersion, new: &PromptVersion) -> Self {
        VersionDiff {
            from: old.version.clone(),
            to: new.version.clone(),
            template: side_by_side(&old.template.display_text(), &new.template.display_text()),
            variables: side_by_side(&pretty(&old.variables), &pretty(&new.variables)),
            model_config: side_by_side(&pretty(&old.model_config), &pretty(&new.model_config)),
        }
    }

    pub fn is_identical(&self) -> bool {
        [&self.template, &self.variables, &self.model_config]
            .iter()
            .all(|diff| diff.added == 0 && diff.removed == 0)
    }
}

fn pretty(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).expect("records always serialize")
}
