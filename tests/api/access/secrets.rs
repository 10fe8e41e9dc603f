//! The server's environment variables go only where the operator bound them: an endpoint may
//! name only a variable bound with `--key-env` to the endpoint's own origin, and the refusal
//! reads the same whether the variable exists or not.

use reqwest::StatusCode;
use serde_json::json;
use system_tests::TestServer;

use crate::support::{fields, post};

fn endpoint(name: &str, base_url: &str, var: &str) -> serde_json::Value {
    json!({"name": name, "kind": "openai", "base_url": base_url, "model": "m", "api_key_env": var})
}

#[tokio::test]
async fn an_endpoint_names_only_a_key_bound_to_its_own_origin() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start_with(&["--key-env", "BOUND_KEY=http://127.0.0.1:9"]);
    let (status, home) = post(
        &server,
        "/api/v1/endpoints",
        endpoint("steal-home", "http://127.0.0.1:9/v1", "HOME"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{home}");
    assert_eq!(fields(&home), ["api_key_env"]);
    let (_, missing) = post(
        &server,
        "/api/v1/endpoints",
        endpoint("steal-none", "http://127.0.0.1:9/v1", "NO_SUCH_VARIABLE"),
    )
    .await;
    let message = |body: &serde_json::Value, var: &str| {
        body["error"]["message"].as_str().unwrap().replace(var, "X")
    };
    assert_eq!(
        message(&home, "HOME"),
        message(&missing, "NO_SUCH_VARIABLE"),
        "nothing tells whether a variable exists"
    );

    let (status, elsewhere) = post(
        &server,
        "/api/v1/endpoints",
        endpoint("elsewhere", "http://127.0.0.2:9/v1", "BOUND_KEY"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{elsewhere}");
    let (status, created) = post(
        &server,
        "/api/v1/endpoints",
        endpoint("bound", "http://127.0.0.1:9/v1", "BOUND_KEY"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");

    let (_, listed) = crate::support::get(&server, "/api/v1/endpoints").await;
    let names: Vec<_> = listed["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["bound"], "refused endpoints were not stored");
}
