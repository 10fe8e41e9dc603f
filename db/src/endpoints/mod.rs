//! Model endpoints, looked up by name or id.

use chrono::{DateTime, Utc};
use domain::eval::endpoint::{Endpoint, EndpointKind, ValidEndpoint};
use sqlx::FromRow;
use uuid::Uuid;

use crate::store::{Id, Pool, Time};
use crate::{DbError, error::conflict_on};

#[derive(FromRow)]
struct EndpointRow {
    id: Id,
    name: String,
    kind: String,
    base_url: String,
    model: String,
    api_key_env: Option<String>,
    max_concurrency: i64,
    timeout_ms: i64,
    max_retries: i64,
    default_parameters: String,
    #[sqlx(try_from = "Time")]
    created_at: DateTime<Utc>,
    #[sqlx(try_from = "Time")]
    updated_at: DateTime<Utc>,
}

const SELECT: &str = "SELECT id, name, kind, base_url, model, api_key_env, max_concurrency,
    timeout_ms, max_retries, default_parameters, created_at, updated_at FROM endpoints";

impl TryFrom<EndpointRow> for Endpoint {
    type Error = DbError;

    fn try_from(row: EndpointRow) -> Result<Self, DbError> {
        Ok(Endpoint {
            id: row.id.into_uuid(),
            name: row.name,
            kind: EndpointKind::parse(&row.kind).ok_or(DbError::Invalid {
                column: "endpoints.kind",
            })?,
            base_url: row.base_url,
            model: row.model,
            api_key_env: row.api_key_env,
            max_concurrency: row.max_concurrency as u32,
            timeout_ms: row.timeout_ms as u32,
            max_retries: row.max_retries as u32,
            default_parameters: serde_json::from_str(&row.default_parameters)
                .map_err(DbError::corrupt("endpoints.default_parameters"))?,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

pub async fn list(pool: &Pool) -> Result<Vec<Endpoint>, DbError> {
    let rows: Vec<EndpointRow> = sqlx::query_as(&format!("{SELECT} ORDER BY name"))
        .fetch_all(pool)
        .await?;
    rows.into_iter().map(Endpoint::try_from).collect()
}

/// The endpoint named `key`, or whose id is `key`.
pub async fn find(pool: &Pool, key: &str) -> Result<Endpoint, DbError> {
    let id = Uuid::parse_str(key).ok().map(|id| id.to_string());
    let row: Option<EndpointRow> =
        sqlx::query_as(&format!("{SELECT} WHERE name = $1 OR id = $2 LIMIT 1"))
            .bind(key)
            .bind(id)
            .fetch_optional(pool)
            .await?;
    row.ok_or_else(|| DbError::not_found("endpoint", key))?
        .try_into()
}

pub async fn get(pool: &Pool, id: Uuid) -> Result<Endpoint, DbError> {
    find(pool, &id.to_string()).await
}

pub async fn create(pool: &Pool, new: &ValidEndpoint) -> Result<Endpoint, DbError> {
    let now = Utc::now();
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO endpoints (id, name, kind, base_url, model, api_key_env, max_concurrency,
             timeout_ms, max_retries, default_parameters, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(Id(id))
    .bind(&new.name)
    .bind(new.kind.as_str())
    .bind(&new.base_url)
    .bind(&new.model)
    .bind(&new.api_key_env)
    .bind(i64::from(new.max_concurrency))
    .bind(i64::from(new.timeout_ms))
    .bind(i64::from(new.max_retries))
    .bind(serde_json::Value::Object(new.default_parameters.clone()).to_string())
    .bind(Time(now))
    .bind(Time(now))
    .execute(pool)
    .await
    .map_err(conflict_on("name", || {
        format!("an endpoint named `{}` already exists", new.name)
    }))?;
    get(pool, id).await
}

/// Replaces every setting of the endpoint named `key`; runs pick up the new settings on
/// their next call.
pub async fn update(pool: &Pool, key: &str, new: &ValidEndpoint) -> Result<Endpoint, DbError> {
    let current = find(pool, key).await?;
    sqlx::query(
        "UPDATE endpoints SET name = $1, kind = $2, base_url = $3, model = $4, api_key_env = $5,
             max_concurrency = $6, timeout_ms = $7, max_retries = $8, default_parameters = $9,
             updated_at = $10
         WHERE id = $11",
    )
    .bind(&new.name)
    .bind(new.kind.as_str())
    .bind(&new.base_url)
    .bind(&new.model)
    .bind(&new.api_key_env)
    .bind(i64::from(new.max_concurrency))
    .bind(i64::from(new.timeout_ms))
    .bind(i64::from(new.max_retries))
    .bind(serde_json::Value::Object(new.default_parameters.clone()).to_string())
    .bind(Time::now())
    .bind(Id(current.id))
    .execute(pool)
    .await
    .map_err(conflict_on("name", || {
        format!("an endpoint named `{}` already exists", new.name)
    }))?;
    get(pool, current.id).await
}

pub async fn count(pool: &Pool) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM endpoints")
        .fetch_one(pool)
        .await?)
}
