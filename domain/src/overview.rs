//! The figures of the dashboard and the sidebar.

use serde::{Deserialize, Serialize};

use crate::prompt::record::PromptSummary;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub prompts: usize,
    pub versions: i64,
    pub active: usize,
    pub datasets: usize,
    pub samples: i64,
    pub runs: i64,
    pub endpoints: i64,
    /// The most recently changed prompts.
    pub recent: Vec<PromptSummary>,
}
