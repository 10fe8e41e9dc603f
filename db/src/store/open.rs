//! Opening a pool on either backend.

use std::{sync::Once, time::Duration};

use sqlx::{Executor, any::AnyPoolOptions};

use super::{Backend, DatabaseUrl, Pool, migrations::migrate};
use crate::DbError;

/// How many connections a node keeps, and how long a request waits for one.
#[derive(Debug, Clone, Copy)]
pub struct PoolSettings {
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

impl PoolSettings {
    /// SQLite serializes writers anyway: a few connections serve its readers. A PostgreSQL
    /// node's pool is its share of the server's `max_connections`.
    pub fn for_backend(backend: Backend) -> PoolSettings {
        PoolSettings {
            max_connections: match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            },
            acquire_timeout: Duration::from_secs(30),
        }
    }
}

/// Opens the database and applies pending migrations: what a single node on its own file does.
pub async fn connect(url: &DatabaseUrl) -> Result<Pool, DbError> {
    let pool = connect_without_migrating(url, PoolSettings::for_backend(url.backend())).await?;
    migrate(&pool).await?;
    Ok(pool)
}

/// Opens the database as it is.
///
/// SQLite: WAL lets readers run beside the single writer, `synchronous = FULL` makes every
/// acknowledged commit survive a power cut, and foreign keys are enforced. PostgreSQL commits
/// are durable by its own defaults.
pub async fn connect_without_migrating(
    url: &DatabaseUrl,
    settings: PoolSettings,
) -> Result<Pool, DbError> {
    static DRIVERS: Once = Once::new();
    DRIVERS.call_once(sqlx::any::install_default_drivers);
    let options = AnyPoolOptions::new()
        .max_connections(settings.max_connections)
        .acquire_timeout(settings.acquire_timeout);
    let options = match url.backend() {
        Backend::Sqlite => options.after_connect(|conn, _| {
            Box::pin(async move {
                conn.execute(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                )
                .await?;
                Ok(())
            })
        }),
        Backend::Postgres => options,
    };
    Ok(options.connect(url.as_str()).await?)
}

/// The health check: one round trip through the pool.
pub async fn ping(pool: &Pool) -> Result<(), DbError> {
    sqlx::query("SELECT 1").execute(pool).await?;
    Ok(())
}
