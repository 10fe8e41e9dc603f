//! Who is calling: the caller behind an API key or a session cookie. A credential that does
//! not work (unknown, revoked, expired, of a disabled account) is a 401; the message does not
//! say which.

use chrono::{DateTime, Duration, Utc};
use domain::access::{KeyScope, Role};
use domain::problem::{ErrorCode, Problem};

use super::secrets;
use crate::{App, Caller};

/// A session ends this long after sign-in, however active.
pub const SESSION_LIFETIME: Duration = Duration::days(14);
/// A session nobody used for this long ends.
pub const SESSION_IDLE: Duration = Duration::hours(12);
/// The idle clock moves at most this often, so a page's many calls write once.
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// The caller behind `Authorization: Bearer <secret>`.
pub async fn api_key(app: &App, secret: &str, address: Option<String>) -> Result<Caller, Problem> {
    let secret_hash = secrets::hash(secret);
    if let Some(caller) = app.access().cached_key(&secret_hash) {
        return Ok(caller.from_address(address));
    }
    let now = app.now();
    let found = db::access::api_keys::find_active(app.pool(), &secret_hash, now).await?;
    let Some(active) = found else {
        return Err(not_valid(
            "the API key is not valid (unknown, revoked or expired)",
        ));
    };
    let scope = match active.creator_role {
        None => Some(active.key.scope),
        Some(role) => capped(active.key.scope, role),
    }
    .ok_or_else(|| not_valid("the API key's creator no longer has the rights it carries"))?;
    let caller = Caller::api_key(active.key.id, &active.key.name, scope);
    app.access().cache_key(secret_hash, caller.clone());
    let (pool, id) = (app.pool().clone(), active.key.id);
    tokio::spawn(async move {
        if let Err(error) = db::access::api_keys::touch(&pool, id, now).await {
            tracing::warn!(%error, "could not note an API key's use");
        }
    });
    Ok(caller.from_address(address))
}

/// A key's scope within what its creator may still do; None when nothing is left.
fn capped(scope: KeyScope, creator: Role) -> Option<KeyScope> {
    if scope.within(creator) {
        return Some(scope);
    }
    match scope {
        KeyScope::Serve => None,
        _ => Some(match creator {
            Role::Admin => KeyScope::Admin,
            Role::Editor => KeyScope::Editor,
            Role::Viewer => KeyScope::Viewer,
        }),
    }
}

/// The caller behind a session cookie's token.
pub async fn session(app: &App, token: &str, address: Option<String>) -> Result<Caller, Problem> {
    let token_hash = secrets::hash(token);
    let now = app.now();
    let found =
        db::access::sessions::find_active(app.pool(), &token_hash, now, now - SESSION_IDLE).await?;
    let Some(active) = found else {
        return Err(not_valid("the session has ended: sign in again"));
    };
    if now - active.last_seen_at > TOUCH_EVERY {
        db::access::sessions::touch(app.pool(), &token_hash, now).await?;
    }
    let user = active.user;
    Ok(Caller::user(user.id, user.display_name, user.role).from_address(address))
}

fn not_valid(message: &str) -> Problem {
    Problem::new(ErrorCode::Unauthorized, message)
}

pub(crate) fn session_expiry(now: DateTime<Utc>) -> DateTime<Utc> {
    now + SESSION_LIFETIME
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_capped_by_its_creators_role() {
        assert_eq!(
            capped(KeyScope::Admin, Role::Editor),
            Some(KeyScope::Editor)
        );
        assert_eq!(
            capped(KeyScope::Editor, Role::Editor),
            Some(KeyScope::Editor)
        );
        assert_eq!(capped(KeyScope::Serve, Role::Editor), Some(KeyScope::Serve));
        assert_eq!(capped(KeyScope::Serve, Role::Viewer), None);
    }
}
