//! Signing in and out, session expiry, the setup page's one-time code, and the sign-in
//! throttle.

use reqwest::{Client, StatusCode, header};
use serde_json::json;
use sqlx::Executor;
use system_tests::{ADMIN_EMAIL, TestServer};

use super::{admin_session, session_of, sign_in};
use crate::support::decode;

#[tokio::test]
async fn a_session_works_until_logout_and_a_wrong_password_reads_like_an_unknown_email() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let session = admin_session(&server).await;
    let me = session.send(&server, Client::new().get(server.url("/api/v1/auth/me")));
    let (status, me) = decode(me.send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["kind"], "user");
    assert_eq!(me["role"], "admin");
    assert_eq!(me["user"]["email"], ADMIN_EMAIL);

    let wrong = sign_in(&server, ADMIN_EMAIL, "not the right password")
        .await
        .err()
        .unwrap();
    let unknown = sign_in(&server, "nobody@example.com", "not the right password")
        .await
        .err()
        .unwrap();
    assert_eq!(wrong.0, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong, unknown, "the two failures must not be told apart");

    let logout = session.send(
        &server,
        Client::new().post(server.url("/api/v1/auth/logout")),
    );
    let response = logout.send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let cleared = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    let after = session.send(&server, Client::new().get(server.url("/api/v1/prompts")));
    assert_eq!(
        after.send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let response = Client::new()
        .post(server.url("/api/v1/auth/login"))
        .json(&json!({"email": ADMIN_EMAIL, "password": system_tests::ADMIN_PASSWORD}))
        .send()
        .await
        .unwrap();
    let cookie = response.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_owned();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(
        !cookie.contains("Secure"),
        "plain http on loopback: {cookie}"
    );
}

#[tokio::test]
async fn an_expired_or_idle_session_and_a_disabled_account_stop_working_at_once() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let expired = session_of(&server, "expired@example.com", "viewer").await;
    let idle = session_of(&server, "idle@example.com", "viewer").await;
    let disabled = session_of(&server, "disabled@example.com", "editor").await;
    let prompts = |session: &super::Session| {
        session
            .send(&server, Client::new().get(server.url("/api/v1/prompts")))
            .send()
    };
    for session in [&expired, &idle, &disabled] {
        assert_eq!(prompts(session).await.unwrap().status(), StatusCode::OK);
    }
    let mut db = server.database.connect().await;
    db.execute(
        "UPDATE sessions SET expires_at = '2020-01-01T00:00:00+00:00'
         WHERE user_id = (SELECT id FROM users WHERE email = 'expired@example.com')",
    )
    .await
    .unwrap();
    db.execute(
        "UPDATE sessions SET last_seen_at = '2020-01-01T00:00:00+00:00'
         WHERE user_id = (SELECT id FROM users WHERE email = 'idle@example.com')",
    )
    .await
    .unwrap();
    let id = super::user_id(&server, "disabled@example.com").await;
    let (status, body) = crate::support::send(
        &server,
        "PATCH",
        &format!("/api/v1/users/{id}"),
        Some(json!({"disabled": true})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    for session in [&expired, &idle, &disabled] {
        assert_eq!(
            prompts(session).await.unwrap().status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let again = sign_in(
        &server,
        "disabled@example.com",
        "password for disabled@example.com",
    )
    .await;
    assert_eq!(again.err().unwrap().0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn five_failed_sign_ins_in_a_minute_slow_the_sixth_down_even_with_the_right_password() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    for _ in 0..5 {
        let (status, _) = sign_in(&server, ADMIN_EMAIL, "wrong password!!")
            .await
            .err()
            .unwrap();
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, body) = sign_in(&server, ADMIN_EMAIL, system_tests::ADMIN_PASSWORD)
        .await
        .err()
        .expect("the sixth attempt is held back");
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("try again in")
    );
}

#[tokio::test]
async fn a_new_server_prints_a_setup_link_whose_code_creates_the_owner_once() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start_fresh_for_setup();
    let code = server
        .setup_code
        .clone()
        .expect("the server printed a setup link");
    let page = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(server.url("/prompts"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::SEE_OTHER);
    assert_eq!(page.headers()[header::LOCATION], "/setup");

    let setup = |code: &str, email: &str| {
        Client::new()
            .post(server.url("/api/v1/auth/setup"))
            .json(&json!({"code": code, "email": email, "display_name": "Owner", "password": "owner password 123"}))
            .send()
    };
    let (status, body) = decode(setup("not-the-code", "owner@example.com").await.unwrap()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (status, body) = decode(setup(&code, "owner@example.com").await.unwrap()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["user"]["role"], "admin");
    let (status, body) = decode(setup(&code, "second@example.com").await.unwrap()).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(
        sign_in(&server, "owner@example.com", "owner password 123")
            .await
            .is_ok()
    );
}
