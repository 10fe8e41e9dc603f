//! What the operator does from the server's shell (`llmops users ...`) and what start-up does
//! before serving: work on the store directly, as the [`Caller::operator`], without a node's
//! worker or caches. Each change is in the audit log as the operator's.

use chrono::Utc;
use db::Pool;
use domain::access::{KeyScope, NewUser, Role, User, UserChange};
use domain::problem::{ErrorCode, Problem};

use super::audit::{Target, record_on};
use super::secrets;
use crate::Caller;

/// The shortest secret `LLMOPS_INIT_API_KEY` may hold: a key anyone can guess is no key.
pub const MIN_INIT_KEY_CHARS: usize = 16;

pub async fn create_user(pool: &Pool, new: NewUser) -> Result<User, Problem> {
    super::users::insert(pool, Utc::now(), &Caller::operator(), new).await
}

pub async fn list_users(pool: &Pool) -> Result<Vec<User>, Problem> {
    Ok(db::access::users::list(pool).await?)
}

/// Changes the account with `email`; see [`UserChange`].
pub async fn update_user(pool: &Pool, email: &str, change: UserChange) -> Result<User, Problem> {
    let change = change.validate()?;
    let user = find(pool, email).await?;
    super::users::apply(pool, Utc::now(), &Caller::operator(), user.id, change).await
}

async fn find(pool: &Pool, email: &str) -> Result<User, Problem> {
    let email = domain::access::requests::normalize_email(email)?;
    db::access::users::find_by_email(pool, &email)
        .await?
        .ok_or_else(|| {
            Problem::new(
                ErrorCode::NotFound,
                format!("no account has the email {email}"),
            )
            .with_field("email", "not found")
        })
}

/// What start-up was asked to create when absent (Langfuse's headless-initialisation
/// convention): an admin account, an admin API key with exactly the given secret.
#[derive(Debug, Clone, Default)]
pub struct InitialAccess {
    pub admin_email: Option<String>,
    pub admin_password: Option<String>,
    pub api_key: Option<String>,
}

/// Creates what `init` names and is absent; then, while the server has no account, a
/// one-time setup code for the page that creates the owner.
pub async fn initialize(pool: &Pool, init: InitialAccess) -> Result<Option<String>, Problem> {
    let operator = Caller::operator();
    match (init.admin_email, init.admin_password) {
        (Some(email), Some(password)) => {
            let new = NewUser {
                email,
                display_name: String::new(),
                password,
                role: Role::Admin,
            }
            .validate()?;
            if db::access::users::find_by_email(pool, &new.email)
                .await?
                .is_none()
            {
                create_user(pool, new).await?;
            }
        }
        (None, None) => {}
        _ => {
            return Err(Problem::new(
                ErrorCode::ValidationFailed,
                "set both LLMOPS_INIT_ADMIN_EMAIL and LLMOPS_INIT_ADMIN_PASSWORD, or neither",
            ));
        }
    }
    if let Some(secret) = init.api_key.map(|s| s.trim().to_owned()) {
        if secret.chars().count() < MIN_INIT_KEY_CHARS {
            return Err(Problem::new(
                ErrorCode::ValidationFailed,
                format!("LLMOPS_INIT_API_KEY must be at least {MIN_INIT_KEY_CHARS} characters"),
            ));
        }
        let hash = secrets::hash(&secret);
        if !db::access::api_keys::exists_with_secret_hash(pool, &hash).await? {
            let key = db::access::api_keys::create(
                pool,
                &db::access::api_keys::NewKeyRow {
                    name: "LLMOPS_INIT_API_KEY",
                    prefix: &secrets::shown_prefix(&secret),
                    secret_hash: &hash,
                    scope: KeyScope::Admin,
                    created_by: None,
                    now: Utc::now(),
                    expires_at: None,
                },
            )
            .await?;
            let target = Target::new("api_key", key.id, &key.name);
            record_on(pool, Utc::now(), &operator, "api_key.create", target).await;
        }
    }
    if db::access::users::count(pool).await? > 0 {
        return Ok(None);
    }
    Ok(Some(secrets::new_secret("")[..32].to_owned()))
}
