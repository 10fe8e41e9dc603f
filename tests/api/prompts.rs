//! The prompts REST API, driven over HTTP against the real binary with a fresh database.

use reqwest::StatusCode;
use serde_json::{Value, json};
use system_tests::TestServer;

use crate::support::{decode, fields, get, post, send};

fn greeting() -> Value {
    json!({
        "name": "greeting",
        "description": "Says hello",
        "template": "Hello {{ name }}!{% if excited %} 🎉{% endif %}",
        "variables": [
            {"name": "name", "type": "string"},
            {"name": "excited", "type": "boolean", "required": false, "default": false}
        ],
        "model_config": {"model": "gpt-4o-mini", "temperature": 0.2},
        "commit_message": "first draft"
    })
}

/// Asserts the prompt list is what it was: a refused request changed nothing.
async fn assert_unchanged(server: &TestServer, before: &Value) {
    let (_, after) = get(server, "/api/v1/prompts").await;
    assert_eq!(
        &after, before,
        "a refused request changed the stored prompts"
    );
}

#[tokio::test]
async fn health_reports_the_database() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let (status, body) = get(&server, "/api/v1/health").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["database"], "ok");
}

#[tokio::test]
async fn a_prompt_is_created_with_an_active_first_version() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let (status, created) = post(&server, "/api/v1/prompts", greeting()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["name"], "greeting");
    assert_eq!(created["active_version"], "1.0.0");
    assert_eq!(created["versions"][0]["version"], "1.0.0");
    assert_eq!(created["versions"][0]["is_active"], true);
    assert_eq!(created["versions"][0]["kind"], "text");
    assert_eq!(created["versions"][0]["model_config"]["temperature"], 0.2);
    assert_eq!(created["activations"].as_array().unwrap().len(), 1);
    assert_eq!(
        created["activations"][0]["activated_by"], "LLMOPS_INIT_API_KEY",
        "the history names who activated: here the start-up key"
    );

    let (status, list) = get(&server, "/api/v1/prompts").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["prompts"][0]["name"], "greeting");
    assert_eq!(list["prompts"][0]["latest_version"], "1.0.0");
    assert_eq!(list["prompts"][0]["version_count"], 1);
}

#[tokio::test]
async fn versions_are_derived_activated_and_rolled_back() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    post(&server, "/api/v1/prompts", greeting()).await;
    let second =
        json!({"template": "Hi {{ name }}", "variables": [{"name": "name", "type": "string"}]});
    let (status, v2) = post(&server, "/api/v1/prompts/greeting/versions", second.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{v2}");
    assert_eq!(v2["version"], "1.1.0");
    assert_eq!(v2["is_active"], false);

    let mut explicit = second.clone();
    explicit["version"] = json!("2.0.0");
    explicit["activate"] = json!(true);
    let (status, v3) = post(&server, "/api/v1/prompts/greeting/versions", explicit).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(v3["is_active"], true);

    let (_, latest) = get(&server, "/api/v1/prompts/greeting/versions/latest").await;
    assert_eq!(latest["version"], "2.0.0");
    let (_, next) = post(&server, "/api/v1/prompts/greeting/versions", second).await;
    assert_eq!(
        next["version"], "2.1.0",
        "derivation bumps the highest version"
    );

    let (status, rolled_back) = post(
        &server,
        "/api/v1/prompts/greeting/versions/1.0.0/activate",
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{rolled_back}");
    assert_eq!(rolled_back["is_active"], true);
    let (_, active) = get(&server, "/api/v1/prompts/greeting/versions/active").await;
    assert_eq!(active["version"], "1.0.0");

    let (_, prompt) = get(&server, "/api/v1/prompts/greeting").await;
    let history: Vec<(&str, Option<&str>)> = prompt["activations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["version"].as_str().unwrap(),
                a["previous_version"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        history,
        vec![
            ("1.0.0", Some("2.0.0")),
            ("2.0.0", Some("1.0.0")),
            ("1.0.0", None)
        ]
    );
}

#[tokio::test]
async fn labels_point_at_versions_and_render_by_name() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    post(&server, "/api/v1/prompts", greeting()).await;
    post(
        &server,
        "/api/v1/prompts/greeting/versions",
        json!({"template": "Yo {{ name }}", "variables": [{"name": "name", "type": "string"}]}),
    )
    .await;
    let (status, labelled) = send(
        &server,
        "PUT",
        "/api/v1/prompts/greeting/labels/staging",
        Some(json!({"version": "1.1.0"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{labelled}");
    assert_eq!(labelled["labels"], json!(["staging"]));

    let (_, by_label) = get(&server, "/api/v1/prompts/greeting/versions/staging").await;
    assert_eq!(by_label["version"], "1.1.0");
    let (_, rendered) = post(
        &server,
        "/api/v1/prompts/greeting/render",
        json!({"version": "staging", "variables": {"name": "Ada"}}),
    )
    .await;
    assert_eq!(rendered["text"], "Yo Ada");
    let (_, prompt) = get(&server, "/api/v1/prompts/greeting").await;
    assert_eq!(prompt["labels"], json!({"staging": "1.1.0"}));

    let (status, _) = send(
        &server,
        "DELETE",
        "/api/v1/prompts/greeting/labels/staging",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = get(&server, "/api/v1/prompts/greeting/versions/staging").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn rendering_applies_defaults_and_uses_the_active_version() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    post(&server, "/api/v1/prompts", greeting()).await;
    let (status, rendered) = post(
        &server,
        "/api/v1/prompts/greeting/render",
        json!({"variables": {"name": "Ada"}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{rendered}");
    assert_eq!(
        rendered,
        json!({
            "name": "greeting", "version": "1.0.0", "kind": "text", "text": "Hello Ada!",
            "model_config": {"model": "gpt-4o-mini", "temperature": 0.2}
        })
    );
    let (_, excited) = post(
        &server,
        "/api/v1/prompts/greeting/render",
        json!({"variables": {"name": "Ada", "excited": true}}),
    )
    .await;
    assert_eq!(excited["text"], "Hello Ada! 🎉");
}

#[tokio::test]
async fn chat_templates_render_every_message() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let (status, created) = post(
        &server,
        "/api/v1/prompts",
        json!({
            "name": "support.reply",
            "template": [
                {"role": "system", "content": "You answer for {{ company }}."},
                {"role": "user", "content": "{% for q in questions %}- {{ q }}\n{% endfor %}"}
            ],
            "variables": [
                {"name": "company", "type": "string", "default": "Acme", "required": false},
                {"name": "questions", "type": "list"}
            ]
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["versions"][0]["kind"], "chat");
    let (status, rendered) = post(
        &server,
        "/api/v1/prompts/support.reply/render",
        json!({"variables": {"questions": ["a", "b"]}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{rendered}");
    assert_eq!(rendered["kind"], "chat");
    assert_eq!(
        rendered["messages"],
        json!([
            {"role": "system", "content": "You answer for Acme."},
            {"role": "user", "content": "- a\n- b\n"}
        ])
    );
}

#[tokio::test]
async fn render_names_every_bad_variable_in_one_error() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    post(
        &server,
        "/api/v1/prompts",
        json!({
            "name": "typed",
            "template": "{{ name }} {{ count }}",
            "variables": [{"name": "name", "type": "string"}, {"name": "count", "type": "integer"}]
        }),
    )
    .await;
    let (status, body) = post(
        &server,
        "/api/v1/prompts/typed/render",
        json!({"variables": {"count": "three", "extra": 1}}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["code"], "invalid_variables");
    let mut named = fields(&body);
    named.sort();
    assert_eq!(
        named,
        ["variables.count", "variables.extra", "variables.name"]
    );
}

#[tokio::test]
async fn runaway_templates_are_stopped() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    for (name, template) in [
        (
            "loops",
            "{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}",
        ),
        (
            "huge",
            "{% for i in range(100000) %}{{ 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }}{% endfor %}",
        ),
    ] {
        let (status, created) = post(
            &server,
            "/api/v1/prompts",
            json!({"name": name, "template": template}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let (status, body) = post(
            &server,
            &format!("/api/v1/prompts/{name}/render"),
            json!({}),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {body}");
        assert_eq!(
            body["error"]["code"], "render_limit_exceeded",
            "{name}: {body}"
        );
        assert_eq!(fields(&body), ["template"]);
    }
}

#[tokio::test]
async fn invalid_versions_are_refused_naming_the_field_and_change_nothing() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    post(&server, "/api/v1/prompts", greeting()).await;
    let (_, before) = get(&server, "/api/v1/prompts").await;
    let cases = [
        (json!({"template": "Hello {{ name "}), "template"),
        (json!({"template": "Hello {{ nobody }}"}), "template"),
        (
            json!({"template": "{{ n }}", "variables": [{"name": "n", "type": "integer", "default": "ten"}]}),
            "variables[0].default",
        ),
        (json!({"template": "x", "version": "1.0.0"}), "version"),
        (json!({"template": "x", "version": "one"}), "version"),
        (
            json!({"template": "x", "model_config": {"temperature": 7}}),
            "model_config.temperature",
        ),
        (json!({"template": 42}), "template"),
        (json!({"variables": []}), "template"),
    ];
    for (body, field) in cases {
        let (status, error) =
            post(&server, "/api/v1/prompts/greeting/versions", body.clone()).await;
        assert!(
            status == StatusCode::UNPROCESSABLE_ENTITY || status == StatusCode::CONFLICT,
            "{body} gave {status}: {error}"
        );
        assert!(
            fields(&error).contains(&field.to_string()),
            "{body} should name {field}: {error}"
        );
        assert_unchanged(&server, &before).await;
    }
    let (status, error) = post(
        &server,
        "/api/v1/prompts/greeting/versions",
        json!({"template": "x", "version": "1.0.0"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error["error"]["code"], "conflict");
}

#[tokio::test]
async fn bad_prompt_names_and_duplicates_are_refused() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    post(&server, "/api/v1/prompts", greeting()).await;
    let (_, before) = get(&server, "/api/v1/prompts").await;
    for name in [
        String::new(),
        "x".repeat(300),
        "my prompt!".into(),
        "ünïcode".into(),
        "../etc".into(),
    ] {
        let (status, error) = post(
            &server,
            "/api/v1/prompts",
            json!({"name": name, "template": "x"}),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name:?}: {error}"
        );
        assert_eq!(fields(&error), ["name"], "{name:?}");
        assert_unchanged(&server, &before).await;
    }
    let (status, error) = post(&server, "/api/v1/prompts", greeting()).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(fields(&error), ["name"]);
    assert_unchanged(&server, &before).await;
}

#[tokio::test]
async fn unknown_prompts_and_versions_are_not_found() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    post(&server, "/api/v1/prompts", greeting()).await;
    for path in [
        "/api/v1/prompts/missing",
        "/api/v1/prompts/missing/versions/latest",
        "/api/v1/prompts/greeting/versions/9.9.9",
        "/api/v1/prompts/greeting/versions/not-a-label",
        "/api/v1/prompts/greeting/versions/1.0",
        "/api/v1/nowhere",
    ] {
        let (status, body) = get(&server, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
        assert_eq!(body["error"]["code"], "not_found", "{path}");
    }
    let (status, body) = post(
        &server,
        "/api/v1/prompts/greeting/versions/3.0.0/activate",
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, body) = post(
        &server,
        "/api/v1/prompts/missing/render",
        json!({"variables": {}}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(fields(&body), ["prompt"]);
}

#[tokio::test]
async fn bodies_that_are_not_json_or_too_large_are_refused() {
    let _machine = crate::machine::shared().await;
    // A small limit keeps the oversized body within the socket buffers, so the client finishes
    // sending it and reads the 413 instead of seeing the connection closed mid-upload.
    let server = TestServer::start_with(&["--max-body-bytes", "65536"]);
    let (_, before) = get(&server, "/api/v1/prompts").await;
    let not_json = server
        .client
        .post(server.url("/api/v1/prompts"))
        .header("content-type", "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    let (status, body) = decode(not_json).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "invalid_json");
    assert_eq!(fields(&body), ["body"]);

    let plain_text = server
        .client
        .post(server.url("/api/v1/prompts"))
        .body("name=x")
        .send()
        .await
        .unwrap();
    let (status, body) = decode(plain_text).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");

    let huge = json!({"name": "big", "template": "x".repeat(100 * 1024)});
    let (status, body) = post(&server, "/api/v1/prompts", huge).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_eq!(body["error"]["code"], "payload_too_large");

    let (status, body) = post(
        &server,
        "/api/v1/prompts",
        json!({"name": "typo", "template": "x", "temprature": 1}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_unchanged(&server, &before).await;
}

#[tokio::test]
async fn pages_render_on_the_server() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    post(&server, "/api/v1/prompts", greeting()).await;
    let page = server
        .client
        .get(server.url("/prompts/greeting"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("greeting") && html.contains("1.0.0"),
        "{html}"
    );
    assert!(
        html.split('"')
            .any(|part| part.starts_with("/pkg/llmops.") && part.ends_with(".js")),
        "the page loads the hydration bundle (under its hashed name)"
    );

    let missing = server
        .client
        .get(server.url("/no/such/page"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(
        missing
            .text()
            .await
            .unwrap()
            .contains("This page does not exist")
    );
}
