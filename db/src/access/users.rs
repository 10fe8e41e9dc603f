//! Accounts. Changes that could leave no enabled admin (a demotion, a disabling) run in one
//! serialized transaction that counts the admins that would remain.

use chrono::{DateTime, Utc};
use domain::access::{Role, User};
use sqlx::FromRow;
use uuid::Uuid;

use crate::DbError;
use crate::error::conflict_on;
use crate::store::{Id, MaybeTime, Pool, Time, begin_write};

const LOCK: &str = "users";

#[derive(FromRow)]
struct UserRow {
    id: Id,
    email: String,
    display_name: String,
    role: String,
    #[sqlx(try_from = "MaybeTime")]
    disabled_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "Time")]
    created_at: DateTime<Utc>,
}

const SELECT: &str = "SELECT id, email, display_name, role, disabled_at, created_at FROM users";

impl TryFrom<UserRow> for User {
    type Error = DbError;

    fn try_from(row: UserRow) -> Result<User, DbError> {
        Ok(User {
            id: row.id.into_uuid(),
            email: row.email,
            display_name: row.display_name,
            role: parse_role(&row.role)?,
            disabled: row.disabled_at.is_some(),
            created_at: row.created_at,
        })
    }
}

pub(crate) fn parse_role(text: &str) -> Result<Role, DbError> {
    Role::parse(text).ok_or(DbError::Invalid {
        column: "users.role",
    })
}

pub struct NewUserRow<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub now: DateTime<Utc>,
}

/// Creates an account; a taken email is a conflict on `email`.
pub async fn create(pool: &Pool, new: &NewUserRow<'_>) -> Result<User, DbError> {
    let id = Id::new();
    insert(pool, id, new).await?;
    get(pool, id.0).await
}

/// Creates the first account, only while there is none (the setup page's one use).
pub async fn create_first(pool: &Pool, new: &NewUserRow<'_>) -> Result<User, DbError> {
    let mut tx = begin_write(pool, LOCK).await?;
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&mut *tx)
        .await?;
    if users > 0 {
        return Err(DbError::Conflict {
            field: "code",
            message: "the server is already set up: sign in instead".into(),
        });
    }
    let id = Id::new();
    insert(&mut *tx, id, new).await?;
    tx.commit().await?;
    get(pool, id.0).await
}

async fn insert<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    id: Id,
    new: &NewUserRow<'_>,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, role, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(new.email)
    .bind(new.display_name)
    .bind(new.password_hash)
    .bind(new.role.as_str())
    .bind(Time(new.now))
    .bind(Time(new.now))
    .execute(executor)
    .await
    .map_err(conflict_on("email", || {
        format!("an account with the email {} exists", new.email)
    }))?;
    Ok(())
}

pub async fn count(pool: &Pool) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(pool)
        .await?)
}

pub async fn get(pool: &Pool, id: Uuid) -> Result<User, DbError> {
    let row: Option<UserRow> = sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
        .bind(Id(id))
        .fetch_optional(pool)
        .await?;
    row.ok_or_else(|| DbError::not_found("user", id.to_string()))?
        .try_into()
}

pub async fn find_by_email(pool: &Pool, email: &str) -> Result<Option<User>, DbError> {
    let row: Option<UserRow> = sqlx::query_as(&format!("{SELECT} WHERE email = $1"))
        .bind(email)
        .fetch_optional(pool)
        .await?;
    row.map(User::try_from).transpose()
}

/// The account and its password hash, for signing in.
pub async fn credentials(pool: &Pool, email: &str) -> Result<Option<(User, String)>, DbError> {
    let Some(user) = find_by_email(pool, email).await? else {
        return Ok(None);
    };
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(Id(user.id))
        .fetch_one(pool)
        .await?;
    Ok(Some((user, hash)))
}

/// Every account, by email.
pub async fn list(pool: &Pool) -> Result<Vec<User>, DbError> {
    let rows: Vec<UserRow> = sqlx::query_as(&format!("{SELECT} ORDER BY email"))
        .fetch_all(pool)
        .await?;
    rows.into_iter().map(User::try_from).collect()
}

/// A change to apply; None leaves a field as it is.
#[derive(Debug, Default)]
pub struct UserUpdate {
    pub role: Option<Role>,
    pub display_name: Option<String>,
    pub disabled: Option<bool>,
    pub password_hash: Option<String>,
}

/// Applies `update`; refuses (409 on `role` or `disabled`) to leave no enabled admin. A
/// disabled account and a new password end the account's sessions in the same transaction.
pub async fn update(
    pool: &Pool,
    id: Uuid,
    update: &UserUpdate,
    now: DateTime<Utc>,
) -> Result<User, DbError> {
    let mut tx = begin_write(pool, LOCK).await?;
    let row: Option<UserRow> = sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
        .bind(Id(id))
        .fetch_optional(&mut *tx)
        .await?;
    let before = User::try_from(row.ok_or_else(|| DbError::not_found("user", id.to_string()))?)?;
    let role = update.role.unwrap_or(before.role);
    let disabled = update.disabled.unwrap_or(before.disabled);
    let was_admin = before.role == Role::Admin && !before.disabled;
    let stays_admin = role == Role::Admin && !disabled;
    if was_admin && !stays_admin {
        let others: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1",
        )
        .bind(Id(id))
        .fetch_one(&mut *tx)
        .await?;
        if others == 0 {
            let field = if update.role.is_some_and(|r| r != Role::Admin) {
                "role"
            } else {
                "disabled"
            };
            return Err(DbError::Conflict {
                field,
                message: "this is the last admin: make another user admin first".into(),
            });
        }
    }
    sqlx::query(
        "UPDATE users SET role = $1, display_name = $2,
             disabled_at = CASE WHEN $3 THEN COALESCE(disabled_at, $5) ELSE NULL END,
             password_hash = COALESCE($4, password_hash), updated_at = $5
         WHERE id = $6",
    )
    .bind(role.as_str())
    .bind(
        update
            .display_name
            .as_deref()
            .unwrap_or(&before.display_name),
    )
    .bind(disabled)
    .bind(update.password_hash.as_deref())
    .bind(Time(now))
    .bind(Id(id))
    .execute(&mut *tx)
    .await?;
    if (disabled && !before.disabled) || update.password_hash.is_some() {
        super::sessions::end_all_for(&mut tx, id, now).await?;
    }
    tx.commit().await?;
    get(pool, id).await
}
