//! Reading prompts and resolving version selectors ("1.2.0", "latest", "active", a label).

use std::collections::BTreeMap;

use domain::prompt::{
    record::{Activation, PromptDetail, PromptSummary, PromptVersion},
    selector::VersionSelector,
    version::VersionString,
};

use uuid::Uuid;

use super::rows::{self, ActivationRow, PromptRow, SummaryRow, VersionRow, version_select};
use crate::DbError;
use crate::store::{Backend, Connection, Id, Pool, sql_for};

pub async fn count(pool: &Pool) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM prompts")
        .fetch_one(pool)
        .await?)
}

/// All prompts, most recently changed first.
pub async fn list(pool: &Pool) -> Result<Vec<PromptSummary>, DbError> {
    let sql = sql_for!(Backend::of(pool), |b| format!(
        "SELECT p.id, p.name, p.description, p.created_at, p.updated_at,
                a.version AS active_version,
                (SELECT count(*) FROM prompt_versions WHERE prompt_id = p.id) AS version_count,
                (SELECT {versions} FROM prompt_versions WHERE prompt_id = p.id) AS versions
         FROM prompts p LEFT JOIN prompt_versions a ON a.id = p.active_version_id
         ORDER BY p.updated_at DESC, p.name",
        versions = b.json_array_agg("version", "version")
    ));
    let rows: Vec<SummaryRow> = sqlx::query_as(sql).fetch_all(pool).await?;
    rows.into_iter().map(PromptSummary::try_from).collect()
}

/// A prompt with every version, its labels and its activation history.
pub async fn get(pool: &Pool, name: &str) -> Result<PromptDetail, DbError> {
    let mut conn = pool.acquire().await?;
    let prompt = prompt_row(&mut conn, name).await?;
    let versions = rows::versions(
        sqlx::query_as::<_, VersionRow>(sql_for!(Backend::of(pool), |b| format!(
            "{}WHERE v.prompt_id = $1 ORDER BY v.created_at DESC, v.id DESC",
            version_select(b)
        )))
        .bind(prompt.id)
        .fetch_all(&mut *conn)
        .await?,
    )?;
    let labels: Vec<(String, String)> = sqlx::query_as(
        "SELECT l.label, v.version FROM prompt_labels l
         JOIN prompt_versions v ON v.id = l.version_id
         WHERE l.prompt_id = $1 ORDER BY l.label",
    )
    .bind(prompt.id)
    .fetch_all(&mut *conn)
    .await?;
    let activations: Vec<ActivationRow> = sqlx::query_as(
        "SELECT v.version, pv.version AS previous_version, a.activated_at, a.activated_by
         FROM prompt_activations a
         JOIN prompt_versions v ON v.id = a.version_id
         LEFT JOIN prompt_versions pv ON pv.id = a.previous_version_id
         WHERE a.prompt_id = $1 ORDER BY a.id DESC",
    )
    .bind(prompt.id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(PromptDetail {
        id: prompt.id.into_uuid(),
        active_version: versions
            .iter()
            .find(|v| v.is_active)
            .map(|v| v.version.clone()),
        name: prompt.name,
        description: prompt.description,
        versions,
        labels: labels.into_iter().collect::<BTreeMap<_, _>>(),
        activations: activations.into_iter().map(Activation::from).collect(),
        created_at: prompt.created_at,
        updated_at: prompt.updated_at,
    })
}

/// A version by its id, as runs pin it.
pub async fn get_version_by_id(pool: &Pool, id: Uuid) -> Result<PromptVersion, DbError> {
    let row: Option<VersionRow> = sqlx::query_as(sql_for!(Backend::of(pool), |b| format!(
        "{}WHERE v.id = $1",
        version_select(b)
    )))
    .bind(Id(id))
    .fetch_optional(pool)
    .await?;
    row.ok_or_else(|| DbError::not_found("version", id.to_string()))?
        .try_into()
}

/// The version a selector names. Unknown prompts and unknown versions are told apart.
pub async fn get_version(
    pool: &Pool,
    name: &str,
    selector: &VersionSelector,
) -> Result<PromptVersion, DbError> {
    let mut conn = pool.acquire().await?;
    fetch_version(&mut conn, name, selector).await
}

pub(crate) async fn fetch_version(
    conn: &mut Connection,
    name: &str,
    selector: &VersionSelector,
) -> Result<PromptVersion, DbError> {
    let backend = Backend::of_connection(conn);
    let row: Option<VersionRow> =
        match selector {
            VersionSelector::Exact(version) => {
                sqlx::query_as(sql_for!(backend, |b| format!(
                    "{}WHERE p.name = $1 AND v.version = $2",
                    version_select(b)
                )))
                .bind(name)
                .bind(version.to_string())
                .fetch_optional(&mut *conn)
                .await?
            }
            VersionSelector::Active => {
                sqlx::query_as(sql_for!(backend, |b| format!(
                    "{}WHERE p.name = $1 AND v.id = p.active_version_id",
                    version_select(b)
                )))
                .bind(name)
                .fetch_optional(&mut *conn)
                .await?
            }
            VersionSelector::Label(label) => sqlx::query_as(sql_for!(backend, |b| format!(
                "{}JOIN prompt_labels l ON l.version_id = v.id WHERE p.name = $1 AND l.label = $2",
                version_select(b)
            )))
            .bind(name)
            .bind(label.as_str())
            .fetch_optional(&mut *conn)
            .await?,
            VersionSelector::Latest => {
                let versions: Vec<String> = sqlx::query_scalar(
                    "SELECT v.version FROM prompt_versions v JOIN prompts p ON p.id = v.prompt_id
                 WHERE p.name = $1",
                )
                .bind(name)
                .fetch_all(&mut *conn)
                .await?;
                match highest(&versions) {
                    Some(latest) => {
                        sqlx::query_as(sql_for!(backend, |b| format!(
                            "{}WHERE p.name = $1 AND v.version = $2",
                            version_select(b)
                        )))
                        .bind(name)
                        .bind(latest)
                        .fetch_optional(&mut *conn)
                        .await?
                    }
                    None => None,
                }
            }
        };
    match row {
        Some(row) => row.try_into(),
        None => {
            prompt_row(conn, name).await?;
            Err(DbError::not_found("version", selector.to_string()))
        }
    }
}

pub(crate) async fn prompt_row(conn: &mut Connection, name: &str) -> Result<PromptRow, DbError> {
    sqlx::query_as(
        "SELECT id, name, description, created_at, updated_at FROM prompts WHERE name = $1",
    )
    .bind(name)
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| DbError::not_found("prompt", name))
}

pub(crate) async fn version_strings(
    conn: &mut Connection,
    prompt_id: Id,
) -> Result<Vec<String>, DbError> {
    Ok(
        sqlx::query_scalar("SELECT version FROM prompt_versions WHERE prompt_id = $1")
            .bind(prompt_id)
            .fetch_all(conn)
            .await?,
    )
}

/// The highest version by semantic-version order; strings that do not parse are ignored.
pub(crate) fn highest(versions: &[String]) -> Option<String> {
    versions
        .iter()
        .filter_map(|v| VersionString::parse(v).ok())
        .max()
        .map(|v| v.to_string())
}
