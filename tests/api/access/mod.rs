//! Access control against the real binary: sessions, keys, roles, the cross-site and
//! rebinding defences, secrets in the database, the audit log, and every route against the
//! policy for every kind of caller.

mod audit;
mod cli;
mod defences;
mod keys;
mod policy;
mod secrets;
mod sessions;

use reqwest::{Client, RequestBuilder, StatusCode, header};
use serde_json::{Value, json};
use system_tests::{ADMIN_EMAIL, ADMIN_PASSWORD, TestServer, authenticated_client};

use crate::support::{decode, post};

/// A browser's session: the cookie its sign-in set.
pub struct Session {
    pub cookie: String,
}

impl Session {
    /// `request` as this browser sends it from the app's own page: the cookie and the
    /// browser's own `Origin` and `Sec-Fetch-Site`.
    pub fn send(&self, server: &TestServer, request: RequestBuilder) -> RequestBuilder {
        request
            .header(header::COOKIE, &self.cookie)
            .header(header::ORIGIN, &server.base_url)
            .header("sec-fetch-site", "same-origin")
    }
}

pub async fn sign_in(
    server: &TestServer,
    email: &str,
    password: &str,
) -> Result<Session, (StatusCode, Value)> {
    let response = Client::new()
        .post(server.url("/api/v1/auth/login"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap();
    let cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned());
    let (status, body) = decode(response).await;
    match (status, cookie) {
        (StatusCode::OK, Some(cookie)) => Ok(Session { cookie }),
        _ => Err((status, body)),
    }
}

pub async fn admin_session(server: &TestServer) -> Session {
    sign_in(server, ADMIN_EMAIL, ADMIN_PASSWORD)
        .await
        .expect("the admin signs in")
}

/// Creates an account with `role` (by the admin key); its password is `password for <email>`.
pub async fn user(server: &TestServer, email: &str, role: &str) -> Value {
    let (status, user) = post(
        server,
        "/api/v1/users",
        json!({"email": email, "password": format!("password for {email}"), "role": role}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{user}");
    user
}

pub async fn session_of(server: &TestServer, email: &str, role: &str) -> Session {
    user(server, email, role).await;
    sign_in(server, email, &format!("password for {email}"))
        .await
        .expect("the new user signs in")
}

/// A key of `scope` made by the admin key, and a client that sends it.
pub async fn key(server: &TestServer, scope: &str) -> (Value, Client) {
    let (status, key) = post(
        server,
        "/api/v1/api-keys",
        json!({"name": format!("{scope} key"), "scope": scope}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{key}");
    let client = authenticated_client(key["secret"].as_str().unwrap());
    (key, client)
}

/// The id of the account with `email`, as the admin sees it.
pub async fn user_id(server: &TestServer, email: &str) -> String {
    let (_, users) = crate::support::get(server, "/api/v1/users").await;
    users["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == email)
        .unwrap_or_else(|| panic!("no account {email} in {users}"))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}
