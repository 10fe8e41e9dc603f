//! Writes results as they arrive, grouping whatever is waiting into one transaction, so a
//! fast endpoint does not wait on one fsync per sample.

use db::{DbError, Pool};
use domain::eval::result::SampleResult;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

const MAX_GROUP: usize = 256;

/// Writes until the senders are gone. A failed write ends the writer and cancels `calls`, so
/// that no model is called for results that could not be stored.
pub async fn write_results(
    pool: Pool,
    run_id: Uuid,
    mut results: mpsc::Receiver<SampleResult>,
    calls: CancellationToken,
) -> Result<(), DbError> {
    let mut group = Vec::with_capacity(MAX_GROUP);
    while let Some(first) = results.recv().await {
        group.push(first);
        while group.len() < MAX_GROUP {
            match results.try_recv() {
                Ok(result) => group.push(result),
                Err(_) => break,
            }
        }
        if let Err(error) = db::runs::record_results(&pool, run_id, &group).await {
            calls.cancel();
            return Err(error);
        }
        group.clear();
    }
    Ok(())
}
