//! Runs against a misbehaving model (the in-process stub): rate limits with Retry-After,
//! server errors, timeouts, and the endpoint's concurrency bound.

use std::time::Duration;

use serde_json::{Value, json};
use system_tests::TestServer;
use system_tests::eval::{
    all_results, create_dataset, create_prompt, create_run, echo_samples, openai_endpoint,
    sample_ids, wait_for_run,
};
use system_tests::model_stub::{Call, ModelStub, Outcome, Step, StubBehaviour};

/// Runs `samples` echo samples through the stub with these endpoint settings and waits for the
/// run to finish; returns the run, its results and the prompts (= inputs) in order.
async fn run_against(
    server: &TestServer,
    stub: &ModelStub,
    endpoint: Value,
    samples: usize,
) -> (Value, Vec<Value>, Vec<String>) {
    let dataset = create_dataset(server, "faults", echo_samples(samples)).await;
    create_prompt(server, "echo", json!("{{ input }}")).await;
    openai_endpoint(server, "stub", &stub.base_url, endpoint).await;
    let run = create_run(
        server,
        json!({"dataset": "faults", "prompt_name": "echo", "endpoint": "stub", "start": true,
               "metrics": [{"name": "exact_match", "threshold": 1}]}),
    )
    .await;
    let id = run["id"].as_str().unwrap();
    let run = wait_for_run(server, id).await;
    assert_eq!(run["status"], "completed", "{run}");
    let results = all_results(server, id, "all").await;
    assert_eq!(results.len(), samples, "{run}");
    let prompts = sample_ids(server, &dataset)
        .await
        .into_iter()
        .map(|(_, input)| input)
        .collect();
    (run, results, prompts)
}

fn outcomes(calls: &[Call]) -> Vec<Outcome> {
    calls.iter().map(|call| call.outcome).collect()
}

#[tokio::test]
async fn rate_limits_and_server_errors_are_retried_honouring_retry_after() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let stub = ModelStub::start(StubBehaviour::default().with_script(vec![
        Step::Fail {
            status: 429,
            retry_after: Some("1"),
        },
        Step::fail(500),
        Step::Answer,
    ]));
    let (run, results, prompts) = run_against(
        &server,
        &stub,
        json!({"max_retries": 3, "max_concurrency": 4}),
        5,
    )
    .await;

    assert_eq!(run["progress"]["passed"], 5, "{run}");
    assert!(
        results
            .iter()
            .all(|r| r["passed"] == true && r["attempts"] == 3),
        "{results:?}"
    );
    for prompt in &prompts {
        let calls = stub.calls_for(prompt);
        assert_eq!(
            outcomes(&calls),
            [
                Outcome::Failed(429),
                Outcome::Failed(500),
                Outcome::Answered
            ],
            "exactly three calls for {prompt}"
        );
        let after_429 = calls[1].arrived - calls[0].arrived;
        assert!(
            after_429 >= Duration::from_millis(990),
            "Retry-After: 1 honoured: {after_429:?}"
        );
        let after_500 = calls[2].arrived - calls[1].arrived;
        assert!(
            after_500 >= Duration::from_millis(100),
            "a 500 backs off: {after_500:?}"
        );
    }
    assert_eq!(stub.calls().len(), 15);
}

#[tokio::test]
async fn a_model_that_always_fails_errors_every_sample_after_bounded_retries() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let stub = ModelStub::start(StubBehaviour::default().with_script(vec![Step::fail(500)]));
    let (run, results, prompts) = run_against(&server, &stub, json!({"max_retries": 2}), 4).await;

    assert_eq!(
        run["progress"],
        json!({"total": 4, "done": 4, "passed": 0, "errored": 4})
    );
    assert_eq!(run["results"]["errored"], 4);
    assert_eq!(run["results"]["pass_rate"], 0.0);
    for result in &results {
        let error = result["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error: {result}"));
        assert!(
            error.contains("500") && error.contains("after 3 attempts"),
            "{error}"
        );
        assert_eq!(
            (&result["errored"], &result["attempts"]),
            (&json!(true), &json!(3))
        );
        assert_eq!(result["output"], Value::Null);
    }
    for prompt in &prompts {
        assert_eq!(
            stub.calls_for(prompt).len(),
            3,
            "max_retries 2 means 3 calls for {prompt}"
        );
    }
}

#[tokio::test]
async fn a_model_slower_than_the_timeout_errors_every_sample() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let stub = ModelStub::start(
        StubBehaviour::default().with_script(vec![Step::Stall(Duration::from_secs(2))]),
    );
    let (run, results, prompts) = run_against(
        &server,
        &stub,
        json!({"timeout_ms": 300, "max_retries": 1}),
        3,
    )
    .await;

    assert_eq!(run["progress"]["errored"], 3, "{run}");
    for result in &results {
        let error = result["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error: {result}"));
        assert!(
            error.contains("timeout of 300 ms") && error.contains("after 2 attempts"),
            "{error}"
        );
    }
    for prompt in &prompts {
        assert_eq!(
            stub.calls_for(prompt).len(),
            2,
            "max_retries + 1 calls for {prompt}"
        );
    }
}

#[tokio::test]
async fn calls_in_flight_never_exceed_the_endpoints_max_concurrency() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let stub = ModelStub::start(StubBehaviour::default().with_delay(Duration::from_millis(100)));
    let (run, _, _) = run_against(&server, &stub, json!({"max_concurrency": 3}), 20).await;

    assert_eq!(run["progress"]["passed"], 20, "{run}");
    assert_eq!(stub.calls().len(), 20, "one call per sample");
    assert_eq!(
        stub.max_in_flight(),
        3,
        "the bound is reached and never passed"
    );
}
