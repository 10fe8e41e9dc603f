//! How the worker ends runs it cannot finish normally: with a sentence written for the run's
//! page rather than the store's own text, never left `running` with nothing behind it, and
//! unharmed by an endpoint that reports absurd figures.

use axum::{Json, Router, routing::post};
use domain::eval::{endpoint::NewEndpoint, status::RunStatus};
use serde_json::{Value, json};
use service::Worker;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::support::{Env, at};

/// A run of `qa` through `endpoint`, queued while the worker of `env` is stopped.
async fn queued_run(env: &Env, endpoint: &str) -> Uuid {
    let schedule = env.schedule(json!({"endpoint": endpoint})).await;
    env.clock.set(at("2030-01-07T10:05:10Z"));
    env.scheduler
        .run_now(schedule.id, env.now())
        .await
        .unwrap()
        .id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_whose_results_cannot_be_read_fails_with_a_sentence_not_the_stores_text() {
    let env = Env::without_worker(3).await;
    let run_id = queued_run(&env, "echo").await;
    assert_eq!(env.claim().await, Some(run_id));
    // Every sample already has a result, but one the store can no longer read.
    let page = db::datasets::page(&env.pool, env.dataset_id, None, 0, 10)
        .await
        .unwrap();
    for (position, sample) in page.samples.iter().enumerate() {
        sqlx::query(
            "INSERT INTO run_results (run_id, sample_id, position, input, expected_output,
                 scores, passed, errored, attempts, finished_at)
             VALUES (?, ?, ?, 'q', 'q', 'not json', 1, 0, 1, '2030-01-07T10:05:11Z')",
        )
        .bind(run_id.hyphenated().to_string())
        .bind(sample.id.hyphenated().to_string())
        .bind(position as i64 + 1)
        .execute(&env.pool)
        .await
        .unwrap();
    }

    let shutdown = CancellationToken::new();
    let _worker = Worker::start(env.pool.clone(), crate::support::node(), shutdown.clone());
    let run = env.wait_for_run(run_id).await;
    shutdown.cancel();
    assert_eq!(run.status, RunStatus::Failed);
    assert_eq!(
        run.error.as_deref(),
        Some("the run's results could not be stored")
    );
}

/// An OpenAI-compatible endpoint that answers every call with its input and a token count
/// of 2^63, beyond what any model reports.
async fn boastful_endpoint() -> String {
    async fn complete(Json(body): Json<Value>) -> Json<Value> {
        let content = body["messages"][0]["content"].clone();
        Json(json!({
            "choices": [{"message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 1u64 << 63, "completion_tokens": u64::MAX}
        }))
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = Router::new().route("/v1/chat/completions", post(complete));
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{address}/v1")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn absurd_token_counts_are_dropped_and_the_run_completes() {
    let env = Env::without_worker(3).await;
    let endpoint: NewEndpoint = serde_json::from_value(json!({
        "name": "boastful", "kind": "openai", "base_url": boastful_endpoint().await, "model": "m"
    }))
    .unwrap();
    db::endpoints::create(&env.pool, &endpoint.validate().unwrap())
        .await
        .unwrap();
    let run_id = queued_run(&env, "boastful").await;

    let shutdown = CancellationToken::new();
    let _worker = Worker::start(env.pool.clone(), crate::support::node(), shutdown.clone());
    let run = env.wait_for_run(run_id).await;
    shutdown.cancel();
    assert_eq!(run.status, RunStatus::Completed, "{:?}", run.error);
    let results = db::runs::all_results(&env.pool, run_id).await.unwrap();
    assert_eq!(results.len(), 3);
    assert!(
        results
            .iter()
            .all(|r| r.prompt_tokens.is_none() && r.completion_tokens.is_none())
    );
}
