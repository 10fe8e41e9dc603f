//! Webhook deliveries: posted with their payload, retried with backoff on transient failures,
//! failed at once on other answers; deleting a schedule drops what it has pending.

use crate::support::receiver::Receiver;
use crate::support::{Env, PUBLIC_URL, at};
use chrono::Duration;
use domain::schedule::DeliveryStatus;
use serde_json::json;
use service::scheduler::TickOutcome;

/// A schedule whose every run regresses (`contains` fails on every sample and the minimum is
/// 1) and posts to `url`; fires, runs and checks one run. (schedule id, run id)
async fn regressed(env: &Env, url: &str) -> (uuid::Uuid, uuid::Uuid) {
    let schedule = env
        .schedule(json!({
            "webhook_url": url,
            "min_pass_rate": 1.0,
            "metrics": [{"name": "contains", "value": "nowhere", "threshold": 1}],
        }))
        .await;
    env.clock.set(at("2030-01-07T10:01:00Z"));
    let reports = env.scheduler.fire_due(env.now()).await.unwrap();
    let TickOutcome::Fired(run) = &reports[0].outcome else {
        panic!("{reports:?}");
    };
    env.wait_for_run(run.id).await;
    let checked = env.scheduler.check_finished(env.now()).await.unwrap();
    assert!(checked[0].delivery_queued, "{checked:?}");
    (schedule.id, run.id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivery_answered_500_is_retried_after_a_second_and_delivered() {
    let env = Env::new(4).await;
    let receiver = Receiver::start(&[500, 200]).await;
    let (schedule_id, run_id) = regressed(&env, &receiver.url).await;

    let first = env.scheduler.deliver_due(env.now()).await.unwrap();
    assert_eq!(first.len(), 1);
    let attempt = &first[0];
    assert_eq!(
        (attempt.status, attempt.attempts, attempt.response_status),
        (DeliveryStatus::Pending, 1, Some(500))
    );
    assert_eq!(attempt.error.as_deref(), Some("the receiver answered 500"));
    assert_eq!(
        attempt.next_attempt_at,
        Some(env.now() + Duration::seconds(1))
    );

    env.clock.advance(Duration::milliseconds(999));
    assert!(
        env.scheduler
            .deliver_due(env.now())
            .await
            .unwrap()
            .is_empty()
    );
    env.clock.advance(Duration::milliseconds(1));
    let second = env.scheduler.deliver_due(env.now()).await.unwrap();
    assert_eq!(
        (
            second[0].status,
            second[0].attempts,
            second[0].response_status
        ),
        (DeliveryStatus::Delivered, 2, Some(200))
    );
    assert_eq!(second[0].error, None);
    assert_eq!(second[0].finished_at, Some(env.now()));
    env.clock.advance(Duration::seconds(30));
    assert!(
        env.scheduler
            .deliver_due(env.now())
            .await
            .unwrap()
            .is_empty()
    );

    let received = receiver.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].body, received[1].body);
    let request = &received[1];
    assert_eq!(request.user_agent.as_deref(), Some("llmops"));
    assert_eq!(request.content_type.as_deref(), Some("application/json"));
    let body = &request.body;
    assert_eq!(body["event"], "run.regression");
    assert_eq!(
        body["schedule"],
        json!({"id": schedule_id, "name": "nightly"})
    );
    assert_eq!(body["run"]["id"], json!(run_id));
    assert_eq!(body["run"]["name"], "nightly 2030-01-07 10:01 UTC");
    assert_eq!(body["run"]["status"], "completed");
    assert_eq!(body["run"]["pass_rate"], 0.0);
    assert_eq!(
        body["run"]["url"],
        format!("{PUBLIC_URL}/evaluations/{run_id}")
    );
    assert_eq!(body["previous_run"], json!(null));
    assert_eq!(body["comparison"], json!(null));
    assert_eq!(
        body["reasons"],
        json!(["pass rate 0.00 is under the schedule's minimum 1.00"])
    );

    let shown = env.get(schedule_id).await.last_delivery.unwrap();
    assert_eq!(
        (shown.status, shown.attempts),
        (DeliveryStatus::Delivered, 2)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivery_answered_404_fails_after_one_attempt() {
    let env = Env::new(2).await;
    let receiver = Receiver::start(&[404]).await;
    let (schedule_id, _) = regressed(&env, &receiver.url).await;
    let attempts = env.scheduler.deliver_due(env.now()).await.unwrap();
    assert_eq!(
        (
            attempts[0].status,
            attempts[0].attempts,
            attempts[0].response_status
        ),
        (DeliveryStatus::Failed, 1, Some(404))
    );
    env.clock.advance(Duration::minutes(5));
    assert!(
        env.scheduler
            .deliver_due(env.now())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(receiver.received().len(), 1);
    let shown = env.get(schedule_id).await.last_delivery.unwrap();
    assert_eq!(shown.status, DeliveryStatus::Failed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receiver_that_keeps_failing_is_given_up_after_five_attempts_with_backoff() {
    let env = Env::new(2).await;
    let receiver = Receiver::start(&[503]).await;
    regressed(&env, &receiver.url).await;
    let mut waits = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let attempts = env.scheduler.deliver_due(env.now()).await.unwrap();
        assert_eq!(attempts.len(), 1);
        let attempt = attempts[0].clone();
        if let Some(next) = attempt.next_attempt_at {
            waits.push((next - env.now()).num_seconds());
            env.clock.set(next);
        }
        last = Some(attempt);
    }
    let last = last.unwrap();
    assert_eq!(waits, [1, 2, 4, 8]);
    assert_eq!((last.status, last.attempts), (DeliveryStatus::Failed, 5));
    assert_eq!(receiver.received().len(), 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_receiver_is_retried() {
    let env = Env::new(2).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    regressed(&env, &format!("http://127.0.0.1:{port}/hook")).await;
    let attempts = env.scheduler.deliver_due(env.now()).await.unwrap();
    assert_eq!(
        (attempts[0].status, attempts[0].response_status),
        (DeliveryStatus::Pending, None)
    );
    assert!(
        attempts[0]
            .error
            .as_deref()
            .unwrap()
            .starts_with("the post failed"),
        "{attempts:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_a_schedule_keeps_its_runs_and_drops_its_pending_deliveries() {
    let env = Env::new(2).await;
    let receiver = Receiver::start(&[200]).await;
    let (schedule_id, run_id) = regressed(&env, &receiver.url).await;
    db::schedules::delete(&env.pool, schedule_id).await.unwrap();
    assert!(
        db::schedules::deliveries(&env.pool, schedule_id, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        env.scheduler
            .deliver_due(env.now())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(receiver.received().is_empty());
    let run = db::runs::get(&env.pool, run_id).await.unwrap();
    assert_eq!(run.schedule_id, Some(schedule_id));
    assert!(run.check.unwrap().regression);
    assert!(matches!(
        db::schedules::get(&env.pool, schedule_id, env.now()).await,
        Err(db::DbError::NotFound { .. })
    ));
    assert!(matches!(
        db::schedules::delete(&env.pool, schedule_id).await,
        Err(db::DbError::NotFound { .. })
    ));
}
