//! The audit log: appended to after every write, read newest first by admins.

use chrono::{DateTime, Utc};
use domain::access::{AuditEntry, AuditFilter};
use sqlx::FromRow;
use uuid::Uuid;

use crate::DbError;
use crate::store::{Id, Pool, Statement, Time};

pub const MAX_PAGE: u32 = 500;
pub const DEFAULT_PAGE: u32 = 100;

pub struct NewAuditRow<'a> {
    pub at: DateTime<Utc>,
    pub actor_kind: &'a str,
    pub actor_id: Option<Uuid>,
    pub actor_name: &'a str,
    pub operation: &'a str,
    pub target_kind: &'a str,
    pub target_id: &'a str,
    pub target_name: &'a str,
    pub address: Option<&'a str>,
}

pub async fn record(pool: &Pool, entry: &NewAuditRow<'_>) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, operation, target_kind,
                                target_id, target_name, address)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(Time(entry.at))
    .bind(entry.actor_kind)
    .bind(entry.actor_id.map(Id))
    .bind(entry.actor_name)
    .bind(entry.operation)
    .bind(entry.target_kind)
    .bind(entry.target_id)
    .bind(entry.target_name)
    .bind(entry.address)
    .execute(pool)
    .await?;
    Ok(())
}

#[derive(FromRow)]
struct AuditRow {
    id: i64,
    #[sqlx(try_from = "Time")]
    at: DateTime<Utc>,
    actor_kind: String,
    actor_id: Option<String>,
    actor_name: String,
    operation: String,
    target_kind: String,
    target_id: String,
    target_name: String,
    address: Option<String>,
}

/// Entries matching `filter`, newest first, at most `limit` (capped at [`MAX_PAGE`]), and
/// whether older ones follow.
pub async fn list(pool: &Pool, filter: &AuditFilter) -> Result<(Vec<AuditEntry>, bool), DbError> {
    let limit = filter.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
    let mut statement = Statement::new(
        "SELECT id, at, actor_kind, actor_id, actor_name, operation, target_kind, target_id,
                target_name, address
         FROM audit_log WHERE 1 = 1",
    );
    if let Some(actor) = filter.actor_id {
        statement.push(" AND actor_id = ").push_bind(Id(actor));
    }
    if let Some(operation) = &filter.operation {
        // A prefix match without LIKE's wildcards, so `_` in a name means itself.
        statement
            .push(" AND substr(operation, 1, CAST(")
            .push_bind(operation.chars().count() as i64)
            .push(" AS INTEGER)) = ")
            .push_bind(operation.clone());
    }
    if let Some(kind) = &filter.target_kind {
        statement
            .push(" AND target_kind = ")
            .push_bind(kind.clone());
    }
    if let Some(target) = &filter.target_id {
        statement
            .push(" AND target_id = ")
            .push_bind(target.clone());
    }
    if let Some(before) = filter.before {
        statement.push(" AND id < ").push_bind(before);
    }
    statement
        .push(" ORDER BY id DESC LIMIT ")
        .push_bind(i64::from(limit) + 1);
    let rows: Vec<AuditRow> = statement.query_as().fetch_all(pool).await?;
    let more = rows.len() > limit as usize;
    let entries = rows
        .into_iter()
        .take(limit as usize)
        .map(|row| AuditEntry {
            id: row.id,
            at: row.at,
            actor_kind: row.actor_kind,
            actor_id: row.actor_id.and_then(|id| Uuid::parse_str(&id).ok()),
            actor_name: row.actor_name,
            operation: row.operation,
            target_kind: row.target_kind,
            target_id: row.target_id,
            target_name: row.target_name,
            address: row.address,
        })
        .collect();
    Ok((entries, more))
}
