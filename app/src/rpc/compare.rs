//! The comparison page's data: two runs, their comparison and its charts, and word-level diffs
//! of the outputs that changed between pass and fail.

use chrono::{DateTime, Utc};
use domain::eval::{compare::RunComparison, record::Run};
use domain::prompt::diff::SideBySide;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::AppError;

/// What the page says about each run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunLabel {
    pub id: Uuid,
    pub name: String,
    pub dataset: String,
    pub dataset_version: i64,
    pub prompt: String,
    pub endpoint: String,
    pub model_name: String,
    pub created_at: DateTime<Utc>,
}

impl From<&Run> for RunLabel {
    fn from(run: &Run) -> Self {
        RunLabel {
            id: run.id,
            name: run.name.clone(),
            dataset: run.dataset.clone(),
            dataset_version: run.dataset_version,
            prompt: format!("{}@{}", run.prompt_name, run.prompt_version),
            endpoint: run.endpoint.clone(),
            model_name: run.model_name.clone(),
            created_at: run.created_at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonCharts {
    /// (metric key, base vs candidate means with intervals).
    pub means: Vec<(String, String)>,
    pub transitions: String,
    /// (metric key, per-sample scatter).
    pub scatter: Vec<(String, String)>,
}

/// The comparison as the page shows it: the scatter points are drawn rather than sent, unpaired
/// samples are counted rather than listed, and the first regressions and improvements come with
/// diffs of their outputs (the totals are in `comparison.transitions`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonView {
    pub base: RunLabel,
    pub candidate: RunLabel,
    pub comparison: RunComparison,
    pub charts: ComparisonCharts,
    pub regression_diffs: Vec<SideBySide>,
    pub improvement_diffs: Vec<SideBySide>,
}

#[server(prefix = "/rpc", endpoint = "load_comparison")]
pub async fn load_comparison(base: Uuid, candidate: Uuid) -> Result<ComparisonView, AppError> {
    super::respond(async move {
        use domain::eval::compare::DEFAULT_CONFIDENCE_LEVEL;
        let (caller, app) = (super::caller(), super::app()?);
        let compared =
            service::compare::compare(&caller, &app, base, candidate, DEFAULT_CONFIDENCE_LEVEL)
                .await?;
        Ok(super::comparison_view::build(compared))
    })
    .await
}
