//! The audit log: every write names who made it, what, when and from where; admins read it,
//! filtered; no one else can.

use reqwest::StatusCode;
use serde_json::json;
use system_tests::TestServer;

use super::session_of;
use crate::support::{decode, get, post};

#[tokio::test]
async fn every_write_is_recorded_with_its_actor_and_only_admins_read_the_log() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let editor = session_of(&server, "writer@example.com", "editor").await;
    let create = editor
        .send(
            &server,
            reqwest::Client::new().post(server.url("/api/v1/prompts")),
        )
        .json(&json!({"name": "audited", "template": "Hi"}));
    assert_eq!(create.send().await.unwrap().status(), StatusCode::CREATED);
    let (status, _) = post(
        &server,
        "/api/v1/prompts/audited/versions",
        json!({"template": "Hello"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);

    let (status, page) = get(
        &server,
        "/api/v1/audit?target_kind=prompt&target_id=audited",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let entries = page["entries"].as_array().unwrap();
    let operations: Vec<_> = entries
        .iter()
        .map(|e| e["operation"].as_str().unwrap())
        .collect();
    assert_eq!(
        operations,
        ["prompt_version.create", "prompt.create"],
        "newest first"
    );
    assert_eq!(entries[1]["actor_kind"], "user");
    assert_eq!(entries[1]["actor_name"], "writer");
    assert_eq!(entries[1]["address"], "127.0.0.1");
    assert_eq!(entries[0]["actor_kind"], "api_key");

    let (_, by_prefix) = get(&server, "/api/v1/audit?operation=user.").await;
    assert!(
        by_prefix["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["operation"].as_str().unwrap().starts_with("user."))
    );
    let (_, paged) = get(&server, "/api/v1/audit?limit=1").await;
    assert_eq!(paged["entries"].as_array().unwrap().len(), 1);
    let before = paged["next_before"].as_i64().expect("older entries follow");
    let (_, older) = get(&server, &format!("/api/v1/audit?limit=1&before={before}")).await;
    assert!(older["entries"][0]["id"].as_i64().unwrap() < before);

    let read = editor.send(
        &server,
        reqwest::Client::new().get(server.url("/api/v1/audit")),
    );
    let (status, body) = decode(read.send().await.unwrap()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("admin"));
}
