//! `llmops copy`: every record of one database into another, empty one, as one transaction on
//! the destination, read from one snapshot of the source, with each table's count checked.
//! Values move as stored (ids, times and JSON are text on both backends), so the copy reads
//! exactly as the original on either side.

use futures_util::TryStreamExt;
use sqlx::{
    Any, Column, Connection as _, Executor, Row, TypeInfo, ValueRef,
    any::{AnyRow, AnyTypeInfoKind},
};

use super::{Backend, Pool, Statement, migrate};
use crate::DbError;

/// Tables in an order where every reference points to a table already copied.
/// `prompts.active_version_id` is the one exception (prompts and their versions point at each
/// other): it is set once the versions are in.
const TABLES: &[&str] = &[
    "users",
    "sessions",
    "api_keys",
    "audit_log",
    "prompts",
    "prompt_versions",
    "prompt_labels",
    "prompt_activations",
    "datasets",
    "dataset_versions",
    "dataset_samples",
    "endpoints",
    "runs",
    "run_results",
    "run_score_sheets",
    "experiments",
    "experiment_status_changes",
    "experiment_exposures",
    "experiment_exposure_counts",
    "experiment_events",
    "experiment_metric_stats",
    "experiment_metric_buckets",
    "schedules",
    "webhook_deliveries",
    "shares",
];

/// Identity columns, whose sequences move past the copied values on PostgreSQL.
const IDENTITIES: &[(&str, &str)] = &[
    ("audit_log", "id"),
    ("prompt_activations", "id"),
    ("dataset_samples", "row_id"),
];

/// Values per INSERT: below SQLite's and PostgreSQL's parameter limits.
const VALUES_PER_STATEMENT: usize = 8_000;

/// Copies everything; the rows copied per table. The destination is migrated first and must
/// hold no records; on any error it is left as it was.
pub async fn copy_all(from: &Pool, to: &Pool) -> Result<Vec<(&'static str, u64)>, DbError> {
    migrate(from).await?;
    migrate(to).await?;
    for table in TABLES {
        let rows: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(to)
            .await?;
        if rows > 0 {
            return Err(DbError::Conflict {
                field: "to",
                message: format!("the destination is not empty: {table} holds {rows} rows"),
            });
        }
    }
    let mut source = from.acquire().await?;
    let mut snapshot = match Backend::of(from) {
        Backend::Sqlite => source.begin().await?,
        Backend::Postgres => {
            source
                .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .await?
        }
    };
    let destination = Backend::of(to);
    let mut tx = to.begin().await?;
    let mut copied = Vec::new();
    for table in TABLES {
        let kinds = column_kinds(&mut tx, table).await?;
        let columns: Vec<String> = kinds.iter().map(|(name, _)| name.clone()).collect();
        let per_statement = (VALUES_PER_STATEMENT / columns.len().max(1)).max(1);
        let select = format!("SELECT {} FROM {table}", columns.join(", "));
        let mut rows = snapshot.fetch(select.as_str());
        let mut batch: Vec<AnyRow> = Vec::with_capacity(per_statement);
        let mut count = 0u64;
        while let Some(row) = rows.try_next().await? {
            batch.push(row);
            if batch.len() == per_statement {
                count += insert(&mut tx, destination, table, &kinds, &batch).await?;
                batch.clear();
            }
        }
        count += insert(&mut tx, destination, table, &kinds, &batch).await?;
        drop(rows);
        let expected: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&mut *snapshot)
            .await?;
        let written: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&mut *tx)
            .await?;
        if expected != written || written as u64 != count {
            return Err(DbError::Conflict {
                field: "to",
                message: format!("{table}: {expected} rows read but {written} written"),
            });
        }
        copied.push((*table, count));
    }
    let mut active: Vec<(String, String)> = Vec::new();
    {
        let mut rows = snapshot
            .fetch("SELECT id, active_version_id FROM prompts WHERE active_version_id IS NOT NULL");
        while let Some(row) = rows.try_next().await? {
            active.push((row.try_get(0)?, row.try_get(1)?));
        }
    }
    for (prompt, version) in active {
        sqlx::query("UPDATE prompts SET active_version_id = $1 WHERE id = $2")
            .bind(version)
            .bind(prompt)
            .execute(&mut *tx)
            .await?;
    }
    if destination == Backend::Postgres {
        for (table, column) in IDENTITIES {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', '{column}'),
                               COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)"
            ))
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    snapshot.commit().await?;
    Ok(copied)
}

/// The destination's columns of `table` with the kind each stores.
async fn column_kinds(
    conn: &mut sqlx::AnyConnection,
    table: &str,
) -> Result<Vec<(String, AnyTypeInfoKind)>, DbError> {
    let described = conn
        .describe(&format!("SELECT * FROM {table} WHERE 1 = 0"))
        .await?;
    Ok(described
        .columns()
        .iter()
        .map(|column| {
            let kind = match column.type_info().name().to_ascii_uppercase().as_str() {
                "BOOLEAN" | "BOOL" => AnyTypeInfoKind::Bool,
                "BIGINT" | "INTEGER" | "INT8" | "INT4" | "INT" | "SMALLINT" => {
                    AnyTypeInfoKind::BigInt
                }
                "DOUBLE" | "DOUBLE PRECISION" | "FLOAT8" | "REAL" | "FLOAT4" => {
                    AnyTypeInfoKind::Double
                }
                "BLOB" | "BYTEA" => AnyTypeInfoKind::Blob,
                _ => AnyTypeInfoKind::Text,
            };
            (column.name().to_string(), kind)
        })
        .collect())
}

async fn insert(
    tx: &mut sqlx::Transaction<'static, Any>,
    destination: Backend,
    table: &str,
    kinds: &[(String, AnyTypeInfoKind)],
    rows: &[AnyRow],
) -> Result<u64, DbError> {
    if rows.is_empty() {
        return Ok(0);
    }
    let columns: Vec<&str> = kinds.iter().map(|(name, _)| name.as_str()).collect();
    let overriding = match destination {
        Backend::Postgres if IDENTITIES.iter().any(|(t, _)| *t == table) => {
            " OVERRIDING SYSTEM VALUE"
        }
        _ => "",
    };
    let mut statement = Statement::new(format!(
        "INSERT INTO {table} ({}){overriding} ",
        columns.join(", ")
    ));
    let mut failure = None;
    statement.push_values(rows, |values, row| {
        for (i, (column, kind)) in kinds.iter().enumerate() {
            // Prompts point at their active version once the versions are in.
            let skip = table == "prompts" && column == "active_version_id";
            if let Err(error) = bind_value(values, row, i, *kind, skip) {
                failure.get_or_insert(error);
            }
        }
    });
    if let Some(error) = failure {
        return Err(error);
    }
    Ok(statement.query().execute(&mut **tx).await?.rows_affected())
}

fn bind_value(
    values: &mut super::statement::Row<'_, '_>,
    row: &AnyRow,
    index: usize,
    kind: AnyTypeInfoKind,
    as_null: bool,
) -> Result<(), DbError> {
    let is_null = as_null || row.try_get_raw(index)?.is_null();
    match kind {
        AnyTypeInfoKind::Bool => {
            let value: Option<super::Flag> = if is_null {
                None
            } else {
                Some(row.try_get(index)?)
            };
            values.push_bind(value.map(bool::from));
        }
        AnyTypeInfoKind::BigInt => {
            // A PostgreSQL flag lands in an SQLite integer column.
            let value: Option<i64> = if is_null {
                None
            } else if row.try_get_raw(index)?.type_info().kind() == AnyTypeInfoKind::Bool {
                Some(i64::from(row.try_get::<bool, _>(index)?))
            } else {
                Some(row.try_get(index)?)
            };
            values.push_bind(value);
        }
        AnyTypeInfoKind::Double => {
            let value: Option<f64> = if is_null {
                None
            } else {
                Some(row.try_get(index)?)
            };
            values.push_bind(value);
        }
        AnyTypeInfoKind::Blob => {
            let value: Option<Vec<u8>> = if is_null {
                None
            } else {
                Some(row.try_get(index)?)
            };
            values.push_bind(value);
        }
        _ => {
            let value: Option<String> = if is_null {
                None
            } else {
                Some(row.try_get(index)?)
            };
            values.push_bind(value);
        }
    }
    Ok(())
}
