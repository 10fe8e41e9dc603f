//! Access control from the pages: sign in and out, the first account's setup, who is signed
//! in, and the admin's pages for accounts, API keys and the audit log.

use domain::access::{
    ApiKey, AuditFilter, AuditPage, CallerInfo, CreatedApiKey, Login, NewApiKey, NewUser, Setup,
    User, UserChange,
};
use leptos::{prelude::*, server_fn::codec::Json};
use uuid::Uuid;

use crate::AppError;

#[cfg(feature = "ssr")]
use {
    super::{app, caller, respond},
    service::access::{api_keys, audit, cookie, sessions, users},
};

/// Signs in and sets the session cookie; the page then loads where the user was going.
#[server(prefix = "/rpc", endpoint = "sign_in", input = Json)]
pub async fn sign_in(login: Login) -> Result<(), AppError> {
    respond(async move {
        let app = app()?;
        let signed_in = sessions::login(&caller(), &app, login).await?;
        set_session_cookie(&app, &signed_in);
        Ok(())
    })
    .await
}

/// Creates the owner's account with the server's one-time code, and signs it in.
#[server(prefix = "/rpc", endpoint = "set_up", input = Json)]
pub async fn set_up(setup: Setup) -> Result<(), AppError> {
    respond(async move {
        let app = app()?;
        let signed_in = sessions::setup(&caller(), &app, setup).await?;
        set_session_cookie(&app, &signed_in);
        Ok(())
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "sign_out", input = Json)]
pub async fn sign_out() -> Result<(), AppError> {
    respond(async move {
        let app = app()?;
        let token = use_context::<http::request::Parts>().and_then(|parts| {
            parts
                .headers
                .get_all(http::header::COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find_map(cookie::token_in)
                .map(str::to_owned)
        });
        if let Some(token) = token {
            sessions::logout(&caller(), &app, &token).await?;
        }
        set_cookie(&cookie::clear(app.secure_cookies()));
        Ok(())
    })
    .await
}

#[cfg(feature = "ssr")]
fn set_session_cookie(app: &service::App, signed_in: &sessions::SignedIn) {
    let now = chrono::Utc::now();
    let secure = app.secure_cookies();
    set_cookie(&cookie::set(
        &signed_in.token,
        signed_in.expires_at,
        now,
        secure,
    ));
}

#[cfg(feature = "ssr")]
fn set_cookie(value: &str) {
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// Who is signed in; None for a stranger (on the sign-in and shared pages).
#[server(prefix = "/rpc", endpoint = "current_caller")]
pub async fn current_caller() -> Result<Option<CallerInfo>, AppError> {
    respond(async move {
        let caller = caller();
        if caller.is_anonymous() {
            return Ok(None);
        }
        Ok(Some(sessions::me(&caller, &app()?).await?))
    })
    .await
}

#[server(prefix = "/rpc", endpoint = "list_users")]
pub async fn list_users() -> Result<Vec<User>, AppError> {
    respond(async move { Ok(users::list(&caller(), &app()?).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "create_user", input = Json)]
pub async fn create_user(new: NewUser) -> Result<User, AppError> {
    respond(async move { Ok(users::create(&caller(), &app()?, new).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "update_user", input = Json)]
pub async fn update_user(id: Uuid, change: UserChange) -> Result<User, AppError> {
    respond(async move { Ok(users::update(&caller(), &app()?, id, change).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "list_api_keys")]
pub async fn list_api_keys() -> Result<Vec<ApiKey>, AppError> {
    respond(async move { Ok(api_keys::list(&caller(), &app()?).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "create_api_key", input = Json)]
pub async fn create_api_key(new: NewApiKey) -> Result<CreatedApiKey, AppError> {
    respond(async move { Ok(api_keys::create(&caller(), &app()?, new).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "revoke_api_key", input = Json)]
pub async fn revoke_api_key(id: Uuid) -> Result<ApiKey, AppError> {
    respond(async move { Ok(api_keys::revoke(&caller(), &app()?, id).await?) }).await
}

#[server(prefix = "/rpc", endpoint = "load_audit", input = Json)]
pub async fn load_audit(filter: AuditFilter) -> Result<AuditPage, AppError> {
    respond(async move { Ok(audit::list(&caller(), &app()?, filter).await?) }).await
}
