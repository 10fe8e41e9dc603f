//! Creating, enabling, disabling and deleting schedules.

use chrono::{DateTime, Utc};
use domain::prompt::selector::VersionSelector;
use domain::schedule::{Schedule, ValidSchedule};
use serde_json::Value;
use sqlx::SqlitePool;
use uuid::Uuid;

use super::read::get;
use crate::{DbError, error::conflict_on};

/// Stores a checked schedule, created at `now`. A prompt version left open (or `active`) is
/// stored as NULL: the active version at each fire.
pub async fn create(
    pool: &SqlitePool,
    new: &ValidSchedule,
    now: DateTime<Utc>,
) -> Result<Schedule, DbError> {
    let id = Uuid::now_v7();
    let run = &new.run;
    let prompt_version = match &run.prompt_version {
        VersionSelector::Active => None,
        other => Some(other.to_string()),
    };
    sqlx::query(
        "INSERT INTO schedules (id, name, cron, dataset, dataset_version, prompt_name,
             prompt_version, endpoint, metrics, parameters, min_pass_rate, webhook_url, enabled,
             created_at, updated_at, enabled_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id.hyphenated())
    .bind(&new.name)
    .bind(new.cron.as_str())
    .bind(&run.dataset)
    .bind(run.dataset_version)
    .bind(&run.prompt_name)
    .bind(prompt_version)
    .bind(&run.endpoint)
    .bind(serde_json::to_string(&run.metrics).expect("metrics serialize"))
    .bind(Value::Object(run.parameters.clone()).to_string())
    .bind(new.min_pass_rate)
    .bind(&new.webhook_url)
    .bind(new.enabled)
    .bind(now)
    .bind(now)
    .bind(now)
    .execute(pool)
    .await
    .map_err(conflict_on("name", || {
        format!("a schedule named `{}` already exists", new.name)
    }))?;
    get(pool, id, now).await
}

/// Enables or disables a schedule. Enabling starts its window at `now`: ticks that fell while
/// it was disabled do not fire. Setting the state it already has changes nothing.
pub async fn set_enabled(
    pool: &SqlitePool,
    id: Uuid,
    enabled: bool,
    now: DateTime<Utc>,
) -> Result<Schedule, DbError> {
    sqlx::query(
        "UPDATE schedules SET enabled = ?1, updated_at = ?2,
             enabled_at = CASE WHEN ?1 THEN ?2 ELSE enabled_at END
         WHERE id = ?3 AND enabled != ?1",
    )
    .bind(enabled)
    .bind(now)
    .bind(id.hyphenated())
    .execute(pool)
    .await?;
    // An unknown id updated nothing; `get` says it is not found.
    get(pool, id, now).await
}

/// Deletes a schedule and its pending webhook deliveries. Its runs stay, with their
/// `schedule_id`; finished deliveries stay as history.
pub async fn delete(pool: &SqlitePool, id: Uuid) -> Result<(), DbError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let deleted = sqlx::query("DELETE FROM schedules WHERE id = ?")
        .bind(id.hyphenated())
        .execute(&mut *tx)
        .await?;
    if deleted.rows_affected() == 0 {
        return Err(DbError::not_found("schedule", id.to_string()));
    }
    sqlx::query("DELETE FROM webhook_deliveries WHERE schedule_id = ? AND status = 'pending'")
        .bind(id.hyphenated())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
