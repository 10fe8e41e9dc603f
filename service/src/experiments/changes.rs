//! Hearing of other nodes' experiment transitions, so that this node's assignment cache reads
//! a changed status at once: a listener on the database's change feed, and a check of the
//! newest change every [`FALLBACK_CHECK`] for what a dropped listener missed.

use std::time::Duration;

use db::{DatabaseUrl, Pool, experiments};
use tokio_util::sync::CancellationToken;

const FALLBACK_CHECK: Duration = Duration::from_secs(5);
const RECONNECT_PAUSE: Duration = Duration::from_secs(1);

pub(crate) async fn watch(pool: Pool, database: DatabaseUrl, stop: CancellationToken) {
    if database.backend() != db::Backend::Postgres {
        return;
    }
    let mut check = tokio::time::interval(FALLBACK_CHECK);
    let mut seen = experiments::latest_change(&pool).await.ok().flatten();
    loop {
        let mut feed = match experiments::ChangeFeed::connect(&database).await {
            Ok(feed) => feed,
            Err(error) => {
                tracing::warn!(%error, "could not listen for experiment changes; checking every {FALLBACK_CHECK:?}");
                None
            }
        };
        // Whatever happened while no one listened is caught up with.
        experiments::note_lifecycle_change();
        loop {
            tokio::select! {
                () = stop.cancelled() => return,
                heard = next(&mut feed) => match heard {
                    Ok(()) => experiments::note_lifecycle_change(),
                    Err(error) => {
                        tracing::warn!(%error, "the experiment change feed dropped; listening again");
                        break;
                    }
                },
                _ = check.tick() => {
                    let latest = experiments::latest_change(&pool).await.ok().flatten();
                    if latest != seen {
                        seen = latest;
                        experiments::note_lifecycle_change();
                    }
                }
            }
        }
        tokio::select! {
            () = stop.cancelled() => return,
            () = tokio::time::sleep(RECONNECT_PAUSE) => {}
        }
    }
}

/// The next change heard; never, without a feed.
async fn next(feed: &mut Option<experiments::ChangeFeed>) -> Result<(), db::DbError> {
    match feed {
        Some(feed) => feed.next().await.map(drop),
        None => std::future::pending().await,
    }
}
