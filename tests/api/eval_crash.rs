//! A server killed with SIGKILL in the middle of a run resumes it on restart, without calling
//! the model again for any sample whose result was already stored.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use sqlx::Connection;
use system_tests::eval::{
    all_results, create_dataset, create_prompt, create_run, echo_samples, openai_endpoint,
    sample_ids, wait_for_run, wait_until,
};
use system_tests::model_stub::{ModelStub, StubBehaviour};
use system_tests::{TestDatabase, TestServer};

const SAMPLES: usize = 40;
const CONCURRENCY: usize = 4;

/// The sample ids with a stored result, read from the database itself.
pub async fn stored_results(db: &TestDatabase, run_id: &str) -> BTreeSet<String> {
    let mut conn = db.connect().await;
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT sample_id FROM run_results WHERE run_id = $1")
            .bind(run_id)
            .fetch_all(&mut conn)
            .await
            .unwrap();
    conn.close().await.unwrap();
    ids.into_iter().collect()
}

#[tokio::test]
async fn a_killed_server_resumes_its_run_without_repeating_finished_samples() {
    // Alone, as when this was a test binary of its own: the kill must land mid-run.
    let _machine = crate::machine::whole().await;
    let db = Arc::new(TestDatabase::fresh());
    let mut server = TestServer::start_on(&db);
    let stub = ModelStub::start(StubBehaviour::default().with_delay(Duration::from_millis(150)));
    let dataset = create_dataset(&server, "crash", echo_samples(SAMPLES)).await;
    let inputs: HashMap<String, String> = sample_ids(&server, &dataset).await.into_iter().collect();
    create_prompt(&server, "echo", json!("{{ input }}")).await;
    openai_endpoint(
        &server,
        "stub",
        &stub.base_url,
        json!({"max_concurrency": CONCURRENCY}),
    )
    .await;
    let run = create_run(
        &server,
        json!({"dataset": "crash", "prompt_name": "echo", "endpoint": "stub", "start": true,
               "metrics": [{"name": "exact_match", "threshold": 1}]}),
    )
    .await;
    let id = run["id"].as_str().unwrap().to_owned();

    wait_until(&server, &id, "10 samples done", |run| {
        run["progress"]["done"].as_u64() >= Some(10)
    })
    .await;
    server.kill();
    let killed = Instant::now();
    let stored = stored_results(&db, &id).await;
    assert!(
        stored.len() >= 10 && stored.len() < SAMPLES,
        "{} results at the kill",
        stored.len()
    );

    let server = TestServer::start_on(&db);
    let run = wait_for_run(&server, &id).await;
    assert_eq!(run["status"], "completed", "{run}");
    assert_eq!(run["progress"]["done"], SAMPLES as u64, "{run}");
    assert_eq!(run["progress"]["passed"], SAMPLES as u64, "{run}");

    let results = all_results(&server, &id, "all").await;
    let ids: BTreeSet<&str> = results
        .iter()
        .map(|r| r["sample_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        (results.len(), ids.len()),
        (SAMPLES, SAMPLES),
        "one result per sample"
    );
    assert!(
        results.iter().all(|r| r["output"].is_string()),
        "every result has its output"
    );

    let calls = stub.calls();
    for sample in &stored {
        let prompt = &inputs[sample];
        let again = calls
            .iter()
            .filter(|c| &c.prompt == prompt && c.arrived > killed)
            .count();
        assert_eq!(
            again, 0,
            "{prompt} had a result at the kill but was called again"
        );
    }
    // Only samples in flight at the kill are called twice: at most the worker's window of
    // twice the endpoint's concurrency (calls on the wire plus finished ones being written).
    let mut per_prompt: HashMap<&str, usize> = HashMap::new();
    for call in &calls {
        *per_prompt.entry(call.prompt.as_str()).or_default() += 1;
    }
    let repeated: Vec<&&str> = per_prompt
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(p, _)| p)
        .collect();
    eprintln!(
        "{} results stored at the kill, {} samples called again after it",
        stored.len(),
        repeated.len()
    );
    assert!(
        repeated.len() <= 2 * CONCURRENCY,
        "called twice: {repeated:?}"
    );
    assert!(per_prompt.values().all(|n| *n <= 2), "{per_prompt:?}");
    assert_eq!(per_prompt.len(), SAMPLES, "every sample was called");
}
