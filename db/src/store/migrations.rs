//! The schema of each backend, from one ordered list of versions: `migrations/sqlite/` and
//! `migrations/postgres/` hold the same versions (a test checks), each written in its
//! backend's own DDL.

use sqlx::migrate::Migrator;

use super::{Backend, Pool};
use crate::DbError;

static SQLITE: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("../migrations/postgres");

fn migrator(backend: Backend) -> &'static Migrator {
    match backend {
        Backend::Sqlite => &SQLITE,
        Backend::Postgres => &POSTGRES,
    }
}

/// Where the database's schema stands against the migrations this binary carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaState {
    Current,
    /// Versions this binary would apply.
    Pending(Vec<i64>),
    /// Versions applied by a newer binary: this one must not write to the database.
    Newer(Vec<i64>),
}

/// Applies pending migrations. Refuses, changing nothing, when the database was migrated by a
/// newer binary. On PostgreSQL the migrator holds an advisory lock, so nodes starting together
/// apply each migration once.
pub async fn migrate(pool: &Pool) -> Result<(), DbError> {
    if let SchemaState::Newer(versions) = schema_state(pool).await? {
        return Err(DbError::SchemaNewer { versions });
    }
    migrator(Backend::of(pool)).run(pool).await?;
    Ok(())
}

pub async fn schema_state(pool: &Pool) -> Result<SchemaState, DbError> {
    let known: Vec<i64> = migrator(Backend::of(pool))
        .iter()
        .map(|m| m.version)
        .collect();
    let applied = applied_versions(pool).await?;
    let newer: Vec<i64> = applied
        .iter()
        .copied()
        .filter(|v| !known.contains(v))
        .collect();
    if !newer.is_empty() {
        return Ok(SchemaState::Newer(newer));
    }
    let pending: Vec<i64> = known.into_iter().filter(|v| !applied.contains(v)).collect();
    Ok(if pending.is_empty() {
        SchemaState::Current
    } else {
        SchemaState::Pending(pending)
    })
}

/// Versions recorded as applied; none on a database that was never migrated.
async fn applied_versions(pool: &Pool) -> Result<Vec<i64>, DbError> {
    let table_exists: bool = match Backend::of(pool) {
        Backend::Sqlite => sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
        )
        .fetch_one(pool)
        .await?
            > 0,
        Backend::Postgres => {
            sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'",
            )
            .fetch_one(pool)
            .await?
                > 0
        }
    };
    if !table_exists {
        return Ok(Vec::new());
    }
    Ok(
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
            .fetch_all(pool)
            .await?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_carry_the_same_versions_in_the_same_order() {
        let versions = |m: &Migrator| {
            m.iter()
                .map(|m| (m.version, m.description.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(versions(&SQLITE), versions(&POSTGRES));
        assert!(!versions(&SQLITE).is_empty());
    }
}
