//! Accounts, for admins: list, create, change (role, name, password, disabled). Disabling an
//! account or changing its password ends its sessions; disabling it also stops its keys.

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
    let new = new.validate()?;
    let password_hash = passwords::hash(new.password.clone()).await?;
    let user = db::access::users::create(
        app.pool(),
        &db::access::users::NewUserRow {
            email: &new.email,
            display_name: &new.display_name,
            password_hash: &password_hash,
            role: new.role,
            now: app.now(),
        },
    )
    .await?;
    audit::record(app, caller, "user.create", user_target(&user)).await;
    Ok(user)
}

pub async fn update(
    caller: &Caller,
    app: &App,
    id: Uuid,
    change: UserChange,
) -> Result<User, Problem> {
    caller.require(Permission::Administer)?;
    let change = change.validate()?;
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
    let user = db::access::users::update(app.pool(), id, &update, app.now()).await?;
    app.access().forget_keys();
    let operation = operation_of(&update);
    audit::record(app, caller, operation, user_target(&user)).await;
    Ok(user)
}

/// How the audit log names a change: its most telling part.
pub(crate) fn operation_of(update: &db::access::users::UserUpdate) -> &'static str {
    match (update.disabled, update.role, update.password_hash.is_some()) {
        (Some(true), _, _) => "user.disable",
        (Some(false), _, _) => "user.enable",
        (None, Some(_), _) => "user.set_role",
        (None, None, true) => "user.reset_password",
        _ => "user.update",
    }
}
