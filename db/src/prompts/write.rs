//! Creating prompts and versions, moving the active pointer, and setting labels.
//! Each write is one transaction; read-then-write ones take the write lock up front.

use chrono::Utc;
use domain::prompt::{
    draft::ValidVersion,
    label::LabelName,
    name::PromptName,
    record::{PromptDetail, PromptVersion},
    selector::VersionSelector,
    version::VersionString,
};

use super::read::{fetch_version, get, prompt_row, version_strings};
use crate::store::{Connection, Id, Pool, Time, begin_write};
use crate::{DbError, error::conflict_on};

/// Creates a prompt with its first version, which becomes the active one.
pub async fn create(
    pool: &Pool,
    name: &PromptName,
    description: &str,
    first: ValidVersion,
    by: &str,
) -> Result<PromptDetail, DbError> {
    let now = Time::now();
    let prompt_id = Id::new();
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO prompts (id, name, description, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(prompt_id)
    .bind(name.as_str())
    .bind(description)
    .bind(now)
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(conflict_on("name", || format!("a prompt named `{name}` already exists")))?;
    let version = first.version.clone().unwrap_or_else(VersionString::first);
    let version_id = insert_version(&mut tx, prompt_id, &version, &first).await?;
    move_active_pointer(&mut tx, prompt_id, version_id, None, by).await?;
    tx.commit().await?;
    get(pool, name.as_str()).await
}

/// Adds a version to an existing prompt, deriving the version string when none was given.
pub async fn create_version(
    pool: &Pool,
    name: &str,
    draft: ValidVersion,
    activate: bool,
    by: &str,
) -> Result<PromptVersion, DbError> {
    let mut tx = begin_write(pool, &format!("prompt:{name}")).await?;
    let prompt = prompt_row(&mut tx, name).await?;
    let existing: Vec<VersionString> = version_strings(&mut tx, prompt.id)
        .await?
        .iter()
        .filter_map(|v| VersionString::parse(v).ok())
        .collect();
    let version = match &draft.version {
        Some(given) if existing.contains(given) => return Err(duplicate_version(name, given)),
        Some(given) => given.clone(),
        None => VersionString::next_after(&existing),
    };
    let version_id = insert_version(&mut tx, prompt.id, &version, &draft).await?;
    if activate {
        let previous = active_version_id(&mut tx, prompt.id).await?;
        move_active_pointer(&mut tx, prompt.id, version_id, previous, by).await?;
    }
    touch(&mut tx, prompt.id).await?;
    let created = fetch_version(&mut tx, name, &VersionSelector::Exact(version)).await?;
    tx.commit().await?;
    Ok(created)
}

/// Makes the selected version the active one and records the move. Activating the version
/// that is already active changes nothing and records nothing.
pub async fn activate(
    pool: &Pool,
    name: &str,
    selector: &VersionSelector,
    by: &str,
) -> Result<PromptVersion, DbError> {
    let mut tx = begin_write(pool, &format!("prompt:{name}")).await?;
    let prompt = prompt_row(&mut tx, name).await?;
    let target = fetch_version(&mut tx, name, selector).await?;
    if !target.is_active {
        let previous = active_version_id(&mut tx, prompt.id).await?;
        move_active_pointer(&mut tx, prompt.id, Id(target.id), previous, by).await?;
        touch(&mut tx, prompt.id).await?;
    }
    let activated = fetch_version(&mut tx, name, selector).await?;
    tx.commit().await?;
    Ok(activated)
}

/// Points `label` at the selected version, moving it when it already points elsewhere.
pub async fn set_label(
    pool: &Pool,
    name: &str,
    label: &LabelName,
    selector: &VersionSelector,
) -> Result<PromptVersion, DbError> {
    let mut tx = begin_write(pool, &format!("prompt:{name}")).await?;
    let prompt = prompt_row(&mut tx, name).await?;
    let target = fetch_version(&mut tx, name, selector).await?;
    sqlx::query(
        "INSERT INTO prompt_labels (prompt_id, label, version_id, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (prompt_id, label)
         DO UPDATE SET version_id = excluded.version_id, updated_at = excluded.updated_at",
    )
    .bind(prompt.id)
    .bind(label.as_str())
    .bind(Id(target.id))
    .bind(Time::now())
    .execute(&mut *tx)
    .await?;
    touch(&mut tx, prompt.id).await?;
    let labelled = fetch_version(&mut tx, name, selector).await?;
    tx.commit().await?;
    Ok(labelled)
}

pub async fn remove_label(pool: &Pool, name: &str, label: &LabelName) -> Result<(), DbError> {
    let mut tx = begin_write(pool, &format!("prompt:{name}")).await?;
    let prompt = prompt_row(&mut tx, name).await?;
    let removed = sqlx::query("DELETE FROM prompt_labels WHERE prompt_id = $1 AND label = $2")
        .bind(prompt.id)
        .bind(label.as_str())
        .execute(&mut *tx)
        .await?;
    if removed.rows_affected() == 0 {
        return Err(DbError::not_found("label", label.as_str()));
    }
    touch(&mut tx, prompt.id).await?;
    tx.commit().await?;
    Ok(())
}

async fn insert_version(
    conn: &mut Connection,
    prompt_id: Id,
    version: &VersionString,
    draft: &ValidVersion,
) -> Result<Id, DbError> {
    let id = Id::new();
    sqlx::query(
        "INSERT INTO prompt_versions
            (id, prompt_id, version, kind, template, variables, model_config, commit_message, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(prompt_id)
    .bind(version.to_string())
    .bind(draft.template.kind().as_str())
    .bind(json(&draft.template))
    .bind(json(&draft.variables))
    .bind(json(&draft.model_config))
    .bind(&draft.commit_message)
    .bind(Time::now())
    .execute(&mut *conn)
    .await
    .map_err(conflict_on("version", || {
        format!("version {version} of this prompt already exists")
    }))?;
    Ok(id)
}

async fn active_version_id(conn: &mut Connection, prompt_id: Id) -> Result<Option<Id>, DbError> {
    Ok(
        sqlx::query_scalar("SELECT active_version_id FROM prompts WHERE id = $1")
            .bind(prompt_id)
            .fetch_one(conn)
            .await?,
    )
}

async fn move_active_pointer(
    conn: &mut Connection,
    prompt_id: Id,
    version_id: Id,
    previous: Option<Id>,
    by: &str,
) -> Result<(), DbError> {
    let now = Utc::now();
    sqlx::query("UPDATE prompts SET active_version_id = $1 WHERE id = $2")
        .bind(version_id)
        .bind(prompt_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO prompt_activations
             (prompt_id, version_id, previous_version_id, activated_at, activated_by)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(prompt_id)
    .bind(version_id)
    .bind(previous)
    .bind(Time(now))
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn touch(conn: &mut Connection, prompt_id: Id) -> Result<(), DbError> {
    sqlx::query("UPDATE prompts SET updated_at = $1 WHERE id = $2")
        .bind(Time::now())
        .bind(prompt_id)
        .execute(conn)
        .await?;
    Ok(())
}

fn duplicate_version(prompt: &str, version: &VersionString) -> DbError {
    DbError::Conflict {
        field: "version",
        message: format!("version {version} of `{prompt}` already exists"),
    }
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("domain records always serialize")
}
