//! Figures for the dashboard and the sidebar counts.

use domain::prompt::record::PromptSummary;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

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

#[server(prefix = "/rpc")]
pub async fn load_overview() -> Result<Overview, AppError> {
    super::respond(async move {
        let pool = super::pool()?;
        let prompts = db::prompts::list(&pool).await?;
        let datasets = db::datasets::list(&pool).await?;
        Ok(Overview {
            prompts: prompts.len(),
            versions: prompts.iter().map(|p| p.version_count).sum(),
            active: prompts
                .iter()
                .filter(|p| p.active_version.is_some())
                .count(),
            datasets: datasets.len(),
            samples: datasets.iter().map(|d| d.sample_count).sum(),
            runs: db::runs::count(&pool).await?,
            endpoints: db::endpoints::count(&pool).await?,
            recent: prompts.into_iter().take(5).collect(),
        })
    })
    .await
}
