//! The door's guard, in front of every route: it refuses foreign `Host`s (421, against DNS
//! rebinding), works out who is calling from the API key or the session cookie (once per
//! request, for the REST handlers and the server functions alike), refuses cross-site writes
//! made with the cookie, and sends strangers asking for a page to sign in. Whether the caller
//! may do what it asks is the service layer's question, not this one's.

mod cross_site;
mod host;

use std::net::SocketAddr;

use axum::{
    extract::{ConnectInfo, Request, State},
    http::{HeaderMap, Method, header},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use domain::problem::{ErrorCode, Problem};
use service::Caller;

/// The session token the request's cookie carries.
pub fn session_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(service::access::cookie::token_in)
}
pub use host::AllowedHosts;

use crate::{api::ApiError, startup::AppState};

/// What the guard is configured with at start-up.
#[derive(Debug, Clone)]
pub struct GuardSettings {
    pub hosts: AllowedHosts,
}

/// How a request's caller was established; cross-site checks apply to cookies only, since a
/// browser never adds an `Authorization` header on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Credential {
    None,
    ApiKey,
    Cookie,
}

pub async fn guard(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    if !state.guard.hosts.allows(request.headers()) {
        return ApiError(Problem::new(
            ErrorCode::MisdirectedRequest,
            "this server does not answer to that host name: reach it at its public URL",
        ))
        .into_response();
    }
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string());
    let (caller, credential) = match identify(&state, request.headers(), address).await {
        Ok(identified) => identified,
        Err(problem) => return ApiError(problem).into_response(),
    };
    let guarded =
        credential == Credential::Cookie || SIGN_IN_ROUTES.contains(&request.uri().path());
    if guarded
        && !is_safe(request.method())
        && let Err(problem) = cross_site::check(request.headers(), &state.guard.hosts)
    {
        return ApiError(problem).into_response();
    }
    if caller.is_anonymous() && needs_credential(request.uri().path()) {
        // Refused before the body is read, so a stranger learns nothing from validation.
        return ApiError(Problem::new(
            ErrorCode::Unauthorized,
            "sign in, or send an API key as `Authorization: Bearer <key>`",
        ))
        .into_response();
    }
    if caller.is_anonymous() && is_page(&request) {
        let asked_for = request
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned());
        return sign_in_first(&state, asked_for.as_deref().unwrap_or("/")).await;
    }
    request.extensions_mut().insert(caller);
    next.run(request).await
}

async fn identify(
    state: &AppState,
    headers: &HeaderMap,
    address: Option<String>,
) -> Result<(Caller, Credential), Problem> {
    if let Some(secret) = bearer(headers)? {
        let caller = service::access::authenticate::api_key(&state.app, secret, address).await?;
        return Ok((caller, Credential::ApiKey));
    }
    if let Some(token) = session_token(headers) {
        // An ended session is no session: the request goes on as a stranger's, so that the
        // sign-in page and shared pages still open.
        if let Ok(caller) =
            service::access::authenticate::session(&state.app, token, address.clone()).await
        {
            return Ok((caller, Credential::Cookie));
        }
    }
    Ok((Caller::anonymous().from_address(address), Credential::None))
}

fn bearer(headers: &HeaderMap) -> Result<Option<&str>, Problem> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let secret = value
        .to_str()
        .ok()
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|s| !s.is_empty());
    match secret {
        Some(secret) => Ok(Some(secret)),
        None => Err(Problem::new(
            ErrorCode::Unauthorized,
            "the Authorization header must be `Bearer <API key>`",
        )),
    }
}

/// REST routes open to strangers: liveness and readiness (for load balancers; they tell only
/// whether the node serves), and signing in.
const OPEN_API_ROUTES: &[&str] = &[
    "/api/v1/health",
    "/api/v1/ready",
    "/api/v1/auth/login",
    "/api/v1/auth/logout",
    "/api/v1/auth/setup",
];

/// Where a browser gets its session: checked like a cookie's writes, so another site cannot
/// sign a visitor into an account of its choosing.
const SIGN_IN_ROUTES: &[&str] = &[
    "/api/v1/auth/login",
    "/api/v1/auth/setup",
    "/rpc/sign_in",
    "/rpc/set_up",
];

fn needs_credential(path: &str) -> bool {
    path.starts_with("/api/") && !OPEN_API_ROUTES.contains(&path.trim_end_matches('/'))
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A page of the app (not the API, a server function, an asset or a shared page), which a
/// stranger is sent to sign in for.
fn is_page(request: &Request) -> bool {
    let path = request.uri().path();
    let open = ["/api/", "/rpc/", "/pkg/", "/s/"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
        || matches!(path, "/login" | "/setup")
        || path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'));
    *request.method() == Method::GET && !open
}

async fn sign_in_first(state: &AppState, asked_for: &str) -> Response {
    let needs_setup = service::access::sessions::needs_setup(&state.app)
        .await
        .unwrap_or(false);
    if needs_setup {
        return Redirect::to("/setup").into_response();
    }
    let target = format!("/login?next={}", domain::page::encode_query_path(asked_for));
    Redirect::to(&target).into_response()
}
