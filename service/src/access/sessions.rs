//! Signing in and out, the first account's setup, and who the caller is.

use chrono::{DateTime, Utc};
use domain::access::{CallerInfo, Login, NewUser, Role, Setup, User};
use domain::problem::{ErrorCode, Problem};

use super::audit::{self, Target};
use super::{authenticate, passwords, secrets};
use crate::{App, Caller, Permission};

/// A new session: the token for the cookie (shown nowhere else) and the account.
pub struct SignedIn {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: User,
}

const WRONG: &str = "the email or password is not right";

pub async fn login(caller: &Caller, app: &App, login: Login) -> Result<SignedIn, Problem> {
    let email = login.email.trim().to_lowercase();
    let mut keys = vec![format!("email:{email}")];
    if let Some(address) = caller.address() {
        keys.push(format!("address:{address}"));
    }
    let now = app.now();
    if let Some(wait) = app.access().throttle.wait(&keys, now) {
        return Err(Problem::new(
            ErrorCode::TooManyRequests,
            format!(
                "too many failed sign-ins: try again in {} seconds",
                wait.num_seconds().max(1)
            ),
        ));
    }
    let found = db::access::users::credentials(app.pool(), &email).await?;
    let user = match found {
        Some((user, hash)) => passwords::verify(login.password, hash)
            .await
            .then_some(user)
            .filter(|user| !user.disabled),
        None => {
            passwords::verify_nothing(login.password).await;
            None
        }
    };
    let Some(user) = user else {
        app.access().throttle.failed(&keys, now);
        return Err(Problem::new(ErrorCode::Unauthorized, WRONG).with_field("password", WRONG));
    };
    app.access().throttle.succeeded(&keys);
    let signed_in = open_session(app, caller, user).await?;
    let as_user = Caller::user(
        signed_in.user.id,
        &signed_in.user.display_name,
        signed_in.user.role,
    )
    .from_address(caller.address().map(str::to_owned));
    audit::record(app, &as_user, "session.login", user_target(&signed_in.user)).await;
    Ok(signed_in)
}

async fn open_session(app: &App, caller: &Caller, user: User) -> Result<SignedIn, Problem> {
    let token = secrets::new_secret("");
    let now = app.now();
    let expires_at = authenticate::session_expiry(now);
    db::access::sessions::create(
        app.pool(),
        &db::access::sessions::NewSessionRow {
            token_hash: &secrets::hash(&token),
            user_id: user.id,
            now,
            expires_at,
            address: caller.address(),
        },
    )
    .await?;
    Ok(SignedIn {
        token,
        expires_at,
        user,
    })
}

/// Ends the session behind `token`; signing out twice is fine.
pub async fn logout(caller: &Caller, app: &App, token: &str) -> Result<(), Problem> {
    db::access::sessions::end(app.pool(), &secrets::hash(token), app.now()).await?;
    if let Some(id) = caller.user_id() {
        let (_, _, name) = caller.actor();
        audit::record(app, caller, "session.logout", Target::new("user", id, name)).await;
    }
    Ok(())
}

/// Whether the server still waits for its first account (the setup page is open).
pub async fn needs_setup(app: &App) -> Result<bool, Problem> {
    Ok(db::access::users::count(app.pool()).await? == 0)
}

/// Creates the first account, an admin, with the one-time code the server printed, and signs
/// it in. A wrong code, or a server that has an account, changes nothing.
pub async fn setup(caller: &Caller, app: &App, setup: Setup) -> Result<SignedIn, Problem> {
    let new = NewUser {
        email: setup.email,
        display_name: setup.display_name,
        password: setup.password,
        role: Role::Admin,
    }
    .validate()?;
    if !needs_setup(app).await? {
        return Err(
            Problem::new(ErrorCode::Conflict, "the server is already set up: sign in")
                .with_field("code", "already used"),
        );
    }
    if !app.access().take_setup_code(setup.code.trim()) {
        return Err(Problem::new(
            ErrorCode::Unauthorized,
            "the setup code is not right: use the link the server printed",
        )
        .with_field("code", "not the code the server printed"));
    }
    let password_hash = passwords::hash(new.password.clone()).await?;
    let user = db::access::users::create_first(
        app.pool(),
        &db::access::users::NewUserRow {
            email: &new.email,
            display_name: &new.display_name,
            password_hash: &password_hash,
            role: Role::Admin,
            now: app.now(),
        },
    )
    .await?;
    let signed_in = open_session(app, caller, user).await?;
    let owner = Caller::user(signed_in.user.id, &signed_in.user.display_name, Role::Admin)
        .from_address(caller.address().map(str::to_owned));
    audit::record(app, &owner, "user.setup", user_target(&signed_in.user)).await;
    Ok(signed_in)
}

/// The caller as the app shows it: a signed-in user (with the account) or a key.
pub async fn me(caller: &Caller, app: &App) -> Result<CallerInfo, Problem> {
    if caller.is_anonymous() {
        // Any credential may ask who it is; a stranger gets the usual 401.
        caller.require(Permission::View)?;
    }
    let (kind, _, name) = caller.actor();
    let user = match caller.user_id() {
        Some(id) => Some(db::access::users::get(app.pool(), id).await?),
        None => None,
    };
    Ok(CallerInfo {
        kind: kind.to_owned(),
        name: name.to_owned(),
        role: caller.role(),
        scope: caller.scope(),
        user,
    })
}

pub(crate) fn user_target(user: &User) -> Target<'_> {
    Target::new("user", user.id, &user.email)
}
