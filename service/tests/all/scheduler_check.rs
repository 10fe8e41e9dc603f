//! The check of each scheduled run once it has ended: a significant regression against the
//! previous completed run, a pass rate under the minimum, or a failure.

use crate::support::{Env, at};
use domain::eval::compare::Verdict;
use domain::eval::record::Run;
use domain::eval::status::RunStatus;
use domain::schedule::DeliveryStatus;
use serde_json::json;
use service::scheduler::TickOutcome;

async fn fire_and_finish(env: &Env, tick: &str) -> Run {
    env.clock.set(at(tick));
    let reports = env.scheduler.fire_due(env.now()).await.unwrap();
    let TickOutcome::Fired(run) = &reports[0].outcome else {
        panic!("{reports:?}");
    };
    env.wait_for_run(run.id).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_significant_regression_against_the_previous_run_is_marked_and_queues_a_webhook() {
    let env = Env::new(20).await;
    let schedule = env
        .schedule(json!({"webhook_url": "http://127.0.0.1:9/hook"}))
        .await;

    let first = fire_and_finish(&env, "2030-01-07T10:01:00Z").await;
    let checked = env.scheduler.check_finished(env.now()).await.unwrap();
    assert_eq!(checked.len(), 1);
    let check = &checked[0].check;
    assert!(!check.regression, "{check:?}");
    assert_eq!(check.previous_run_id, None);
    assert_eq!(check.pass_rate, Some(1.0));
    assert!(!checked[0].delivery_queued);
    assert!(
        env.scheduler
            .check_finished(env.now())
            .await
            .unwrap()
            .is_empty()
    );

    env.activate_template("{{ input }}, and more", "1.1.0")
        .await;
    let second = fire_and_finish(&env, "2030-01-07T10:02:00Z").await;
    assert_eq!(second.status, RunStatus::Completed);
    let checked = env.scheduler.check_finished(env.now()).await.unwrap();
    assert_eq!(checked.len(), 1);
    assert!(checked[0].delivery_queued);

    let stored = db::runs::get(&env.pool, second.id).await.unwrap();
    let check = stored.check.expect("the check is stored on the run");
    assert!(check.regression);
    assert_eq!(check.previous_run_id, Some(first.id));
    assert_eq!(check.verdict, Some(Verdict::SignificantRegression));
    assert_eq!((check.regressions, check.improvements), (20, 0));
    assert_eq!(check.pass_rate, Some(0.0));
    assert_eq!(check.previous_pass_rate, Some(1.0));
    assert_eq!(check.reasons.len(), 1);
    assert!(
        check.reasons[0].starts_with(&format!(
            "significant regression against run \"nightly 2030-01-07 10:01 UTC\" ({}): pass rate 1.00 → 0.00; 20 samples passed before and fail now",
            first.id
        )),
        "{:?}",
        check.reasons
    );

    let shown = env.get(schedule.id).await;
    let last_run = shown.last_run.unwrap();
    assert_eq!(last_run.id, second.id);
    assert_eq!(last_run.pass_rate, Some(0.0));
    assert!(last_run.check.unwrap().regression);
    let delivery = shown.last_delivery.unwrap();
    assert_eq!(
        (delivery.run_id, delivery.status, delivery.attempts),
        (second.id, DeliveryStatus::Pending, 0)
    );
    assert_eq!(delivery.url, "http://127.0.0.1:9/hook");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pass_rate_under_the_schedule_minimum_is_a_regression() {
    let env = Env::new(0).await;
    let samples: Vec<(String, String)> = (0..8)
        .map(|i| {
            let expected = if i < 5 {
                format!("question {i}")
            } else {
                "other".into()
            };
            (format!("question {i}"), expected)
        })
        .collect();
    env.add_samples(&samples).await;
    env.schedule(json!({"min_pass_rate": 0.8})).await;
    let run = fire_and_finish(&env, "2030-01-07T10:01:00Z").await;
    let checked = env.scheduler.check_finished(env.now()).await.unwrap();
    let check = &checked[0].check;
    assert_eq!(checked[0].run_id, run.id);
    assert!(check.regression);
    assert_eq!(
        check.reasons,
        ["pass rate 0.62 is under the schedule's minimum 0.80"]
    );
    assert_eq!(check.min_pass_rate, Some(0.8));
    assert!(!checked[0].delivery_queued, "no webhook is configured");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_run_is_a_regression_and_a_cancelled_one_is_not_checked() {
    let env = Env::without_worker(2).await;
    let schedule = env.schedule(json!({})).await;
    env.clock.set(at("2030-01-07T10:01:00Z"));
    env.scheduler.fire_due(env.now()).await.unwrap();
    let id = env.claim().await.unwrap();
    db::runs::finish(
        &env.pool,
        id,
        RunStatus::Failed,
        None,
        Some("the endpoint could not be loaded"),
    )
    .await
    .unwrap();
    let checked = env.scheduler.check_finished(env.now()).await.unwrap();
    assert_eq!(
        checked[0].check.reasons,
        ["the run failed: the endpoint could not be loaded"]
    );
    assert!(checked[0].check.regression);

    let run = env.scheduler.run_now(schedule.id, env.now()).await.unwrap();
    db::runs::cancel(&env.pool, run.id).await.unwrap();
    assert!(
        env.scheduler
            .check_finished(env.now())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(db::runs::get(&env.pool, run.id).await.unwrap().check, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_that_ended_while_no_scheduler_looked_is_checked_after_a_restart() {
    let env = Env::new(3).await;
    let schedule = env.schedule(json!({})).await;
    let run = fire_and_finish(&env, "2030-01-07T10:01:00Z").await;
    let restarted = env.restarted_scheduler().await;
    let checked = restarted.check_finished(env.now()).await.unwrap();
    assert_eq!(checked.len(), 1);
    assert_eq!(checked[0].run_id, run.id);
    assert!(
        env.scheduler
            .check_finished(env.now())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(env.get(schedule.id).await.last_run.unwrap().check.is_some());
}
