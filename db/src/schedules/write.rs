//! Creating, enabling, disabling and deleting schedules.

use chrono::{DateTime, Utc};
use domain::prompt::selector::VersionSelector;
use domain::schedule::{Schedule, ValidSchedule};
use serde_json::Value;
use uuid::Uuid;

use super::read::get;
use crate::store::{Id, Pool, Time, begin_write};
use crate::{DbError, error::conflict_on};

/// Stores a checked schedule, created at `now`. A prompt version left open (or `active`) is
/// stored as NULL: the active version at each fire.
pub async fn create(
    pool: &Pool,
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
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
    )
    .bind(Id(id))
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
    .bind(Time(now))
    .bind(Time(now))
    .bind(Time(now))
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
    pool: &Pool,
    id: Uuid,
    enabled: bool,
    now: DateTime<Utc>,
) -> Result<Schedule, DbError> {
    sqlx::query(
        "UPDATE schedules SET enabled = $1, updated_at = $2,
             enabled_at = CASE WHEN $1 THEN $2 ELSE enabled_at END
         WHERE id = $3 AND enabled != $1",
    )
    .bind(enabled)
    .bind(Time(now))
    .bind(Id(id))
    .execute(pool)
    .await?;
    // An unknown id updated nothing; `get` says it is not found.
    get(pool, id, now).await
}

/// Deletes a schedule and its pending webhook deliveries. Its runs stay, with their
/// `schedule_id`; finished deliveries stay as history.
pub async fn delete(pool: &Pool, id: Uuid) -> Result<(), DbError> {
    let mut tx = begin_write(pool, &format!("schedule:{id}")).await?;
    let deleted = sqlx::query("DELETE FROM schedules WHERE id = $1")
        .bind(Id(id))
        .execute(&mut *tx)
        .await?;
    if deleted.rows_affected() == 0 {
        return Err(DbError::not_found("schedule", id.to_string()));
    }
    sqlx::query("DELETE FROM webhook_deliveries WHERE schedule_id = $1 AND status = 'pending'")
        .bind(Id(id))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
