//! API keys: shown once at creation, stored as a hash. Admins see and revoke every key;
//! editors their own. A key's scope is at most its creator's role.

use domain::access::{ApiKey, CreatedApiKey, KeyScope, NewApiKey};
use domain::problem::{ErrorCode, Problem};
use uuid::Uuid;

use super::audit::{self, Target};
use super::secrets;
use crate::{App, Caller, Permission};

/// Every key for an admin; an editor's own otherwise.
pub async fn list(caller: &Caller, app: &App) -> Result<Vec<ApiKey>, Problem> {
    caller.require(Permission::Edit)?;
    let mine = own_keys_only(caller);
    Ok(db::access::api_keys::list(app.pool(), mine).await?)
}

pub async fn create(caller: &Caller, app: &App, new: NewApiKey) -> Result<CreatedApiKey, Problem> {
    caller.require(Permission::Edit)?;
    let new = new.validate(app.now())?;
    let role = caller.role().expect("an editor has a role");
    if !new.scope.within(role) {
        return Err(Problem::new(
            ErrorCode::Forbidden,
            format!(
                "a key's scope is at most its creator's role: {} cannot create {} keys",
                role.as_str(),
                new.scope.as_str()
            ),
        )
        .with_field("scope", "above your role"));
    }
    let secret = secrets::new_secret(secrets::KEY_PREFIX);
    let key = insert(
        app,
        &new.name,
        &secret,
        new.scope,
        caller.user_id(),
        new.expires_at,
    )
    .await?;
    audit::record(
        app,
        caller,
        "api_key.create",
        Target::new("api_key", key.id, &key.name),
    )
    .await;
    Ok(CreatedApiKey { key, secret })
}

pub(crate) async fn insert(
    app: &App,
    name: &str,
    secret: &str,
    scope: KeyScope,
    created_by: Option<Uuid>,
    expires_at: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<ApiKey, Problem> {
    Ok(db::access::api_keys::create(
        app.pool(),
        &db::access::api_keys::NewKeyRow {
            name,
            prefix: &secrets::shown_prefix(secret),
            secret_hash: &secrets::hash(secret),
            scope,
            created_by,
            now: app.now(),
            expires_at,
        },
    )
    .await?)
}

/// Revokes a key; the next request with it is refused on this node, and within a second on
/// every other.
pub async fn revoke(caller: &Caller, app: &App, id: Uuid) -> Result<ApiKey, Problem> {
    caller.require(Permission::Edit)?;
    let key =
        db::access::api_keys::revoke(app.pool(), id, own_keys_only(caller), app.now()).await?;
    app.access().forget_keys();
    audit::record(
        app,
        caller,
        "api_key.revoke",
        Target::new("api_key", key.id, &key.name),
    )
    .await;
    Ok(key)
}

/// The creator whose keys the caller may manage: None (all) for admins.
fn own_keys_only(caller: &Caller) -> Option<Uuid> {
    if caller.require(Permission::Administer).is_ok() {
        None
    } else {
        // An editor's session; an editor key has no user and so manages none but its own
        // creator's, which it cannot name: it sees none.
        Some(caller.user_id().unwrap_or(Uuid::nil()))
    }
}
