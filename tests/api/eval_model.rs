//! The golden test: a real model (SmolLM2-135M behind llama.cpp's OpenAI-compatible server)
//! evaluated through the REST API and through `llmops eval`, the CLI made for CI.
//!
//! Needs the model venv of `make setup-test`; without it the test fails saying so.

use std::process::Output;

use serde_json::{Value, json};
use system_tests::eval::{
    all_results, create_dataset, create_endpoint, create_run, score, wait_for_run,
};
use system_tests::model_server::{MODEL_ALIAS, ModelServer};
use system_tests::{TestServer, binary, workspace_root};

const METRICS: [&str; 8] = [
    "exact_match",
    "icontains",
    "levenshtein",
    "token_f1",
    "bleu",
    "rouge_l",
    "latency",
    "tokens",
];

fn golden_samples() -> Value {
    json!([
        {"input": "What is the capital of France?", "expected_output": "Paris"},
        {"input": "What is 2 + 2?", "expected_output": "4"},
        {"input": "What colour is the sky on a clear day?", "expected_output": "Blue"},
        {"input": "How many legs does a spider have?", "expected_output": "8"},
        {"input": "What is the opposite of hot?", "expected_output": "Cold"},
        {"input": "Which planet do we live on?", "expected_output": "Earth"},
        {"input": "What is the largest ocean on Earth?", "expected_output": "The Pacific Ocean"},
        {"input": "What animal says meow?", "expected_output": "A cat"},
        {"input": "How many days are in a week?", "expected_output": "7"},
        {"input": "What is frozen water called?", "expected_output": "Ice"}
    ])
}

async fn eval_cli(server: &TestServer, args: &[&str]) -> Output {
    tokio::process::Command::new(binary())
        .current_dir(workspace_root())
        .args(["eval", "--server", &server.base_url, "--no-progress"])
        .env("LLMOPS_API_KEY", system_tests::API_KEY)
        .args([
            "--dataset",
            "golden",
            "--prompt",
            "qa",
            "--endpoint",
            "smollm2",
        ])
        .args(args)
        .output()
        .await
        .expect("llmops eval runs")
}

fn describe(output: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[tokio::test]
async fn a_real_model_is_evaluated_through_the_api_and_the_cli() {
    // Alone, as when this was a test binary of its own: the model server needs the CPU.
    let _machine = crate::machine::whole().await;
    let model = ModelServer::start().await;
    let server = TestServer::start();
    create_dataset(&server, "golden", golden_samples()).await;
    let (status, prompt) = system_tests::eval::call(
        &server,
        "POST",
        "/api/v1/prompts",
        Some(json!({
            "name": "qa",
            "template": [
                {"role": "system", "content": "Answer the question in as few words as possible."},
                {"role": "user", "content": "{{ input }}"}
            ],
            "variables": [{"name": "input", "type": "string"}]
        })),
    )
    .await;
    assert!(status.is_success(), "{prompt}");
    create_endpoint(
        &server,
        json!({"name": "smollm2", "kind": "openai", "base_url": model.base_url, "model": MODEL_ALIAS,
               "max_concurrency": 2, "timeout_ms": 60000,
               "default_parameters": {"temperature": 0, "max_tokens": 32}}),
    )
    .await;
    let (_, report) =
        system_tests::eval::call(&server, "POST", "/api/v1/endpoints/smollm2/test", None).await;
    assert_eq!(report["ok"], true, "{report}\n{}", model.log_tail());

    let run = create_run(
        &server,
        json!({"dataset": "golden", "prompt_name": "qa", "endpoint": "smollm2", "start": true,
               "metrics": ["exact_match", {"name": "icontains", "threshold": 1},
                           {"name": "levenshtein", "threshold": 0.1}, "token_f1", "bleu", "rouge_l",
                           {"name": "latency", "threshold": 60000}, {"name": "tokens", "threshold": 2000}]}),
    )
    .await;
    let id = run["id"].as_str().unwrap();
    let run = wait_for_run(&server, id).await;
    assert_eq!(run["status"], "completed", "{run}\n{}", model.log_tail());
    assert_eq!(run["progress"]["errored"], 0, "{run}");
    let results = all_results(&server, id, "all").await;
    assert_eq!(results.len(), 10);
    for result in &results {
        let output = result["output"].as_str().unwrap_or_default();
        assert!(!output.trim().is_empty(), "an empty answer: {result}");
        assert_eq!(result["error"], Value::Null, "{result}");
        for metric in METRICS {
            assert!(
                score(result, metric)["value"].is_number(),
                "{metric} unscored: {result}"
            );
        }
        assert!(
            result["prompt_tokens"].as_u64() > Some(0)
                && result["completion_tokens"].as_u64() > Some(0)
        );
    }
    for result in &results {
        eprintln!(
            "{:?} -> {:?} (expected {:?})",
            result["input"], result["output"], result["expected_output"]
        );
    }
    let summary = &run["results"];
    assert!(summary["tokens"]["total"].as_u64() > Some(0), "{summary}");
    assert!(
        summary["latency_ms"]["p95"].as_f64() > Some(0.0),
        "{summary}"
    );
    assert!(summary["corpus_bleu"].is_number(), "{summary}");

    // The CLI: reports, and its exit status as CI sees it.
    let dir = tempfile::tempdir().unwrap();
    let (json_path, junit_path) = (dir.path().join("out.json"), dir.path().join("out.xml"));
    let output = eval_cli(
        &server,
        &[
            "--metric",
            "levenshtein=0.1",
            "--metric",
            "exact_match",
            "--min-pass-rate",
            "0",
            "--json",
            json_path.to_str().unwrap(),
            "--junit",
            junit_path.to_str().unwrap(),
        ],
    )
    .await;
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    assert_eq!(
        report["results"].as_array().map(Vec::len),
        Some(10),
        "{report}"
    );
    assert_eq!(report["run"]["status"], "completed");
    let junit = std::fs::read_to_string(&junit_path).unwrap();
    assert_eq!(junit.matches("<testcase ").count(), 10, "{junit}");

    let output = eval_cli(
        &server,
        &["--metric", "exact_match", "--min-pass-rate", "1.01"],
    )
    .await;
    assert_eq!(
        output.status.code(),
        Some(2),
        "an impossible minimum is refused: {}",
        describe(&output)
    );
    let output = eval_cli(
        &server,
        &["--metric", "exact_match=1", "--min-pass-rate", "0.99"],
    )
    .await;
    assert_eq!(
        output.status.code(),
        Some(1),
        "the tiny model misses some: {}",
        describe(&output)
    );
}
