//! Score sheets for the runs that completed before sheets existed: written once, in the
//! background, when the worker starts. Until then those runs are compared from their rows.

use db::Pool;
use tokio_util::sync::CancellationToken;

pub(super) async fn backfill(pool: Pool, shutdown: CancellationToken) {
    let ids = match db::runs::score_sheet::completed_without_sheet(&pool).await {
        Ok(ids) => ids,
        Err(error) => return tracing::error!(%error, "could not list runs without a score sheet"),
    };
    if !ids.is_empty() {
        tracing::info!(
            runs = ids.len(),
            "writing the score sheets of completed runs"
        );
    }
    for id in ids {
        if shutdown.is_cancelled() {
            return;
        }
        if let Err(error) = db::runs::score_sheet::backfill(&pool, id).await {
            tracing::error!(run = %id, %error, "could not write a score sheet");
        }
    }
}
