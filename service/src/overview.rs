//! The figures of the dashboard and the sidebar.

use domain::overview::Overview;
use domain::problem::Problem;

use crate::{App, Caller, Permission};

/// Prompts the dashboard lists as recently changed.
const RECENT_PROMPTS: usize = 5;

pub async fn overview(caller: &Caller, app: &App) -> Result<Overview, Problem> {
    caller.require(Permission::View)?;
    let pool = app.pool();
    let (prompts, datasets, runs, endpoints) = tokio::try_join!(
        db::prompts::list(pool),
        db::datasets::list(pool),
        db::runs::count(pool),
        db::endpoints::count(pool)
    )?;
    Ok(Overview {
        prompts: prompts.len(),
        versions: prompts.iter().map(|p| p.version_count).sum(),
        active: prompts
            .iter()
            .filter(|p| p.active_version.is_some())
            .count(),
        datasets: datasets.len(),
        samples: datasets.iter().map(|d| d.sample_count).sum(),
        runs,
        endpoints,
        recent: prompts.into_iter().take(RECENT_PROMPTS).collect(),
    })
}
