//! The evaluation REST API against the real binary: endpoints, run creation and its errors,
//! the run lifecycle, ListRuns filters, and a scored run on the built-in echo endpoint.

use std::collections::BTreeSet;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use system_tests::TestServer;
use system_tests::eval::{
    all_results, closed_port, create_dataset, create_endpoint, create_prompt, create_run,
    echo_samples, metric_summary, openai_endpoint, score, wait_for_run, wait_until,
};
use system_tests::model_stub::{ModelStub, StubBehaviour};

use crate::support::{fields, get, post, send};

fn names(list: &Value, key: &str) -> BTreeSet<String> {
    list[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn endpoints_are_created_listed_replaced_and_validated() {
    let _machine = crate::machine::shared().await;
    let stub = ModelStub::start(StubBehaviour::default());
    let binding = format!("STUB_API_KEY={}", stub.base_url);
    let server = TestServer::start_with(&["--key-env", &binding]);
    let stub_endpoint = json!({
        "name": "stub", "kind": "openai", "base_url": format!("{}/", stub.base_url),
        "model": "stub-model", "api_key_env": "STUB_API_KEY", "max_concurrency": 2,
        "timeout_ms": 5000, "max_retries": 1, "default_parameters": {"temperature": 0}
    });
    let created = create_endpoint(&server, stub_endpoint.clone()).await;
    assert_eq!(
        created["base_url"], stub.base_url,
        "the trailing slash is trimmed"
    );
    assert_eq!(created["api_key_env"], "STUB_API_KEY");
    assert_eq!(
        (
            &created["max_concurrency"],
            &created["timeout_ms"],
            &created["max_retries"]
        ),
        (&json!(2), &json!(5000), &json!(1))
    );
    let echo = create_endpoint(&server, json!({"name": "echo", "kind": "echo"})).await;
    assert_eq!(
        (
            &echo["model"],
            &echo["max_concurrency"],
            &echo["timeout_ms"],
            &echo["max_retries"]
        ),
        (&json!("echo"), &json!(4), &json!(60000), &json!(3)),
        "defaults"
    );

    let mut replaced = stub_endpoint.clone();
    replaced["max_concurrency"] = json!(8);
    let (status, body) = send(&server, "PUT", "/api/v1/endpoints/stub", Some(replaced)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, shown) = get(&server, "/api/v1/endpoints/stub").await;
    assert_eq!(shown["max_concurrency"], 8);
    assert_eq!(
        get(&server, "/api/v1/endpoints/nope").await.0,
        StatusCode::NOT_FOUND
    );

    let secret = "sk-proj-3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c";
    let bad = json!({"name": "bad", "kind": "openai", "base_url": "http://h/v1", "model": "m"});
    let refused = [
        (with(&bad, "base_url", json!("ftp://host/v1")), "base_url"),
        (with(&bad, "base_url", json!("http:///v1")), "base_url"),
        (
            with(&bad, "base_url", json!("http://h:99999/v1")),
            "base_url",
        ),
        (with(&bad, "api_key_env", json!(secret)), "api_key_env"),
        (with(&bad, "max_concurrency", json!(0)), "max_concurrency"),
        (with(&bad, "timeout_ms", json!(10)), "timeout_ms"),
        (
            with(&bad, "default_parameters", json!({"model": "x"})),
            "default_parameters.model",
        ),
        (with(&bad, "kind", json!("sorcery")), "kind"),
    ];
    for (body, field) in refused {
        let (status, answer) = post(&server, "/api/v1/endpoints", body.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {answer}");
        assert_eq!(fields(&answer), [field], "{body}: {answer}");
        assert!(
            !answer.to_string().contains(secret),
            "the key is echoed back: {answer}"
        );
    }
    let (status, answer) = post(&server, "/api/v1/endpoints", stub_endpoint).await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");

    let (_, list) = get(&server, "/api/v1/endpoints").await;
    assert_eq!(
        names(&list, "endpoints"),
        BTreeSet::from([String::from("echo"), String::from("stub")])
    );
    assert!(!list.to_string().contains(secret));
}

#[tokio::test]
async fn test_connection_reports_a_reply_or_the_failure() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let stub = ModelStub::start(StubBehaviour::default());
    create_endpoint(
        &server,
        json!({"name": "stub", "kind": "openai", "base_url": stub.base_url, "model": "stub-model"}),
    )
    .await;
    let closed = format!("http://127.0.0.1:{}/v1", closed_port());
    create_endpoint(
        &server,
        json!({"name": "closed", "kind": "openai", "base_url": closed, "model": "m", "timeout_ms": 2000}),
    )
    .await;

    let (status, report) = post(&server, "/api/v1/endpoints/stub/test", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(
        report["reply"],
        stub.calls()[0].prompt,
        "the stub echoes the question"
    );
    assert_eq!(stub.calls().len(), 1, "a connection test does not retry");
    assert_eq!(stub.calls()[0].body["model"], "stub-model");

    let (status, report) = post(&server, "/api/v1/endpoints/closed/test", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["ok"], false, "{report}");
    let error = report["error"]
        .as_str()
        .unwrap_or_else(|| panic!("no error in {report}"));
    assert!(error.contains("connect"), "{error}");
}

/// A dataset `qa` of two samples, a prompt `qa` reading `input`, and the echo endpoint `echo`.
async fn run_fixtures(server: &TestServer) -> Value {
    create_dataset(server, "qa", echo_samples(2)).await;
    create_prompt(server, "qa", json!("Q: {{ input }}")).await;
    create_endpoint(server, json!({"name": "echo", "kind": "echo"})).await;
    json!({"dataset": "qa", "prompt_name": "qa", "endpoint": "echo", "metrics": ["exact_match"]})
}

fn with(base: &Value, key: &str, value: Value) -> Value {
    let mut body = base.clone();
    body[key] = value;
    body
}

#[tokio::test]
async fn bad_run_requests_name_their_field_and_create_nothing() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let base = run_fixtures(&server).await;
    post(
        &server,
        "/api/v1/prompts",
        json!({
            "name": "persona",
            "template": "As {{ persona }}: {{ input }}",
            "variables": [{"name": "persona", "type": "string", "required": true},
                          {"name": "input", "type": "string"}],
        }),
    )
    .await;
    let not_found = StatusCode::NOT_FOUND;
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    let cases = [
        (with(&base, "dataset", json!("nope")), not_found, "dataset"),
        (
            with(&base, "dataset_version", json!(9)),
            not_found,
            "dataset_version",
        ),
        (
            with(&base, "prompt_name", json!("nope")),
            not_found,
            "prompt_name",
        ),
        (
            with(&base, "prompt_version", json!("9.9.9")),
            not_found,
            "prompt_version",
        ),
        (
            with(&base, "endpoint", json!("nope")),
            not_found,
            "endpoint",
        ),
        (
            with(&base, "metrics", json!(["bogus"])),
            invalid,
            "metrics[0]",
        ),
        (
            with(
                &base,
                "metrics",
                json!([{"name": "levenshtein", "threshold": 1.5}]),
            ),
            invalid,
            "metrics[0].threshold",
        ),
        (
            with(
                &base,
                "metrics",
                json!([{"name": "regex", "pattern": "(unclosed"}]),
            ),
            invalid,
            "metrics[0].pattern",
        ),
    ];
    for (body, expected_status, field) in cases {
        let (status, answer) = post(&server, "/api/v1/runs", body.clone()).await;
        assert_eq!(status, expected_status, "{body}: {answer}");
        assert_eq!(fields(&answer), [field], "{body}: {answer}");
    }

    let (status, answer) = post(
        &server,
        "/api/v1/runs",
        with(&base, "prompt_name", json!("persona")),
    )
    .await;
    assert_eq!(status, invalid, "{answer}");
    let message = answer["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("persona"),
        "the variable is named: {answer}"
    );
    assert_eq!(fields(&answer), ["prompt_version"], "{answer}");

    let (_, runs) = get(&server, "/api/v1/runs").await;
    assert_eq!(runs["runs"], json!([]), "nothing was created");
}

#[tokio::test]
async fn runs_start_once_and_cancel_only_while_unfinished() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let base = run_fixtures(&server).await;

    let pending = create_run(&server, base.clone()).await;
    let id = pending["id"].as_str().unwrap();
    assert_eq!(
        (&pending["status"], &pending["queued_at"]),
        (&json!("pending"), &Value::Null)
    );
    let (status, cancelled) = post(&server, &format!("/api/v1/runs/{id}/cancel"), json!({})).await;
    assert_eq!(
        (status, &cancelled["status"]),
        (StatusCode::OK, &json!("cancelled")),
        "{cancelled}"
    );
    let (status, _) = post(&server, &format!("/api/v1/runs/{id}/cancel"), json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "cancelling a cancelled run");
    let (status, _) = post(&server, &format!("/api/v1/runs/{id}/start"), json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "starting a cancelled run");

    let run = create_run(&server, base).await;
    let id = run["id"].as_str().unwrap();
    let (status, started) = post(&server, &format!("/api/v1/runs/{id}/start"), json!({})).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{started}");
    let (status, again) = post(&server, &format!("/api/v1/runs/{id}/start"), json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "a second start: {again}");
    let finished = wait_for_run(&server, id).await;
    assert_eq!(finished["status"], "completed", "{finished}");
    let (status, _) = post(&server, &format!("/api/v1/runs/{id}/start"), json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "starting a completed run");
    let (status, _) = post(&server, &format!("/api/v1/runs/{id}/cancel"), json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "cancelling a completed run");

    let unknown = "/api/v1/runs/0190c2f4-0000-7000-8000-000000000000/start";
    assert_eq!(
        post(&server, unknown, json!({})).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&server, "/api/v1/runs/not-a-uuid").await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn cancelling_a_running_run_stops_its_calls_and_keeps_its_results_so_far() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let stub = ModelStub::start(StubBehaviour::default().with_delay(Duration::from_millis(100)));
    create_dataset(&server, "long", echo_samples(40)).await;
    create_prompt(&server, "echo", json!("{{ input }}")).await;
    openai_endpoint(
        &server,
        "stub",
        &stub.base_url,
        json!({"max_concurrency": 2}),
    )
    .await;
    let run = create_run(
        &server,
        json!({"dataset": "long", "prompt_name": "echo", "endpoint": "stub", "start": true,
               "metrics": ["exact_match"]}),
    )
    .await;
    let id = run["id"].as_str().unwrap();
    wait_until(&server, id, "4 samples done", |run| {
        run["progress"]["done"].as_u64() >= Some(4)
    })
    .await;

    let (status, cancelled) = post(&server, &format!("/api/v1/runs/{id}/cancel"), json!({})).await;
    assert_eq!(
        (status, &cancelled["status"]),
        (StatusCode::OK, &json!("cancelled")),
        "{cancelled}"
    );
    let calls_at_cancel = stub.calls().len();
    let run = wait_until(&server, id, "its summary so far", |run| {
        run["results"].is_object()
    })
    .await;
    assert_eq!(
        run["status"], "cancelled",
        "a cancelled run stays cancelled: {run}"
    );
    let results = all_results(&server, id, "all").await;
    assert!(results.len() < 40, "{} results", results.len());
    assert_eq!(run["results"]["total"], results.len() as u64, "{run}");
    let late = stub.calls().len() - calls_at_cancel;
    assert!(late <= 2, "{late} calls reached the model after the cancel");
}

#[tokio::test]
async fn list_runs_filters_by_status_dataset_prompt_and_model() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let alpha = create_dataset(&server, "alpha", echo_samples(2)).await;
    let beta = create_dataset(&server, "beta", echo_samples(2)).await;
    create_prompt(&server, "p1", json!("{{ input }}")).await;
    create_prompt(&server, "p2", json!("Say {{ input }}")).await;
    create_endpoint(
        &server,
        json!({"name": "e1", "kind": "echo", "model": "m1"}),
    )
    .await;
    create_endpoint(
        &server,
        json!({"name": "e2", "kind": "echo", "model": "m2"}),
    )
    .await;
    let run = |dataset: &str, prompt: &str, endpoint: &str| json!({"dataset": dataset, "prompt_name": prompt, "endpoint": endpoint, "metrics": ["contains"]});
    let completed = create_run(
        &server,
        with(&run("alpha", "p1", "e1"), "start", json!(true)),
    )
    .await;
    let completed = completed["id"].as_str().unwrap().to_owned();
    wait_for_run(&server, &completed).await;
    let pending = create_run(&server, run("beta", "p2", "e2")).await;
    let pending = pending["id"].as_str().unwrap().to_owned();
    let cancelled = create_run(&server, run(&alpha, "p2", "e2")).await;
    let cancelled = cancelled["id"].as_str().unwrap().to_owned();
    post(
        &server,
        &format!("/api/v1/runs/{cancelled}/cancel"),
        json!({}),
    )
    .await;

    let listed = |query: &'static str| {
        let server = &server;
        async move {
            let (status, body) = get(server, &format!("/api/v1/runs?{query}")).await;
            assert_eq!(status, StatusCode::OK, "{query}: {body}");
            body["runs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_str().unwrap().to_owned())
                .collect::<BTreeSet<_>>()
        }
    };
    let set = |ids: &[&String]| ids.iter().map(|id| id.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(listed("").await, set(&[&completed, &pending, &cancelled]));
    assert_eq!(listed("status=completed").await, set(&[&completed]));
    assert_eq!(listed("status=pending").await, set(&[&pending]));
    assert_eq!(listed("status=cancelled").await, set(&[&cancelled]));
    assert_eq!(
        listed("dataset=alpha").await,
        set(&[&completed, &cancelled])
    );
    assert_eq!(
        get(&server, &format!("/api/v1/runs?dataset={beta}"))
            .await
            .1["runs"][0]["id"],
        json!(pending),
        "a dataset id works as well as its name"
    );
    assert_eq!(listed("prompt=p2").await, set(&[&pending, &cancelled]));
    assert_eq!(listed("model=m1").await, set(&[&completed]));
    assert_eq!(
        listed("model=e2").await,
        set(&[&pending, &cancelled]),
        "the endpoint's name"
    );
    assert_eq!(listed("status=pending&prompt=p2").await, set(&[&pending]));
    assert_eq!(listed("dataset=gamma").await, set(&[]));
    let (status, body) = get(&server, "/api/v1/runs?status=done").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(fields(&body), ["status"]);
}

#[tokio::test]
async fn an_echo_run_scores_every_sample_and_sums_up() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    create_dataset(
        &server,
        "capitals",
        json!([
            {"input": "Paris", "expected_output": "Paris"},
            {"input": "paris", "expected_output": "Paris"},
            {"input": "The answer is 42", "expected_output": "42"},
            {"input": "hello world", "expected_output": "hello world"}
        ]),
    )
    .await;
    create_prompt(&server, "verbatim", json!("{{ input }}")).await;
    create_endpoint(&server, json!({"name": "echo", "kind": "echo"})).await;
    let run = create_run(
        &server,
        json!({
            "name": "echo run",
            "dataset": "capitals", "prompt_name": "verbatim", "endpoint": "echo", "start": true,
            "metrics": [
                {"name": "exact_match", "threshold": 1},
                "contains",
                {"name": "levenshtein", "threshold": 0.5},
                {"name": "latency", "threshold": 10000},
                {"name": "tokens", "threshold": 100}
            ]
        }),
    )
    .await;
    let id = run["id"].as_str().unwrap();
    let run = wait_for_run(&server, id).await;
    assert_eq!(run["status"], "completed", "{run}");
    assert_eq!(
        run["progress"],
        json!({"total": 4, "done": 4, "passed": 2, "errored": 0})
    );

    let results = all_results(&server, id, "all").await;
    let outputs: Vec<&str> = results
        .iter()
        .map(|r| r["output"].as_str().unwrap())
        .collect();
    assert_eq!(
        outputs,
        ["Paris", "paris", "The answer is 42", "hello world"],
        "echo answers with the prompt"
    );
    let column = |metric: &str| -> Vec<f64> {
        results
            .iter()
            .map(|r| score(r, metric)["value"].as_f64().unwrap())
            .collect()
    };
    assert_eq!(column("exact_match"), [1.0, 0.0, 0.0, 1.0]);
    assert_eq!(column("contains"), [1.0, 0.0, 1.0, 1.0]);
    let levenshtein = column("levenshtein");
    assert!(
        levenshtein
            .iter()
            .zip([1.0, 0.8, 0.125, 1.0])
            .all(|(a, b)| (a - b).abs() < 1e-9),
        "1 - distance / longer length: {levenshtein:?}"
    );
    assert_eq!(
        column("tokens"),
        [2.0, 2.0, 8.0, 4.0],
        "echo counts words, both ways"
    );
    assert!(column("latency").iter().all(|ms| *ms >= 0.0));
    let passed: Vec<bool> = results
        .iter()
        .map(|r| r["passed"].as_bool().unwrap())
        .collect();
    assert_eq!(passed, [true, false, false, true]);
    assert_eq!(
        score(&results[0], "contains")["passed"],
        Value::Null,
        "no threshold, no verdict"
    );
    assert!(
        results
            .iter()
            .all(|r| r["errored"] == false && r["attempts"] == 1)
    );

    let failed = all_results(&server, id, "failed").await;
    let failed_inputs: Vec<&str> = failed
        .iter()
        .map(|r| r["input"].as_str().unwrap())
        .collect();
    assert_eq!(failed_inputs, ["paris", "The answer is 42"]);
    assert!(all_results(&server, id, "errored").await.is_empty());

    let summary = &run["results"];
    assert_eq!(
        (
            &summary["total"],
            &summary["passed"],
            &summary["failed"],
            &summary["errored"]
        ),
        (&json!(4), &json!(2), &json!(2), &json!(0))
    );
    assert_eq!(summary["pass_rate"], 0.5);
    let mean = |metric: &str| metric_summary(&run, metric)["mean"].as_f64().unwrap();
    assert_eq!(mean("exact_match"), 0.5);
    assert_eq!(mean("contains"), 0.75);
    assert!(
        (mean("levenshtein") - 0.73125).abs() < 1e-9,
        "{}",
        mean("levenshtein")
    );
    assert_eq!(metric_summary(&run, "levenshtein")["passed"], 3);
    assert_eq!(metric_summary(&run, "contains")["passed"], Value::Null);
    let latency = &summary["latency_ms"];
    assert!(
        latency["p50"].is_number() && latency["p95"].is_number(),
        "{latency}"
    );
    assert!(latency["p50"].as_f64() <= latency["p95"].as_f64());
    assert_eq!(
        summary["tokens"],
        json!({"prompt": 8, "completion": 8, "total": 16})
    );
}
