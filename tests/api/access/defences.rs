//! What a stranger's page can make a signed-in browser do: nothing. Cross-site writes with the
//! session cookie are refused (server functions included), requests for a foreign host name
//! are refused (DNS rebinding), and a stranger is sent to sign in.

use reqwest::{Client, StatusCode, header};
use serde_json::json;
use system_tests::TestServer;

use super::admin_session;
use crate::support::{decode, get};

#[tokio::test]
async fn cross_site_writes_with_the_cookie_are_refused_and_change_nothing() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let session = admin_session(&server).await;
    let create = |name: &str| json!({"name": name, "template": "Hi"});
    let plain = Client::new();

    // As a form on another site would post it: the browser adds the cookie and its Origin.
    let forged = plain
        .post(server.url("/api/v1/prompts"))
        .header(header::COOKIE, &session.cookie)
        .header(header::ORIGIN, "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .json(&create("forged"));
    let (status, body) = decode(forged.send().await.unwrap()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");

    // A server function takes form-encoded arguments: the same form can aim at it.
    let forged_rpc = plain
        .post(server.url("/rpc/revoke_share_link"))
        .header(header::COOKIE, &session.cookie)
        .header(header::ORIGIN, "https://evil.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("token=anything");
    assert_eq!(
        forged_rpc.send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );

    // Without any browser header, only JSON passes (no form can send it cross-site).
    let headerless_form = plain
        .post(server.url("/rpc/revoke_share_link"))
        .header(header::COOKIE, &session.cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("token=anything");
    assert_eq!(
        headerless_form.send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );

    let (_, prompts) = get(&server, "/api/v1/prompts").await;
    assert!(!prompts.to_string().contains("forged"), "{prompts}");

    let own = session
        .send(&server, plain.post(server.url("/api/v1/prompts")))
        .json(&create("own"));
    let (status, body) = decode(own.send().await.unwrap()).await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "the app's own page may write: {body}"
    );
}

#[tokio::test]
async fn another_site_cannot_sign_a_browser_in() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let body =
        json!({"email": system_tests::ADMIN_EMAIL, "password": system_tests::ADMIN_PASSWORD});
    for path in ["/api/v1/auth/login", "/rpc/sign_in"] {
        let forged = Client::new()
            .post(server.url(path))
            .header(header::ORIGIN, "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .json(&json!({"login": body}));
        let response = forged.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
        assert!(
            response.headers().get(header::SET_COOKIE).is_none(),
            "{path}"
        );
    }
    let own = Client::new()
        .post(server.url("/api/v1/auth/login"))
        .header(header::ORIGIN, &server.base_url)
        .json(&body);
    assert_eq!(own.send().await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn a_foreign_host_name_is_refused_with_421() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let response = server
        .client
        .get(server.url("/api/v1/prompts"))
        .header(header::HOST, "attacker.example")
        .send()
        .await
        .unwrap();
    let (status, body) = decode(response).await;
    assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{body}");
    let localhost = server
        .url("/api/v1/health")
        .replace("127.0.0.1", "localhost");
    assert_eq!(
        Client::new().get(localhost).send().await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_public_url_is_the_host_answered_and_non_loopback_needs_one() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start_with(&["--public-url", "https://llmops.example.com"]);
    let answered = server
        .client
        .get(server.url("/api/v1/prompts"))
        .header(header::HOST, "llmops.example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(answered.status(), StatusCode::OK);

    let refused = std::process::Command::new(system_tests::binary())
        .args(["serve", "--addr", "0.0.0.0:0", "--db", ":memory:"])
        .env_remove("LLMOPS_PUBLIC_URL")
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("--public-url"), "{stderr}");
}

#[tokio::test]
async fn strangers_get_401_from_the_api_and_the_sign_in_page_for_pages() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let stranger = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (status, body) = decode(
        stranger
            .get(server.url("/api/v1/prompts"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthorized");
    let (status, _) = decode(
        stranger
            .post(server.url("/api/v1/prompts"))
            .header(header::CONTENT_TYPE, "text/plain")
            .body("not even json")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "refused before the body is read"
    );
    let bad_key = stranger
        .get(server.url("/api/v1/prompts"))
        .header(header::AUTHORIZATION, "Bearer llmops_not_a_key")
        .send()
        .await
        .unwrap();
    assert_eq!(bad_key.status(), StatusCode::UNAUTHORIZED);

    let page = stranger
        .get(server.url("/datasets?tab=all"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        page.headers()[header::LOCATION],
        "/login?next=/datasets%3Ftab%3Dall"
    );
    let login = stranger.get(server.url("/login")).send().await.unwrap();
    assert_eq!(login.status(), StatusCode::OK);
    assert_eq!(
        stranger
            .get(server.url("/api/v1/health"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}
