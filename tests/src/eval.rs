//! Helpers for evaluation tests: create what a run needs over the REST API, create runs, and
//! wait for them by polling with a deadline (never by sleeping a fixed time).

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::TestServer;

/// How long a run may take before a test gives up on it.
pub const RUN_DEADLINE: Duration = Duration::from_secs(120);
const POLL: Duration = Duration::from_millis(50);

/// One JSON request; the body of the answer (Null when empty).
pub async fn call(
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
    let response = request.send().await.expect("the server answers");
    let status = response.status();
    let text = response.text().await.unwrap();
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
    };
    (status, body)
}

async fn created(server: &TestServer, path: &str, body: Value) -> Value {
    let (status, answer) = call(server, "POST", path, Some(body.clone())).await;
    assert_eq!(status, StatusCode::CREATED, "POST {path} {body}: {answer}");
    answer
}

/// Creates a golden dataset with these samples (`{"input", "expected_output"?, ...}`); its id.
pub async fn create_dataset(server: &TestServer, name: &str, samples: Value) -> String {
    let dataset = created(
        server,
        "/api/v1/datasets",
        json!({"name": name, "type": "golden"}),
    )
    .await;
    let id = dataset["id"].as_str().unwrap().to_owned();
    created(server, &format!("/api/v1/datasets/{id}/samples"), samples).await;
    id
}

/// `n` samples whose expected output is their input (`question i`), so that an echoing model
/// passes exact_match on each.
pub fn echo_samples(n: usize) -> Value {
    (0..n)
        .map(|i| json!({"input": format!("question {i}"), "expected_output": format!("question {i}")}))
        .collect()
}

/// (sample id, input) of every sample of the dataset's current version, in order.
pub async fn sample_ids(server: &TestServer, dataset_id: &str) -> Vec<(String, String)> {
    let (status, page) = call(
        server,
        "GET",
        &format!("/api/v1/datasets/{dataset_id}/samples?limit=1000"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["samples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_owned(),
                s["input"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Creates a prompt whose template is `template` and which declares `input` (a string).
pub async fn create_prompt(server: &TestServer, name: &str, template: Value) -> Value {
    created(
        server,
        "/api/v1/prompts",
        json!({
            "name": name,
            "template": template,
            "variables": [{"name": "input", "type": "string"}],
        }),
    )
    .await
}

/// Creates an endpoint from the request body as sent.
pub async fn create_endpoint(server: &TestServer, body: Value) -> Value {
    created(server, "/api/v1/endpoints", body).await
}

/// An `openai` endpoint at the stub's (or a model server's) base URL.
pub async fn openai_endpoint(
    server: &TestServer,
    name: &str,
    base_url: &str,
    extra: Value,
) -> Value {
    let mut body =
        json!({"name": name, "kind": "openai", "base_url": base_url, "model": "stub-model"});
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().cloned().unwrap_or_default());
    create_endpoint(server, body).await
}

/// Creates a run (201 expected) and returns it.
pub async fn create_run(server: &TestServer, body: Value) -> Value {
    created(server, "/api/v1/runs", body).await
}

pub async fn get_run(server: &TestServer, id: &str) -> Value {
    let (status, run) = call(server, "GET", &format!("/api/v1/runs/{id}"), None).await;
    assert_eq!(status, StatusCode::OK, "{run}");
    run
}

/// Polls the run every 50 ms until `done` says so; panics with the last state after the deadline.
pub async fn wait_until(
    server: &TestServer,
    id: &str,
    what: &str,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = Instant::now() + RUN_DEADLINE;
    loop {
        let run = get_run(server, id).await;
        if done(&run) {
            return run;
        }
        assert!(
            Instant::now() < deadline,
            "run {id} did not reach `{what}` within {RUN_DEADLINE:?}; last seen: {run}"
        );
        tokio::time::sleep(POLL).await;
    }
}

/// Waits until the run is completed, failed or cancelled, and returns it.
pub async fn wait_for_run(server: &TestServer, id: &str) -> Value {
    wait_until(server, id, "finished", |run| {
        matches!(
            run["status"].as_str(),
            Some("completed" | "failed" | "cancelled")
        )
    })
    .await
}

/// Every per-sample result of a run (`filter`: all, failed or errored), in dataset order.
pub async fn all_results(server: &TestServer, id: &str, filter: &str) -> Vec<Value> {
    let mut results = Vec::new();
    loop {
        let (status, page) = call(
            server,
            "GET",
            &format!(
                "/api/v1/runs/{id}/results?filter={filter}&limit=1000&offset={}",
                results.len()
            ),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let fetched = page["results"].as_array().unwrap().clone();
        let total = page["total"].as_u64().unwrap() as usize;
        let empty = fetched.is_empty();
        results.extend(fetched);
        if empty || results.len() >= total {
            return results;
        }
    }
}

/// The score of one metric in a per-sample result.
pub fn score<'a>(result: &'a Value, metric: &str) -> &'a Value {
    result["scores"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["metric"] == metric)
        .unwrap_or_else(|| panic!("no score for {metric} in {result}"))
}

/// A metric's summary in a run's results.
pub fn metric_summary<'a>(run: &'a Value, metric: &str) -> &'a Value {
    run["results"]["metrics"]
        .as_array()
        .unwrap_or_else(|| panic!("no summary in {run}"))
        .iter()
        .find(|m| m["metric"] == metric)
        .unwrap_or_else(|| panic!("no summary of {metric} in {run}"))
}

/// A port nobody listens on (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}
