//! Share links against the real binary: the shared pages are complete HTML without JavaScript
//! (fetched here with a plain HTTP client), tokens are long and random, expiry and revocation
//! answer 404 without revealing anything, and bad requests change nothing.

use chrono::{DateTime, SecondsFormat, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sqlx::Connection;
use system_tests::TestServer;
use system_tests::compare::crafted_runs;

use crate::support::{fields, get, post, send};

async fn page(server: &TestServer, path: &str) -> (StatusCode, String) {
    let response = server.client.get(server.url(path)).send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

async fn share(server: &TestServer, body: Value) -> Value {
    let (status, share) = post(server, "/api/v1/shares", body).await;
    assert_eq!(status, StatusCode::CREATED, "{share}");
    share
}

async fn active_tokens(server: &TestServer) -> Vec<String> {
    let (status, list) = get(server, "/api/v1/shares").await;
    assert_eq!(status, StatusCode::OK);
    list["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["token"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn shared_pages_are_complete_without_javascript() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let runs = crafted_runs(&server, 30, 10).await;
    let (base, candidate) = (
        runs.base["id"].as_str().unwrap(),
        runs.candidate["id"].as_str().unwrap(),
    );

    let comparison = share(
        &server,
        json!({"kind": "comparison", "base": base, "candidate": candidate}),
    )
    .await;
    let token = comparison["token"].as_str().unwrap();
    assert!(
        token.len() >= 32 && token.bytes().all(|b| b.is_ascii_hexdigit()),
        "{token}"
    );
    assert_eq!(comparison["path"], format!("/s/{token}"));
    assert_eq!(
        (&comparison["kind"], &comparison["expires_at"]),
        (&json!("comparison"), &Value::Null)
    );

    let (status, html) = page(&server, &format!("/s/{token}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<svg"), "charts are inline SVG");
    assert!(
        html.contains("100.0% → 66.7%"),
        "the pass rates are in the HTML"
    );
    assert!(html.contains("significant regression"));
    assert!(
        html.contains("changed question 20"),
        "the regressed output is shown"
    );
    assert!(
        html.contains(r#"name="description""#) && html.contains("10 regressions"),
        "preview description"
    );
    assert!(html.contains(r#"property="og:title""#));
    assert!(html.contains("<title>"), "a page title");
    assert!(
        !html.contains(r#"class="sidebar""#),
        "no navigation into the app"
    );

    let run = share(
        &server,
        json!({"kind": "run", "run_id": candidate, "expires_at": "2999-01-01T00:00:00Z"}),
    )
    .await;
    let (status, html) = page(&server, run["path"].as_str().unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<svg") && html.contains("66.7%"),
        "run figures and charts"
    );
    assert!(html.contains("2999-01-01"), "the expiry is stated");

    let (status, created) = post(
        &server,
        "/api/v1/experiments",
        json!({"name": "shared-exp", "variants": [{"id": "control", "is_control": true}, {"id": "b"}],
               "traffic_split": {"control": 50, "b": 50}, "metrics": [{"name": "score", "kind": "mean"}],
               "target_metric": "score"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let experiment = share(
        &server,
        json!({"kind": "experiment", "experiment_id": created["id"]}),
    )
    .await;
    let (status, html) = page(&server, experiment["path"].as_str().unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("shared-exp") && html.contains("<svg"),
        "experiment results"
    );

    let mut listed = active_tokens(&server).await;
    listed.sort();
    let mut made: Vec<String> = [&comparison, &run, &experiment]
        .iter()
        .map(|s| s["token"].as_str().unwrap().to_owned())
        .collect();
    made.sort();
    assert_eq!(listed, made);
}

#[tokio::test]
async fn revoked_and_expired_links_are_gone_and_reveal_nothing() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let runs = crafted_runs(&server, 4, 1).await;
    let run_id = runs.base["id"].as_str().unwrap();
    let run_name = runs.base["name"].as_str().unwrap();

    let revoked = share(&server, json!({"kind": "run", "run_id": run_id})).await;
    assert_eq!(
        revoked["created_by"], "LLMOPS_INIT_API_KEY",
        "a link names who made it"
    );
    let token = revoked["token"].as_str().unwrap();
    let (status, _) = page(&server, &format!("/s/{token}")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = send(&server, "DELETE", &format!("/api/v1/shares/{token}"), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (status, html) = page(&server, &format!("/s/{token}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("This link does not work"));
    assert!(
        !html.contains(run_name) && !html.contains("<svg"),
        "nothing of the run leaks"
    );
    let (status, _) = send(&server, "DELETE", &format!("/api/v1/shares/{token}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "revoking twice");
    let (status, _) = page(&server, "/s/0123456789abcdef0123456789abcdef").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a token that never existed");

    let in_an_hour = (Utc::now() + chrono::Duration::hours(1)).to_rfc3339();
    let expiring = share(
        &server,
        json!({"kind": "run", "run_id": run_id, "expires_at": in_an_hour}),
    )
    .await;
    let token = expiring["token"].as_str().unwrap().to_owned();
    let path = expiring["path"].as_str().unwrap().to_owned();
    let (status, html) = page(&server, &path).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a link that expires later works now"
    );
    assert!(html.contains(run_name), "{html}");
    assert_eq!(active_tokens(&server).await, vec![token.clone()]);

    // Expiry without waiting for it: the link's expiry moves an hour into the past, written in
    // the format the server stores.
    expire_in_the_database(&server, &token).await;
    let (status, html) = page(&server, &path).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "an expired link");
    assert!(html.contains("This link does not work"));
    assert!(
        !html.contains(run_name) && !html.contains("<svg"),
        "nothing of the run leaks"
    );
    assert!(
        active_tokens(&server).await.is_empty(),
        "expired links are not listed"
    );
}

/// Sets the link's `expires_at` to an hour ago in the server's database. The server binds
/// times through sqlx, which stores them as RFC 3339 text with as many fractional digits as
/// needed and a numeric offset (`to_rfc3339_opts(SecondsFormat::AutoSi, false)`, e.g.
/// `2026-12-02T06:42:38.123456789+00:00`), and compares them as text (`expires_at > $1`); the
/// new value is written in exactly that format, checked against the stored one first.
async fn expire_in_the_database(server: &TestServer, token: &str) {
    let format = |time: DateTime<Utc>| time.to_rfc3339_opts(SecondsFormat::AutoSi, false);
    let mut db = server.database.connect().await;
    let stored: String = sqlx::query_scalar("SELECT expires_at FROM shares WHERE token = $1")
        .bind(token)
        .fetch_one(&mut db)
        .await
        .unwrap();
    let parsed = DateTime::parse_from_rfc3339(&stored)
        .unwrap_or_else(|e| panic!("expires_at {stored:?} is not RFC 3339: {e}"))
        .with_timezone(&Utc);
    assert_eq!(format(parsed), stored, "the stored format changed");

    let an_hour_ago = format(Utc::now() - chrono::Duration::hours(1));
    assert!(an_hour_ago < format(Utc::now()), "text order is time order");
    let changed = sqlx::query("UPDATE shares SET expires_at = $1 WHERE token = $2")
        .bind(&an_hour_ago)
        .bind(token)
        .execute(&mut db)
        .await
        .unwrap();
    assert_eq!(changed.rows_affected(), 1);
    db.close().await.unwrap();
}

#[tokio::test]
async fn bad_share_requests_change_nothing() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let runs = crafted_runs(&server, 4, 1).await;
    let run_id = runs.base["id"].as_str().unwrap();
    let cases = [
        (
            json!({"kind": "dashboard"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "kind",
        ),
        (
            json!({"kind": "run"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "run_id",
        ),
        (
            json!({"kind": "run", "run_id": run_id, "expires_at": "2001-01-01T00:00:00Z"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "expires_at",
        ),
        (
            json!({"kind": "run", "run_id": "00000000-0000-4000-8000-000000000000"}),
            StatusCode::NOT_FOUND,
            "run_id",
        ),
        (
            json!({"kind": "comparison", "base": run_id, "candidate": run_id}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "candidate",
        ),
        (
            json!({"kind": "experiment", "experiment_id": "00000000-0000-4000-8000-000000000000"}),
            StatusCode::NOT_FOUND,
            "experiment_id",
        ),
        (
            json!({"kind": "run", "run_id": run_id, "token": "mine"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "token",
        ),
    ];
    for (body, expected, field) in cases {
        let (status, answer) = post(&server, "/api/v1/shares", body.clone()).await;
        assert_eq!(status, expected, "{body}: {answer}");
        assert!(
            fields(&answer).contains(&field.to_string()),
            "{body}: {answer}"
        );
    }
    let pending = system_tests::eval::create_run(
        &server,
        json!({"dataset": runs.dataset_id, "prompt_name": "crafted", "endpoint": "echo", "metrics": ["exact_match"]}),
    )
    .await;
    let (status, answer) = post(
        &server,
        "/api/v1/shares",
        json!({"kind": "comparison", "base": run_id, "candidate": pending["id"]}),
    )
    .await;
    assert_eq!(
        (status, fields(&answer)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            vec!["candidate".to_string()]
        )
    );
    assert!(
        active_tokens(&server).await.is_empty(),
        "nothing was stored"
    );
}
