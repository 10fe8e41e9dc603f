//! A completed run's score sheet: what comparisons read instead of every result row, and the
//! rows it stands in for.

use std::time::{Duration, Instant};

use crate::support::{Env, at};
use domain::eval::status::RunStatus;
use serde_json::json;
use service::Worker;
use service::compare::compare_stored;
use service::scheduler::TickOutcome;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

async fn completed_run(env: &Env, tick: &str) -> Uuid {
    env.clock.set(at(tick));
    let reports = env.scheduler.fire_due(env.now()).await.unwrap();
    let TickOutcome::Fired(run) = &reports[0].outcome else {
        panic!("{reports:?}");
    };
    let run = env.wait_for_run(run.id).await;
    assert_eq!(run.status, RunStatus::Completed, "{:?}", run.error);
    run.id
}

async fn sheets(env: &Env) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM run_score_sheets")
        .fetch_one(&env.pool)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_completed_run_is_scored_from_its_sheet_exactly_as_from_its_rows() {
    let env = Env::new(30).await;
    env.schedule(
        json!({"metrics": [{"name": "exact_match", "threshold": 1}, "levenshtein", "latency"]}),
    )
    .await;
    let base = completed_run(&env, "2030-01-07T10:01:00Z").await;
    env.activate_template(
        "{% if input is endingwith \"7\" %}no{% else %}{{ input }}{% endif %}",
        "1.1.0",
    )
    .await;
    let candidate = completed_run(&env, "2030-01-07T10:02:00Z").await;
    assert_eq!(sheets(&env).await, 2);

    let from_sheet = db::runs::scored_results(&env.pool, base).await.unwrap();
    let mut from_rows = db::runs::all_results(&env.pool, base).await.unwrap();
    for result in &mut from_rows {
        result.input.clear();
        result.expected_output.clear();
        result.rendered = None;
        result.output = None;
    }
    assert_eq!(from_sheet, from_rows);
    assert_eq!(from_sheet.len(), 30);

    let with_sheets = compare_stored(&env.pool, base, candidate, 0.95)
        .await
        .unwrap();
    assert_eq!(with_sheets.comparison.transitions.pass_fail, 3);
    sqlx::query("DELETE FROM run_score_sheets")
        .execute(&env.pool)
        .await
        .unwrap();
    let without = compare_stored(&env.pool, base, candidate, 0.95)
        .await
        .unwrap();
    assert_eq!(with_sheets.comparison, without.comparison);
    assert_eq!(
        with_sheets.comparison.regressions[0]
            .candidate_output
            .as_deref(),
        Some("no")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sheet_is_what_a_completed_run_is_read_from() {
    let env = Env::new(5).await;
    env.schedule(json!({})).await;
    let run = completed_run(&env, "2030-01-07T10:01:00Z").await;
    // Without its rows the run still has its scores: they come from the sheet.
    sqlx::query("DELETE FROM run_results WHERE run_id = ?")
        .bind(run.hyphenated().to_string())
        .execute(&env.pool)
        .await
        .unwrap();
    let results = db::runs::scored_results(&env.pool, run).await.unwrap();
    assert_eq!(results.len(), 5);
    assert!(results.iter().all(|result| result.passed));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_that_did_not_complete_has_no_sheet() {
    let env = Env::without_worker(2).await;
    env.schedule(json!({})).await;
    env.clock.set(at("2030-01-07T10:01:00Z"));
    env.scheduler.fire_due(env.now()).await.unwrap();
    let id = env.claim().await.unwrap();
    db::runs::finish(&env.pool, id, RunStatus::Failed, None, Some("down"))
        .await
        .unwrap();
    assert_eq!(sheets(&env).await, 0);
    assert!(
        db::runs::scored_results(&env.pool, id)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_starting_worker_writes_the_sheets_completed_runs_lack() {
    let env = Env::new(4).await;
    env.schedule(json!({})).await;
    let run = completed_run(&env, "2030-01-07T10:01:00Z").await;
    sqlx::query("DELETE FROM run_score_sheets")
        .execute(&env.pool)
        .await
        .unwrap();
    assert_eq!(
        db::runs::score_sheet::completed_without_sheet(&env.pool)
            .await
            .unwrap(),
        [run]
    );

    let shutdown = CancellationToken::new();
    let _restarted = Worker::start(env.pool.clone(), crate::support::node(), shutdown.clone());
    let deadline = Instant::now() + Duration::from_secs(30);
    while sheets(&env).await == 0 {
        assert!(Instant::now() < deadline, "no sheet was written");
        tokio::task::yield_now().await;
    }
    shutdown.cancel();
    assert!(
        db::runs::score_sheet::completed_without_sheet(&env.pool)
            .await
            .unwrap()
            .is_empty()
    );
    sqlx::query("DELETE FROM run_results")
        .execute(&env.pool)
        .await
        .unwrap();
    assert_eq!(
        db::runs::scored_results(&env.pool, run)
            .await
            .unwrap()
            .len(),
        4
    );
}
