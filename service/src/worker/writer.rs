//! Writes results as they arrive, grouping whatever is waiting into one transaction, so a
//! fast endpoint does not wait on one fsync per sample.

use db::{DbError, SqlitePool};
use domain::eval::result::SampleResult;
use tokio::sync::mpsc;
use uuid::Uuid;

const MAX_GROUP: usize = 256;

pub async fn write_results(
    pool: SqlitePool,
    run_id: Uuid,
    mut results: mpsc::Receiver<SampleResult>,
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
        db::runs::record_results(&pool, run_id, &group).await?;
        group.clear();
    }
    Ok(())
}
