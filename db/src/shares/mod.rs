//! Share links. A link that is revoked or past its expiry is never returned: to every caller
//! it is indistinguishable from a token that never existed.

use chrono::{DateTime, Utc};
use domain::share::{Share, ShareTarget};
use sqlx::FromRow;

use crate::DbError;
use crate::store::{MaybeTime, Pool, Time};

#[derive(FromRow)]
struct ShareRow {
    token: String,
    target: String,
    title: String,
    #[sqlx(try_from = "Time")]
    created_at: DateTime<Utc>,
    #[sqlx(try_from = "MaybeTime")]
    expires_at: Option<DateTime<Utc>>,
    created_by: Option<String>,
}

const SELECT_ACTIVE: &str =
    "SELECT token, target, title, created_at, expires_at, created_by FROM shares
    WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $1)";

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
            created_by: row.created_by,
        })
    }
}

pub struct NewShareRow<'a> {
    pub token: &'a str,
    pub target: ShareTarget,
    pub title: &'a str,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub created_by: Option<&'a str>,
}

pub async fn create(pool: &Pool, new: &NewShareRow<'_>) -> Result<Share, DbError> {
    sqlx::query(
        "INSERT INTO shares (token, kind, target, title, created_at, expires_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new.token)
    .bind(new.target.kind())
    .bind(serde_json::to_string(&new.target).expect("targets serialize"))
    .bind(new.title)
    .bind(Time(new.created_at))
    .bind(new.expires_at.map(Time))
    .bind(new.created_by)
    .execute(pool)
    .await?;
    Ok(Share {
        token: new.token.to_owned(),
        path: Share::path_of(new.token),
        target: new.target,
        title: new.title.to_owned(),
        created_at: new.created_at,
        expires_at: new.expires_at,
        created_by: new.created_by.map(str::to_owned),
    })
}

/// The link behind `token` if it is neither revoked nor expired at `now`.
pub async fn get_active(pool: &Pool, token: &str, now: DateTime<Utc>) -> Result<Share, DbError> {
    let row: Option<ShareRow> = sqlx::query_as(&format!("{SELECT_ACTIVE} AND token = $2"))
        .bind(Time(now))
        .bind(token)
        .fetch_optional(pool)
        .await?;
    row.ok_or_else(|| DbError::not_found("share", "link"))?
        .try_into()
}

/// Links that work at `now`, newest first.
pub async fn list_active(pool: &Pool, now: DateTime<Utc>) -> Result<Vec<Share>, DbError> {
    let rows: Vec<ShareRow> =
        sqlx::query_as(&format!("{SELECT_ACTIVE} ORDER BY created_at DESC, token"))
            .bind(Time(now))
            .fetch_all(pool)
            .await?;
    rows.into_iter().map(Share::try_from).collect()
}

/// Revokes a link that works at `now`; anything else is not found.
pub async fn revoke(pool: &Pool, token: &str, now: DateTime<Utc>) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE shares SET revoked_at = $1
         WHERE token = $2 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $3)",
    )
    .bind(Time(now))
    .bind(token)
    .bind(Time(now))
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(DbError::not_found("share", "link"));
    }
    Ok(())
}
