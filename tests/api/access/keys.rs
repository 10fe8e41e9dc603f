//! API keys: shown once and stored as a hash, revoked at once, scoped (a `serve` key does only
//! what production services call), never above their creator's role, and dead with their
//! creator's account.

use reqwest::StatusCode;
use serde_json::{Value, json};
use sqlx::Executor;
use system_tests::{TestServer, authenticated_client};

use super::{key, session_of, user};
use crate::support::{decode, get, post, send};

async fn prompt(server: &TestServer, name: &str) {
    let (status, body) = post(
        server,
        "/api/v1/prompts",
        json!({"name": name, "template": "Hi {{ who }}", "variables": [{"name": "who", "type": "string"}]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn a_key_is_shown_once_stored_hashed_and_refused_on_the_next_request_after_revocation() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let (created, client) = key(&server, "viewer").await;
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(
        secret.starts_with("llmops_") && secret.len() > 60,
        "{secret}"
    );
    let (_, list) = get(&server, "/api/v1/api-keys").await;
    assert!(
        !list.to_string().contains(&secret),
        "a list never shows a secret: {list}"
    );

    let mut db = server.database.connect().await;
    let stored: Vec<(String, String)> = sqlx::query_as("SELECT prefix, secret_hash FROM api_keys")
        .fetch_all(&mut db)
        .await
        .unwrap();
    assert!(stored.iter().all(|(_, hash)| !hash.contains(&secret[7..])));
    assert!(
        stored
            .iter()
            .any(|(prefix, _)| secret.starts_with(prefix.as_str()))
    );

    let prompts = server.url("/api/v1/prompts");
    assert_eq!(
        client.get(&prompts).send().await.unwrap().status(),
        StatusCode::OK
    );
    let id = created["id"].as_str().unwrap();
    let (status, _) = send(&server, "DELETE", &format!("/api/v1/api-keys/{id}"), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = decode(client.get(&prompts).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (status, _) = send(&server, "DELETE", &format!("/api/v1/api-keys/{id}"), None).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a revoked key cannot be revoked again"
    );
}

#[tokio::test]
async fn a_serve_key_renders_assigns_and_records_but_reads_and_changes_nothing_else() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    prompt(&server, "greeting").await;
    let (status, experiment) = post(
        &server,
        "/api/v1/experiments",
        json!({"name": "serve-scope",
            "variants": [{"id": "control", "is_control": true, "prompt_name": "greeting"},
                         {"id": "treatment", "prompt_name": "greeting"}],
            "traffic_split": {"control": 50, "treatment": 50},
            "metrics": [{"name": "quality", "kind": "mean"}],
            "target_metric": "quality"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{experiment}");
    let id = experiment["id"].as_str().unwrap();
    let (status, _) = send(
        &server,
        "POST",
        &format!("/api/v1/experiments/{id}/start"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    let (_, serve) = key(&server, "serve").await;
    let call = |method: &str, path: &str, body: Option<Value>| {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = serve.request(method, server.url(path));
        if let Some(body) = body {
            request = request.json(&body);
        }
        async move { decode(request.send().await.unwrap()).await }
    };
    let render = call(
        "POST",
        "/api/v1/prompts/greeting/render",
        Some(json!({"variables": {"who": "Ada"}})),
    )
    .await;
    assert_eq!(render.0, StatusCode::OK, "{}", render.1);
    let assign = call(
        "POST",
        &format!("/api/v1/experiments/{id}/assign"),
        Some(json!({"user_id": "u1"})),
    )
    .await;
    assert_eq!(assign.0, StatusCode::OK, "{}", assign.1);
    let variant = assign.1["variant_id"]
        .as_str()
        .unwrap_or("control")
        .to_owned();
    let metric = call(
        "POST",
        &format!("/api/v1/experiments/{id}/metrics"),
        Some(json!({"variant_id": variant, "metric": "quality", "value": 1.0, "user_id": "u1"})),
    )
    .await;
    assert!(metric.0.is_success(), "{}", metric.1);

    for (method, path, body) in [
        ("GET", "/api/v1/prompts".to_owned(), None),
        ("GET", format!("/api/v1/experiments/{id}/results"), None),
        ("POST", format!("/api/v1/experiments/{id}/pause"), None),
        (
            "POST",
            "/api/v1/prompts".to_owned(),
            Some(json!({"name": "by-serve", "template": "x"})),
        ),
    ] {
        let (status, body) = call(method, &path, body).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{method} {path}: {body}");
        assert!(
            body["error"]["message"].as_str().unwrap().contains("role"),
            "{body}"
        );
    }
    let (_, experiment) = get(&server, &format!("/api/v1/experiments/{id}")).await;
    assert_eq!(
        experiment["status"], "running",
        "the refused pause changed nothing"
    );
}

#[tokio::test]
async fn a_key_never_exceeds_its_creator_and_dies_with_the_creators_account() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let editor = session_of(&server, "editor@example.com", "editor").await;
    let create = |scope: &str| {
        editor
            .send(
                &server,
                reqwest::Client::new().post(server.url("/api/v1/api-keys")),
            )
            .json(&json!({"name": format!("{scope} by editor"), "scope": scope}))
            .send()
    };
    let (status, body) = decode(create("admin").await.unwrap()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(crate::support::fields(&body), ["scope"]);
    let (status, created) = decode(create("editor").await.unwrap()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let client = authenticated_client(created["secret"].as_str().unwrap());
    let (status, body) = decode(
        client
            .post(server.url("/api/v1/prompts"))
            .json(&json!({"name": "by-editor-key", "template": "x"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");

    let id = super::user_id(&server, "editor@example.com").await;
    let (status, _) = send(
        &server,
        "PATCH",
        &format!("/api/v1/users/{id}"),
        Some(json!({"role": "viewer"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = decode(
        client
            .post(server.url("/api/v1/prompts"))
            .json(&json!({"name": "after-demotion", "template": "x"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "the demoted creator's key reads only"
    );
    let (status, _) = send(
        &server,
        "PATCH",
        &format!("/api/v1/users/{id}"),
        Some(json!({"disabled": true})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let status = client
        .get(server.url("/api/v1/prompts"))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "a disabled creator's key stops at once"
    );
}

#[tokio::test]
async fn an_expired_key_is_refused() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let (status, body) = post(
        &server,
        "/api/v1/api-keys",
        json!({"name": "past", "scope": "viewer", "expires_at": "2020-01-01T00:00:00Z"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(crate::support::fields(&body), ["expires_at"]);
    let (created, client) = key(&server, "viewer").await;
    let mut db = server.database.connect().await;
    let id = created["id"].as_str().unwrap();
    db.execute(
        sqlx::query("UPDATE api_keys SET expires_at = '2020-01-01T00:00:00+00:00' WHERE id = $1")
            .bind(id),
    )
    .await
    .unwrap();
    // The node trusts a key's lookup for a second; poll until the expiry is seen.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let status = client
            .get(server.url("/api/v1/prompts"))
            .send()
            .await
            .unwrap()
            .status();
        if status == StatusCode::UNAUTHORIZED {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the expired key still works"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn accounts_refuse_weak_passwords_duplicate_emails_and_losing_the_last_admin() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let (status, body) = post(
        &server,
        "/api/v1/users",
        json!({"email": "weak@example.com", "password": "short", "role": "viewer"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(crate::support::fields(&body), ["password"]);
    user(&server, "twice@example.com", "viewer").await;
    let (status, body) = post(
        &server,
        "/api/v1/users",
        json!({"email": "Twice@Example.com", "password": "long enough password", "role": "viewer"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(crate::support::fields(&body), ["email"]);

    let (_, users) = get(&server, "/api/v1/users").await;
    let admin = users["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["role"] == "admin")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for change in [json!({"role": "editor"}), json!({"disabled": true})] {
        let (status, body) = send(
            &server,
            "PATCH",
            &format!("/api/v1/users/{admin}"),
            Some(change),
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
    }
    let (_, after) = get(&server, "/api/v1/users").await;
    assert_eq!(after, users, "refused changes changed nothing");
}
