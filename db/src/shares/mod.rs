//! Share links. A link that is revoked or past its expiry is never returned: to every caller
//! it is indistinguishable from a token that never existed.

use chrono::{DateTime, Utc};
use domain::share::{Share, ShareTarget};
use sqlx::{FromRow, SqlitePool};

use crate::DbError;

#[derive(FromRow)]
struct ShareRow {
    token: String,
    target: String,
    title: String,
    created_at: DateTime<Utc>,
    expires_at: Option<DateTime<Utc>>,
}

const SELECT_ACTIVE: &str = "SELECT token, target, title, created_at, expires_at FROM shares
    WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)";

impl TryFrom<ShareRow> for Share {
    type Error = DbError;

    fn try_from(row: ShareRow) -> Result<Self, DbError> {
        Ok(Share {
            path: Share::path_of(&row.token),
            token: row.token,
            target: serde_json::from_str(&row.target).map_err(DbError::corrupt("shares.target"))?,
            title: row.title,
            created_at: row.created_at,
            expires_at: row.expires_at,
        })
    }
}

pub struct NewShareRow<'a> {
    pub token: &'a str,
    pub target: ShareTarget,
    pub title: &'a str,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
}

pub async fn create(pool: &SqlitePool, new: &NewShareRow<'_>) -> Result<Share, DbError> {
    sqlx::query(
        "INSERT INTO shares (token, kind, target, title, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(new.token)
    .bind(new.target.kind())
    .bind(serde_json::to_string(&new.target).expect("targets serialize"))
    .bind(new.title)
    .bind(new.created_at)
    .bind(new.expires_at)
    .execute(pool)
    .await?;
    Ok(Share {
        token: new.token.to_owned(),
        path: Share::path_of(new.token),
        target: new.target,
        title: new.title.to_owned(),
        created_at: new.created_at,
        expires_at: new.expires_at,
    })
}

/// The link behind `token` if it is neither revoked nor expired at `now`.
pub async fn get_active(
    pool: &SqlitePool,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Share, DbError> {
    let row: Option<ShareRow> = sqlx::query_as(&format!("{SELECT_ACTIVE} AND token = ?"))
        .bind(now)
        .bind(token)
        .fetch_optional(pool)
        .await?;
    row.ok_or_else(|| DbError::not_found("share", "link"))?
        .try_into()
}

/// Links that work at `now`, newest first.
pub async fn list_active(pool: &SqlitePool, now: DateTime<Utc>) -> Result<Vec<Share>, DbError> {
    let rows: Vec<ShareRow> =
        sqlx::query_as(&format!("{SELECT_ACTIVE} ORDER BY created_at DESC, token"))
            .bind(now)
            .fetch_all(pool)
            .await?;
    rows.into_iter().map(Share::try_from).collect()
}

/// Revokes a link that works at `now`; anything else is not found.
pub async fn revoke(pool: &SqlitePool, token: &str, now: DateTime<Utc>) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE shares SET revoked_at = ?
         WHERE token = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)",
    )
    .bind(now)
    .bind(token)
    .bind(now)
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(DbError::not_found("share", "link"));
    }
    Ok(())
}
