//! Browser sessions, one row per sign-in, keyed by the SHA-256 of the cookie's token. A
//! session works while it has not ended, is before its absolute expiry, was seen within the
//! idle limit, and its account is enabled.

use chrono::{DateTime, Utc};
use domain::access::User;
use sqlx::{Any, Transaction};
use uuid::Uuid;

use crate::DbError;
use crate::store::{Id, Pool, Time};

pub struct NewSessionRow<'a> {
    pub token_hash: &'a str,
    pub user_id: Uuid,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub address: Option<&'a str>,
}

pub async fn create(pool: &Pool, new: &NewSessionRow<'_>) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, address)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(new.token_hash)
    .bind(Id(new.user_id))
    .bind(Time(new.now))
    .bind(Time(new.now))
    .bind(Time(new.expires_at))
    .bind(new.address)
    .execute(pool)
    .await?;
    Ok(())
}

/// A working session's account and when it was last seen.
pub struct ActiveSession {
    pub user: User,
    pub last_seen_at: DateTime<Utc>,
}

/// The session behind `token_hash` if it works at `now` for sessions seen after `idle_since`.
pub async fn find_active(
    pool: &Pool,
    token_hash: &str,
    now: DateTime<Utc>,
    idle_since: DateTime<Utc>,
) -> Result<Option<ActiveSession>, DbError> {
    let row: Option<(Id, Time)> = sqlx::query_as(
        "SELECT s.user_id, s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > $2
           AND s.last_seen_at > $3 AND u.disabled_at IS NULL",
    )
    .bind(token_hash)
    .bind(Time(now))
    .bind(Time(idle_since))
    .fetch_optional(pool)
    .await?;
    let Some((user_id, Time(last_seen_at))) = row else {
        return Ok(None);
    };
    let user = super::users::get(pool, user_id.0).await?;
    Ok(Some(ActiveSession { user, last_seen_at }))
}

/// Moves the idle clock of a session forward.
pub async fn touch(pool: &Pool, token_hash: &str, now: DateTime<Utc>) -> Result<(), DbError> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(Time(now))
        .bind(token_hash)
        .execute(pool)
        .await?;
    Ok(())
}

/// Ends one session (sign-out); ending an ended or unknown session does nothing.
pub async fn end(pool: &Pool, token_hash: &str, now: DateTime<Utc>) -> Result<(), DbError> {
    sqlx::query("UPDATE sessions SET ended_at = $1 WHERE token_hash = $2 AND ended_at IS NULL")
        .bind(Time(now))
        .bind(token_hash)
        .execute(pool)
        .await?;
    Ok(())
}

pub(crate) async fn end_all_for(
    tx: &mut Transaction<'_, Any>,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    sqlx::query("UPDATE sessions SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL")
        .bind(Time(now))
        .bind(Id(user_id))
        .execute(&mut **tx)
        .await?;
    Ok(())
}
