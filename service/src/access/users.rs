//! Accounts, for admins: list, create, change (role, name, password, disabled). Disabling an
//! account or changing its password ends its sessions; disabling it also stops its keys.

use chrono::{DateTime, Utc};
use db::Pool;
use domain::access::{NewUser, User, UserChange};
use domain::problem::Problem;
use uuid::Uuid;

use super::audit;
use super::passwords;
use super::sessions::user_target;
use crate::{App, Caller, Permission};

pub async fn list(caller: &Caller, app: &App) -> Result<Vec<User>, Problem> {
    caller.require(Permission::Administer)?;
    Ok(db::access::users::list(app.pool()).await?)
}

pub async fn create(caller: &Caller, app: &App, new: NewUser) -> Result<User, Problem> {
    caller.require(Permission::Administer)?;
    insert(app.pool(), app.now(), caller, new).await
}

pub async fn update(
    caller: &Caller,
    app: &App,
    id: Uuid,
    change: UserChange,
) -> Result<User, Problem> {
    caller.require(Permission::Administer)?;
    let change = change.validate()?;
    let user = apply(app.pool(), app.now(), caller, id, change).await?;
    app.access().forget_keys();
    Ok(user)
}

/// Creates the account `new` describes and records who did, for whoever may: an admin, the
/// operator.
pub(crate) async fn insert(
    pool: &Pool,
    now: DateTime<Utc>,
    by: &Caller,
    new: NewUser,
) -> Result<User, Problem> {
    let new = new.validate()?;
    let password_hash = passwords::hash(new.password.clone()).await?;
    let row = db::access::users::NewUserRow {
        email: &new.email,
        display_name: &new.display_name,
        password_hash: &password_hash,
        role: new.role,
        now,
    };
    let user = db::access::users::create(pool, &row).await?;
    audit::record_on(pool, now, by, "user.create", user_target(&user)).await;
    Ok(user)
}

/// Applies a validated change to account `id` and records who made it.
pub(crate) async fn apply(
    pool: &Pool,
    now: DateTime<Utc>,
    by: &Caller,
    id: Uuid,
    change: UserChange,
) -> Result<User, Problem> {
    let password_hash = match change.password {
        Some(password) => Some(passwords::hash(password).await?),
        None => None,
    };
    let update = db::access::users::UserUpdate {
        role: change.role,
        display_name: change.display_name,
        disabled: change.disabled,
        password_hash,
    };
    let user = db::access::users::update(pool, id, &update, now).await?;
    audit::record_on(pool, now, by, operation_of(&update), user_target(&user)).await;
    Ok(user)
}

/// How the audit log names a change: its most telling part.
fn operation_of(update: &db::access::users::UserUpdate) -> &'static str {
    match (update.disabled, update.role, update.password_hash.is_some()) {
        (Some(true), _, _) => "user.disable",
        (Some(false), _, _) => "user.enable",
        (None, Some(_), _) => "user.set_role",
        (None, None, true) => "user.reset_password",
        _ => "user.update",
    }
}
