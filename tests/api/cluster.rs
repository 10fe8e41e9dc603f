//! Several nodes on one PostgreSQL database, as a deployment behind a load balancer runs them:
//! a run is executed by one node and taken over when its node dies or stops, an experiment's
//! change reaches every node's assignment cache, and the operator's commands (`llmops migrate`,
//! `llmops copy`) move and upgrade a deployment. These run on PostgreSQL whatever backend the
//! rest of the suite uses.

use std::collections::BTreeSet;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;
use system_tests::eval::{
    create_dataset, create_prompt, create_run, echo_samples, openai_endpoint, wait_for_run,
    wait_until,
};
use system_tests::model_stub::{ModelStub, StubBehaviour};
use system_tests::{TestDatabase, TestServer, binary, workspace_root};

use crate::eval_crash::stored_results;
use crate::support::{get, post, send};

const SAMPLES: usize = 40;
const CONCURRENCY: usize = 4;

/// A node with short leases, so that a dead node's runs move within seconds.
fn node(database: &Arc<TestDatabase>, id: &str) -> TestServer {
    TestServer::start_on_with(database, &["--node-id", id, "--run-lease-secs", "2"])
}

/// A slow run on `server`, claimed by it before the function returns; its id.
async fn slow_run(server: &TestServer, stub: &ModelStub) -> String {
    create_dataset(server, "load", echo_samples(SAMPLES)).await;
    create_prompt(server, "echo", json!("{{ input }}")).await;
    openai_endpoint(
        server,
        "stub",
        &stub.base_url,
        json!({"max_concurrency": CONCURRENCY}),
    )
    .await;
    let run = create_run(
        server,
        json!({"dataset": "load", "prompt_name": "echo", "endpoint": "stub", "start": true,
               "metrics": [{"name": "exact_match", "threshold": 1}]}),
    )
    .await;
    let id = run["id"].as_str().unwrap().to_owned();
    wait_until(server, &id, "a few samples done", |run| {
        run["progress"]["done"].as_u64() >= Some(8)
    })
    .await;
    id
}

/// How many model calls each sample got.
fn calls_per_sample(stub: &ModelStub) -> Vec<usize> {
    let mut counts = std::collections::HashMap::<String, usize>::new();
    for call in stub.calls() {
        *counts.entry(call.prompt.clone()).or_default() += 1;
    }
    counts.into_values().collect()
}

#[tokio::test]
async fn nodes_report_their_id_and_backend_and_are_ready() {
    let _machine = crate::machine::shared().await;
    let database = Arc::new(TestDatabase::postgres());
    let a = node(&database, "node-a");
    let b = node(&database, "node-b");
    for (server, id) in [(&a, "node-a"), (&b, "node-b")] {
        let (status, health) = get(server, "/api/v1/health").await;
        assert_eq!(status, StatusCode::OK, "{health}");
        assert_eq!(health["node_id"], id);
        assert_eq!(health["backend"], "postgres");
        let (status, ready) = get(server, "/api/v1/ready").await;
        assert_eq!(status, StatusCode::OK, "{ready}");
    }
    // What one node writes, the other reads.
    create_prompt(&a, "shared", json!("Hi {{ input }}")).await;
    let (status, prompt) = get(&b, "/api/v1/prompts/shared").await;
    assert_eq!(status, StatusCode::OK, "{prompt}");
}

#[tokio::test]
async fn a_dead_nodes_run_is_resumed_by_another_calling_the_model_again_only_for_samples_in_flight()
{
    let _machine = crate::machine::whole().await;
    let database = Arc::new(TestDatabase::postgres());
    let stub = ModelStub::start(StubBehaviour::default().with_delay(Duration::from_millis(150)));
    let mut a = node(&database, "node-a");
    let id = slow_run(&a, &stub).await;
    let b = node(&database, "node-b");
    a.kill();
    let killed = Instant::now();
    let stored = stored_results(&database, &id).await;
    assert!(stored.len() < SAMPLES, "the run ended before the kill");

    let run = wait_for_run(&b, &id).await;
    assert_eq!(run["status"], "completed", "{run}");
    assert_eq!(run["progress"]["done"], SAMPLES as u64, "{run}");
    assert!(
        killed.elapsed() < Duration::from_secs(30),
        "took {:?} after the kill",
        killed.elapsed()
    );
    // A sample whose result was stored before the kill was never asked again; only the few in
    // flight at the kill were.
    let repeated = calls_per_sample(&stub).iter().filter(|&&n| n > 1).count();
    assert!(
        repeated <= CONCURRENCY,
        "{repeated} samples were called twice"
    );
    assert_eq!(stored_results(&database, &id).await.len(), SAMPLES);
}

#[tokio::test]
async fn a_stopping_node_hands_its_run_to_another_at_once() {
    let _machine = crate::machine::whole().await;
    let database = Arc::new(TestDatabase::postgres());
    let stub = ModelStub::start(StubBehaviour::default().with_delay(Duration::from_millis(150)));
    // Leases of ten minutes: only the handing back can move the run in time.
    let mut a =
        TestServer::start_on_with(&database, &["--node-id", "a", "--run-lease-secs", "600"]);
    let id = slow_run(&a, &stub).await;
    let b = TestServer::start_on_with(&database, &["--node-id", "b", "--run-lease-secs", "600"]);
    a.stop();
    let stopped = Instant::now();
    let run = wait_for_run(&b, &id).await;
    assert_eq!(run["status"], "completed", "{run}");
    assert!(stopped.elapsed() < Duration::from_secs(60));
    let repeated = calls_per_sample(&stub).iter().filter(|&&n| n > 1).count();
    assert!(
        repeated <= CONCURRENCY,
        "{repeated} samples were called twice"
    );
}

#[tokio::test]
async fn a_run_is_executed_by_one_node_only() {
    let _machine = crate::machine::whole().await;
    let database = Arc::new(TestDatabase::postgres());
    let stub = ModelStub::start(StubBehaviour::default().with_delay(Duration::from_millis(20)));
    let a = node(&database, "node-a");
    let _b = node(&database, "node-b");
    let _c = node(&database, "node-c");
    let id = slow_run(&a, &stub).await;
    let run = wait_for_run(&a, &id).await;
    assert_eq!(run["status"], "completed", "{run}");
    assert!(
        calls_per_sample(&stub).iter().all(|&n| n == 1),
        "a sample was called by two nodes"
    );
}

#[tokio::test]
async fn a_cancelled_experiment_stops_assigning_on_every_node_within_a_second() {
    let _machine = crate::machine::shared().await;
    let database = Arc::new(TestDatabase::postgres());
    let a = node(&database, "node-a");
    let b = node(&database, "node-b");
    let (status, created) = post(
        &a,
        "/api/v1/experiments",
        json!({
            "name": "cluster",
            "variants": [{"id": "control", "is_control": true}, {"id": "b"}],
            "traffic_split": {"control": 50, "b": 50},
            "metrics": [{"name": "score", "kind": "mean"}],
            "target_metric": "score"
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap();
    let (status, _) = send(&a, "POST", &format!("/api/v1/experiments/{id}/start"), None).await;
    assert_eq!(status, StatusCode::OK);
    let path = format!("/api/v1/experiments/{id}/assign");
    let assign = |server| post(server, &path, json!({"user_id": "u-1"}));
    // Node b caches the running experiment.
    let (status, body) = assign(&b).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let (status, _) = send(
        &a,
        "POST",
        &format!("/api/v1/experiments/{id}/cancel"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let cancelled = Instant::now();
    loop {
        let (status, _) = assign(&b).await;
        if status != StatusCode::OK {
            break;
        }
        assert!(
            cancelled.elapsed() < Duration::from_secs(1),
            "node b still assigns a second after the cancel"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn llmops(args: &[&str]) -> std::process::Output {
    Command::new(binary())
        .current_dir(workspace_root())
        .args(args)
        .env("LLMOPS_LOG", "warn")
        .output()
        .expect("llmops runs")
}

#[tokio::test]
async fn a_node_waits_for_migrate_and_copy_moves_a_deployment_all_or_nothing() {
    let _machine = crate::machine::shared().await;
    // A deployment on the embedded default, with a little of everything.
    let sqlite = Arc::new(TestDatabase::sqlite());
    let mut original = TestServer::start_on(&sqlite);
    create_prompt(&original, "greet", json!("Hi {{ input }}")).await;
    create_dataset(&original, "qa", echo_samples(30)).await;
    let (status, _) = send(
        &original,
        "PUT",
        "/api/v1/prompts/greet/labels/staging",
        Some(json!({"version": "1.0.0"})),
    )
    .await;
    assert!(status.is_success(), "{status}");
    let (_, prompts_before) = get(&original, "/api/v1/prompts").await;
    let (_, datasets_before) = get(&original, "/api/v1/datasets").await;
    original.stop();

    // A node refuses a database that was never migrated, and `llmops migrate` fixes that.
    let postgres = Arc::new(TestDatabase::postgres());
    let refused = llmops(&["serve", "--addr", "127.0.0.1:0", "--db", &postgres.url]);
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("llmops migrate"), "{message}");
    let migrated = llmops(&["migrate", "--db", &postgres.url]);
    assert!(migrated.status.success(), "{migrated:?}");

    let copied = llmops(&["copy", "--from", &sqlite.url, "--to", &postgres.url]);
    assert!(copied.status.success(), "{copied:?}");
    let report = String::from_utf8_lossy(&copied.stdout);
    assert!(report.contains("dataset_samples: 30"), "{report}");

    let moved = TestServer::start_on(&postgres);
    let (_, prompts_after) = get(&moved, "/api/v1/prompts").await;
    let (_, datasets_after) = get(&moved, "/api/v1/datasets").await;
    assert_eq!(prompts_after, prompts_before);
    assert_eq!(datasets_after, datasets_before);
    let (status, staged) = get(&moved, "/api/v1/prompts/greet/versions/staging").await;
    assert_eq!(status, StatusCode::OK, "{staged}");
    // New rows after the copy get fresh keys (the copied identity sequences moved on).
    create_prompt(&moved, "second", json!("Bye")).await;

    // Into a database that holds records, nothing is copied.
    let again = llmops(&["copy", "--from", &sqlite.url, "--to", &postgres.url]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
    let ids: BTreeSet<String> = prompts_after["prompts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["name"].as_str().map(str::to_owned))
        .collect();
    assert!(ids.contains("greet"));
}
