//! API keys, looked up by the SHA-256 of their secret. A key works while it is neither revoked
//! nor expired and its creator (if any) is enabled; what it may do is its scope, capped by its
//! creator's current role.

use chrono::{DateTime, Utc};
use domain::access::{ApiKey, KeyScope, Role};
use sqlx::FromRow;
use uuid::Uuid;

use crate::DbError;
use crate::error::conflict_on;
use crate::store::{Id, MaybeTime, Pool, Time};

#[derive(FromRow)]
struct KeyRow {
    id: Id,
    name: String,
    prefix: String,
    scope: String,
    created_by: Option<String>,
    #[sqlx(try_from = "Time")]
    created_at: DateTime<Utc>,
    #[sqlx(try_from = "MaybeTime")]
    expires_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeTime")]
    last_used_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeTime")]
    revoked_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "k.id, k.name, k.prefix, k.scope, k.created_by, k.created_at, k.expires_at,
    k.last_used_at, k.revoked_at";

impl TryFrom<KeyRow> for ApiKey {
    type Error = DbError;

    fn try_from(row: KeyRow) -> Result<ApiKey, DbError> {
        let invalid = |column| DbError::Invalid { column };
        Ok(ApiKey {
            id: row.id.into_uuid(),
            name: row.name,
            prefix: row.prefix,
            scope: KeyScope::parse(&row.scope).ok_or(invalid("api_keys.scope"))?,
            created_by: row
                .created_by
                .map(|id| Uuid::parse_str(&id).map_err(|_| invalid("api_keys.created_by")))
                .transpose()?,
            created_at: row.created_at,
            expires_at: row.expires_at,
            last_used_at: row.last_used_at,
            revoked_at: row.revoked_at,
        })
    }
}

pub struct NewKeyRow<'a> {
    pub name: &'a str,
    pub prefix: &'a str,
    pub secret_hash: &'a str,
    pub scope: KeyScope,
    pub created_by: Option<Uuid>,
    pub now: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
}

pub async fn create(pool: &Pool, new: &NewKeyRow<'_>) -> Result<ApiKey, DbError> {
    let id = Id::new();
    sqlx::query(
        "INSERT INTO api_keys (id, name, prefix, secret_hash, scope, created_by, created_at,
                               expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(new.name)
    .bind(new.prefix)
    .bind(new.secret_hash)
    .bind(new.scope.as_str())
    .bind(new.created_by.map(Id))
    .bind(Time(new.now))
    .bind(new.expires_at.map(Time))
    .execute(pool)
    .await
    .map_err(conflict_on("secret", || {
        "a key with this secret exists".into()
    }))?;
    get(pool, id.0).await
}

pub async fn get(pool: &Pool, id: Uuid) -> Result<ApiKey, DbError> {
    let row: Option<KeyRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM api_keys k WHERE k.id = $1"))
            .bind(Id(id))
            .fetch_optional(pool)
            .await?;
    row.ok_or_else(|| DbError::not_found("api_key", id.to_string()))?
        .try_into()
}

pub async fn exists_with_secret_hash(pool: &Pool, secret_hash: &str) -> Result<bool, DbError> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM api_keys WHERE secret_hash = $1")
        .bind(secret_hash)
        .fetch_optional(pool)
        .await?;
    Ok(found.is_some())
}

/// A working key and its creator's role (None for a key no user created).
pub struct ActiveKey {
    pub key: ApiKey,
    pub creator_role: Option<Role>,
}

/// The key behind `secret_hash` if it works at `now`.
pub async fn find_active(
    pool: &Pool,
    secret_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<ActiveKey>, DbError> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        key: KeyRow,
        creator_role: Option<String>,
    }
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS}, u.role AS creator_role FROM api_keys k
         LEFT JOIN users u ON u.id = k.created_by
         WHERE k.secret_hash = $1 AND k.revoked_at IS NULL
           AND (k.expires_at IS NULL OR k.expires_at > $2)
           AND (k.created_by IS NULL OR u.disabled_at IS NULL)"
    ))
    .bind(secret_hash)
    .bind(Time(now))
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(ActiveKey {
        key: row.key.try_into()?,
        creator_role: row
            .creator_role
            .as_deref()
            .map(super::users::parse_role)
            .transpose()?,
    }))
}

/// Keys, newest first: all of them, or those `created_by` made.
pub async fn list(pool: &Pool, created_by: Option<Uuid>) -> Result<Vec<ApiKey>, DbError> {
    let rows: Vec<KeyRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM api_keys k WHERE ($1 IS NULL OR k.created_by = $1)
         ORDER BY k.created_at DESC, k.id"
    ))
    .bind(created_by.map(Id))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(ApiKey::try_from).collect()
}

/// Revokes a key that is not revoked yet (of `created_by` only, when given); anything else is
/// not found.
pub async fn revoke(
    pool: &Pool,
    id: Uuid,
    created_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<ApiKey, DbError> {
    let done = sqlx::query(
        "UPDATE api_keys SET revoked_at = $1
         WHERE id = $2 AND revoked_at IS NULL AND ($3 IS NULL OR created_by = $3)",
    )
    .bind(Time(now))
    .bind(Id(id))
    .bind(created_by.map(Id))
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(DbError::not_found("api_key", id.to_string()));
    }
    get(pool, id).await
}

pub async fn touch(pool: &Pool, id: Uuid, now: DateTime<Utc>) -> Result<(), DbError> {
    sqlx::query("UPDATE api_keys SET last_used_at = $1 WHERE id = $2")
        .bind(Time(now))
        .bind(Id(id))
        .execute(pool)
        .await?;
    Ok(())
}
