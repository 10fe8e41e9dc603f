//! How one node learns that another changed an experiment's status: the transition notifies
//! the `llmops_experiments` channel in its transaction (PostgreSQL delivers it on commit), and
//! every node listens. [`latest_change`] is the fallback check for notifications a dropped
//! listener missed.

use sqlx::postgres::PgListener;
use uuid::Uuid;

use crate::DbError;
use crate::store::{Backend, Connection, DatabaseUrl, Id, Pool};

const CHANNEL: &str = "llmops_experiments";

/// Tells the other nodes, once the caller's transaction commits, that `id` changed.
pub(crate) async fn notify(conn: &mut Connection, id: Uuid) -> Result<(), DbError> {
    if Backend::of_connection(conn) == Backend::Postgres {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(Id(id))
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// The changes other nodes make, as they commit.
pub struct ChangeFeed {
    listener: PgListener,
}

impl ChangeFeed {
    /// Listens on `database`; None on SQLite, whose one node sees its own changes.
    pub async fn connect(database: &DatabaseUrl) -> Result<Option<ChangeFeed>, DbError> {
        if database.backend() != Backend::Postgres {
            return Ok(None);
        }
        let mut listener = PgListener::connect(database.as_str()).await?;
        listener.listen(CHANNEL).await?;
        Ok(Some(ChangeFeed { listener }))
    }

    /// The next experiment changed; an error when the connection dropped (changes made
    /// meanwhile were missed).
    pub async fn next(&mut self) -> Result<Option<Uuid>, DbError> {
        let notification = self.listener.try_recv().await?;
        Ok(notification.and_then(|n| Uuid::parse_str(n.payload()).ok()))
    }
}

/// The newest `updated_at` of any experiment, which every transition moves.
pub async fn latest_change(pool: &Pool) -> Result<Option<String>, DbError> {
    Ok(
        sqlx::query_scalar("SELECT MAX(updated_at) FROM experiments")
            .fetch_one(pool)
            .await?,
    )
}
