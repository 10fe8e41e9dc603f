//! ScheduleRun over the REST API against the real binary: create, list, read, enable and
//! disable, delete and their errors; "run now" with the post-run check and the webhook it
//! posts; no second run while one is unfinished.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};
use system_tests::TestServer;
use system_tests::eval::{
    create_dataset, create_endpoint, create_prompt, echo_samples, openai_endpoint, wait_for_run,
    wait_until,
};
use system_tests::model_stub::{ModelStub, StubBehaviour};
use system_tests::webhook::WebhookReceiver;

use crate::support::{fields, get, post, send};

const DEADLINE: Duration = Duration::from_secs(60);

/// Dataset `qa` (3 echo samples), prompt `reply` rendering `{{ input }}`, endpoint `echo`.
async fn setup(server: &TestServer) {
    create_dataset(server, "qa", echo_samples(3)).await;
    create_prompt(server, "reply", json!("{{ input }}")).await;
    create_endpoint(server, json!({"name": "echo", "kind": "echo"})).await;
}

/// A schedule of `reply` on `qa` through `echo` once a year (it never fires during a test),
/// with `overrides` on top.
fn schedule(overrides: Value) -> Value {
    let mut body = json!({
        "name": "nightly",
        "cron": "0 3 1 1 *",
        "dataset": "qa",
        "prompt_name": "reply",
        "endpoint": "echo",
        "metrics": [{"name": "exact_match", "threshold": 1}],
    });
    for (key, value) in overrides.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

async fn schedule_count(server: &TestServer) -> usize {
    let (status, list) = get(server, "/api/v1/schedules").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list["schedules"].as_array().unwrap().len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schedules_are_created_listed_read_disabled_and_deleted() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    setup(&server).await;

    let refused = [
        (
            json!({"cron": "61 * * * *"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "cron",
        ),
        (
            json!({"cron": "* * *"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "cron",
        ),
        (
            json!({"webhook_url": "ftp://example.com/hook"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "webhook_url",
        ),
        (
            json!({"min_pass_rate": 2}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "min_pass_rate",
        ),
        (json!({"dataset": "nope"}), StatusCode::NOT_FOUND, "dataset"),
        (
            json!({"prompt_name": "nope"}),
            StatusCode::NOT_FOUND,
            "prompt_name",
        ),
        (
            json!({"prompt_version": "9.0.0"}),
            StatusCode::NOT_FOUND,
            "prompt_version",
        ),
        (
            json!({"endpoint": "nope"}),
            StatusCode::NOT_FOUND,
            "endpoint",
        ),
        (
            json!({"colour": "red"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "colour",
        ),
    ];
    for (overrides, status, field) in refused {
        let body = schedule(overrides.clone());
        let (got, answer) = post(&server, "/api/v1/schedules", body).await;
        assert_eq!(got, status, "{overrides}: {answer}");
        assert_eq!(fields(&answer), [field], "{overrides}: {answer}");
    }
    let (_, answer) = post(
        &server,
        "/api/v1/schedules",
        schedule(json!({"cron": "61 * * * *"})),
    )
    .await;
    let reason = answer["error"]["details"][0]["message"].as_str().unwrap();
    assert!(
        reason.contains("61") && reason.contains("minute"),
        "{answer}"
    );
    assert_eq!(
        schedule_count(&server).await,
        0,
        "nothing is stored on error"
    );

    let (status, created) = post(
        &server,
        "/api/v1/schedules",
        schedule(json!({"min_pass_rate": 0.9, "webhook_url": "https://hooks.example.com/x"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["name"], "nightly");
    assert_eq!(created["cron"], "0 3 1 1 *");
    assert_eq!(created["enabled"], true);
    assert_eq!(created["dataset_version"], Value::Null);
    assert_eq!(created["prompt_version"], Value::Null);
    assert_eq!(created["min_pass_rate"], 0.9);
    assert_eq!(created["webhook_url"], "https://hooks.example.com/x");
    assert!(
        created["next_fire_at"]
            .as_str()
            .unwrap()
            .contains("-01-01T03:00:00"),
        "{created}"
    );
    assert_eq!(created["last_run"], Value::Null);
    assert_eq!(created["last_delivery"], Value::Null);
    assert_eq!(created["last_error"], Value::Null);

    let (status, duplicate) = post(&server, "/api/v1/schedules", schedule(json!({}))).await;
    assert_eq!(status, StatusCode::CONFLICT, "{duplicate}");
    assert_eq!(fields(&duplicate), ["name"]);

    let (status, list) = get(&server, "/api/v1/schedules").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["schedules"][0]["id"], id.as_str());
    let (status, shown) = get(&server, &format!("/api/v1/schedules/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(shown["id"], id.as_str());
    for unknown in ["not-a-uuid", "0190b6c8-0000-7000-8000-000000000000"] {
        let (status, answer) = get(&server, &format!("/api/v1/schedules/{unknown}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
        assert_eq!(fields(&answer), ["schedule"]);
    }

    let path = format!("/api/v1/schedules/{id}");
    let (status, disabled) = send(&server, "PATCH", &path, Some(json!({"enabled": false}))).await;
    assert_eq!(status, StatusCode::OK, "{disabled}");
    assert_eq!(disabled["enabled"], false);
    assert_eq!(disabled["next_fire_at"], Value::Null);
    let (status, answer) = send(&server, "PATCH", &path, Some(json!({"cron": "* * * * *"}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), ["cron"]);
    let (status, answer) = send(&server, "PATCH", &path, Some(json!({}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), ["enabled"]);
    let (_, shown) = get(&server, &path).await;
    assert_eq!(
        (&shown["enabled"], &shown["cron"]),
        (&json!(false), &json!("0 3 1 1 *"))
    );
    let (status, enabled) = send(&server, "PATCH", &path, Some(json!({"enabled": true}))).await;
    assert_eq!(status, StatusCode::OK, "{enabled}");
    assert!(enabled["next_fire_at"].is_string(), "{enabled}");

    let (status, body) = send(&server, "DELETE", &path, None).await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, Value::Null));
    assert_eq!(get(&server, &path).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        send(&server, "DELETE", &path, None).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(schedule_count(&server).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_now_checks_the_run_and_posts_its_regression_to_the_webhook() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start_with(&["--public-url", "https://llmops.example.com/"]);
    setup(&server).await;
    let receiver = WebhookReceiver::start().await;
    let (status, created) = post(
        &server,
        "/api/v1/schedules",
        schedule(json!({
            "metrics": [{"name": "contains", "value": "nowhere", "threshold": 1}],
            "min_pass_rate": 1.0,
            "webhook_url": receiver.url,
        })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let schedule_id = created["id"].as_str().unwrap().to_owned();

    let (status, run) = post(
        &server,
        &format!("/api/v1/schedules/{schedule_id}/run"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{run}");
    assert_eq!(run["schedule_id"], schedule_id.as_str());
    let run_id = run["id"].as_str().unwrap().to_owned();
    let ended = wait_for_run(&server, &run_id).await;
    assert_eq!(ended["status"], "completed", "{ended}");

    let checked = wait_until(&server, &run_id, "checked", |run| run["check"].is_object()).await;
    let check = &checked["check"];
    assert_eq!(check["regression"], true, "{check}");
    assert_eq!(
        check["reasons"],
        json!(["pass rate 0.00 is under the schedule's minimum 1.00"])
    );
    assert_eq!(check["previous_run_id"], Value::Null);
    assert_eq!(check["min_pass_rate"], 1.0);

    let shown = wait_for_schedule(&server, &schedule_id, |schedule| {
        schedule["last_delivery"]["status"] == "delivered"
    })
    .await;
    assert_eq!(shown["last_delivery"]["attempts"], 1);
    assert_eq!(shown["last_delivery"]["response_status"], 200);
    assert_eq!(shown["last_delivery"]["run_id"], run_id.as_str());
    assert_eq!(shown["last_run"]["id"], run_id.as_str());
    assert_eq!(shown["last_run"]["check"]["regression"], true);
    assert_eq!(
        shown["last_fired_at"],
        Value::Null,
        "run now leaves the cron window"
    );

    let hooks = receiver.received();
    assert_eq!(hooks.len(), 1, "{hooks:?}");
    let hook = &hooks[0];
    assert_eq!(hook.user_agent.as_deref(), Some("llmops"));
    assert_eq!(hook.content_type.as_deref(), Some("application/json"));
    let body = &hook.body;
    assert_eq!(body["event"], "run.regression");
    assert_eq!(
        body["schedule"],
        json!({"id": schedule_id, "name": "nightly"})
    );
    assert_eq!(body["run"]["id"], run_id.as_str());
    assert_eq!(body["run"]["status"], "completed");
    assert_eq!(
        body["run"]["url"],
        format!("https://llmops.example.com/evaluations/{run_id}")
    );
    assert_eq!(body["reasons"], check["reasons"]);
    assert_eq!(body["previous_run"], Value::Null);

    let (status, runs) = get(&server, &format!("/api/v1/schedules/{schedule_id}/runs")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(runs["runs"].as_array().unwrap().len(), 1);
    let (status, deliveries) = get(
        &server,
        &format!("/api/v1/schedules/{schedule_id}/deliveries"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(deliveries["deliveries"][0]["status"], "delivered");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_run_now_while_the_first_is_unfinished_is_refused() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let stub = ModelStub::start(StubBehaviour::default().with_delay(Duration::from_secs(3)));
    create_dataset(&server, "qa", echo_samples(2)).await;
    create_prompt(&server, "reply", json!("{{ input }}")).await;
    openai_endpoint(&server, "slow", &stub.base_url, json!({})).await;
    let (status, created) = post(
        &server,
        "/api/v1/schedules",
        schedule(json!({"endpoint": "slow"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let path = format!("/api/v1/schedules/{}/run", created["id"].as_str().unwrap());

    let (status, first) = post(&server, &path, json!({})).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{first}");
    let (status, refused) = post(&server, &path, json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{refused}");
    assert_eq!(fields(&refused), ["schedule"]);
    let first_id = first["id"].as_str().unwrap();
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains(first_id),
        "{refused}"
    );

    let ended = wait_for_run(&server, first_id).await;
    assert_eq!(ended["status"], "completed", "{ended}");
    let (status, second) = post(&server, &path, json!({})).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{second}");
    let unknown = "/api/v1/schedules/0190b6c8-0000-7000-8000-000000000000/run";
    assert_eq!(
        post(&server, unknown, json!({})).await.0,
        StatusCode::NOT_FOUND
    );
}

/// Polls the schedule every 50 ms until `done` says so; panics with the last state after the
/// deadline.
async fn wait_for_schedule(server: &TestServer, id: &str, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + DEADLINE;
    loop {
        let (status, schedule) = get(server, &format!("/api/v1/schedules/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{schedule}");
        if done(&schedule) {
            return schedule;
        }
        assert!(
            Instant::now() < deadline,
            "schedule {id} did not get there in {DEADLINE:?}: {schedule}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
