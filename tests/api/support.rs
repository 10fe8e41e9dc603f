//! Request helpers shared by the system tests.

use reqwest::{Response, StatusCode};
use serde_json::Value;
use system_tests::TestServer;

pub async fn send(
    server: &TestServer,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = server.client.request(method, server.url(path));
    if let Some(body) = body {
        request = request.json(&body);
    }
    decode(request.send().await.expect("the server answers")).await
}

pub async fn decode(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let text = response.text().await.unwrap();
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
    };
    (status, body)
}

pub async fn get(server: &TestServer, path: &str) -> (StatusCode, Value) {
    send(server, "GET", path, None).await
}

pub async fn post(server: &TestServer, path: &str, body: Value) -> (StatusCode, Value) {
    send(server, "POST", path, Some(body)).await
}

/// The fields named by an error body, in order.
pub fn fields(body: &Value) -> Vec<String> {
    body["error"]["details"]
        .as_array()
        .unwrap_or_else(|| panic!("no error details in {body}"))
        .iter()
        .map(|d| d["field"].as_str().unwrap().to_string())
        .collect()
}
