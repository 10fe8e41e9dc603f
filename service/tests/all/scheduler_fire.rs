//! Firing schedules: on time, once after downtime, never overlapping, never while disabled,
//! with what is left open resolved at each fire.

use crate::support::{Env, at, new_schedule, t0};
use chrono::Duration;
use domain::eval::status::RunStatus;
use domain::problem::ErrorCode;
use serde_json::json;
use service::scheduler::{TickOutcome, create_schedule};

fn fired(reports: &[service::scheduler::FireReport]) -> Vec<domain::eval::record::Run> {
    reports
        .iter()
        .filter_map(|report| match &report.outcome {
            TickOutcome::Fired(run) => Some((**run).clone()),
            _ => None,
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_schedule_fires_at_its_tick_and_not_a_second_before() {
    let env = Env::new(3).await;
    let schedule = env.schedule(json!({})).await;
    assert_eq!(schedule.next_fire_at, Some(at("2030-01-07T10:01:00Z")));

    env.clock.set(at("2030-01-07T10:00:59Z"));
    assert!(env.scheduler.fire_due(env.now()).await.unwrap().is_empty());
    assert!(env.runs_of(schedule.id).await.is_empty());

    env.clock.set(at("2030-01-07T10:01:00Z"));
    let reports = env.scheduler.fire_due(env.now()).await.unwrap();
    let runs = fired(&reports);
    assert_eq!(runs.len(), 1, "{reports:?}");
    let run = &runs[0];
    assert_eq!(run.schedule_id, Some(schedule.id));
    assert!(run.queued_at.is_some());
    assert_eq!(run.name, "nightly 2030-01-07 10:01 UTC");
    assert_eq!(env.runs_of(schedule.id).await.len(), 1);
    let shown = env.get(schedule.id).await;
    assert_eq!(shown.last_fired_at, Some(at("2030-01-07T10:01:00Z")));
    assert_eq!(shown.next_fire_at, Some(at("2030-01-07T10:02:00Z")));
    assert_eq!(shown.last_run.as_ref().map(|r| r.id), Some(run.id));

    let ended = env.wait_for_run(run.id).await;
    assert_eq!(ended.status, RunStatus::Completed);
    assert_eq!(ended.results.unwrap().pass_rate, 1.0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_back_after_three_hours_fires_once_and_a_restart_fires_nothing_more() {
    let env = Env::without_worker(2).await;
    let schedule = env.schedule(json!({})).await;
    env.clock.set(t0() + Duration::hours(3));

    let reports = env.scheduler.fire_due(env.now()).await.unwrap();
    assert_eq!(fired(&reports).len(), 1, "{reports:?}");
    assert_eq!(reports[0].tick, at("2030-01-07T13:00:00Z"));
    assert!(env.scheduler.fire_due(env.now()).await.unwrap().is_empty());

    let restarted = env.restarted_scheduler().await;
    assert!(restarted.fire_due(env.now()).await.unwrap().is_empty());
    assert_eq!(env.runs_of(schedule.id).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_schedulers_looking_at_the_same_tick_create_one_run() {
    let env = Env::without_worker(2).await;
    let schedule = env.schedule(json!({})).await;
    let other = env.restarted_scheduler().await;
    env.clock.set(at("2030-01-07T10:01:00Z"));
    let now = env.now();
    let (first, second) = tokio::join!(env.scheduler.fire_due(now), other.fire_due(now));
    let runs = fired(&first.unwrap()).len() + fired(&second.unwrap()).len();
    assert_eq!(runs, 1);
    assert_eq!(env.runs_of(schedule.id).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tick_while_the_previous_run_is_unfinished_is_skipped() {
    let env = Env::without_worker(2).await;
    let schedule = env.schedule(json!({})).await;
    env.clock.set(at("2030-01-07T10:01:00Z"));
    let first = fired(&env.scheduler.fire_due(env.now()).await.unwrap()).remove(0);

    env.clock.set(at("2030-01-07T10:02:00Z"));
    let reports = env.scheduler.fire_due(env.now()).await.unwrap();
    assert_eq!(
        reports[0].outcome,
        TickOutcome::Skipped {
            run_id: first.id,
            status: RunStatus::Pending
        }
    );
    let shown = env.get(schedule.id).await;
    assert_eq!(shown.last_fired_at, Some(at("2030-01-07T10:02:00Z")));
    assert_eq!(
        shown.last_error.as_deref(),
        Some(
            format!(
                "skipped the tick of 2030-01-07 10:02 UTC: the previous run {} is still pending",
                first.id
            )
            .as_str()
        )
    );

    assert_eq!(env.claim().await, Some(first.id));
    env.clock.set(at("2030-01-07T10:03:00Z"));
    let reports = env.scheduler.fire_due(env.now()).await.unwrap();
    assert_eq!(
        reports[0].outcome,
        TickOutcome::Skipped {
            run_id: first.id,
            status: RunStatus::Running
        }
    );
    assert_eq!(env.runs_of(schedule.id).await.len(), 1);

    db::runs::cancel(&env.pool, first.id).await.unwrap();
    env.clock.set(at("2030-01-07T10:04:00Z"));
    let reports = env.scheduler.fire_due(env.now()).await.unwrap();
    assert_eq!(fired(&reports).len(), 1, "{reports:?}");
    assert_eq!(env.get(schedule.id).await.last_error, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disabled_schedule_never_fires_and_enabled_again_fires_from_its_next_tick() {
    let env = Env::without_worker(2).await;
    let schedule = env.schedule(json!({"enabled": false})).await;
    assert_eq!(schedule.next_fire_at, None);
    for minutes in [1, 30, 90] {
        env.clock.set(t0() + Duration::minutes(minutes));
        assert!(env.scheduler.fire_due(env.now()).await.unwrap().is_empty());
    }
    let enabled = db::schedules::set_enabled(&env.pool, schedule.id, true, env.now())
        .await
        .unwrap();
    assert!(enabled.enabled);
    assert_eq!(enabled.next_fire_at, Some(at("2030-01-07T11:31:00Z")));
    assert!(env.scheduler.fire_due(env.now()).await.unwrap().is_empty());
    env.clock.set(at("2030-01-07T11:31:00Z"));
    assert_eq!(
        fired(&env.scheduler.fire_due(env.now()).await.unwrap()).len(),
        1
    );

    db::schedules::set_enabled(&env.pool, schedule.id, false, env.now())
        .await
        .unwrap();
    db::runs::cancel(&env.pool, env.runs_of(schedule.id).await[0].id)
        .await
        .unwrap();
    env.clock.set(at("2030-01-07T12:00:00Z"));
    assert!(env.scheduler.fire_due(env.now()).await.unwrap().is_empty());
    assert_eq!(env.runs_of(schedule.id).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_versions_resolve_at_each_fire_and_pinned_ones_stay() {
    let env = Env::new(2).await;
    let open = env.schedule(json!({"name": "open"})).await;
    let pinned = env
        .schedule(json!({"name": "pinned", "dataset_version": 1, "prompt_version": "1.0.0"}))
        .await;
    db::prompts::set_label(
        &env.pool,
        "reply",
        &domain::prompt::label::LabelName::parse("staging").unwrap(),
        &domain::prompt::selector::VersionSelector::parse("1.0.0").unwrap(),
    )
    .await
    .unwrap();
    let labelled = env
        .schedule(json!({"name": "labelled", "prompt_version": "staging"}))
        .await;

    env.clock.set(at("2030-01-07T10:01:00Z"));
    let first = fired(&env.scheduler.fire_due(env.now()).await.unwrap());
    assert_eq!(first.len(), 3);
    for run in &first {
        assert_eq!(
            (run.dataset_version, run.prompt_version.as_str()),
            (1, "1.0.0")
        );
        env.wait_for_run(run.id).await;
    }

    env.add_samples(&[("question 9".into(), "question 9".into())])
        .await;
    env.activate_template("Q: {{ input }}", "1.1.0").await;
    db::prompts::set_label(
        &env.pool,
        "reply",
        &domain::prompt::label::LabelName::parse("staging").unwrap(),
        &domain::prompt::selector::VersionSelector::parse("1.1.0").unwrap(),
    )
    .await
    .unwrap();

    env.clock.set(at("2030-01-07T10:02:00Z"));
    let second = fired(&env.scheduler.fire_due(env.now()).await.unwrap());
    let pinned_of = |id| {
        second
            .iter()
            .find(|run| run.schedule_id == Some(id))
            .map(|run| {
                (
                    run.dataset_version,
                    run.prompt_version.clone(),
                    run.progress.total,
                )
            })
            .unwrap()
    };
    assert_eq!(pinned_of(open.id), (2, "1.1.0".to_owned(), 3));
    assert_eq!(pinned_of(pinned.id), (1, "1.0.0".to_owned(), 2));
    assert_eq!(pinned_of(labelled.id), (2, "1.1.0".to_owned(), 3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tick_whose_run_cannot_be_created_is_consumed_with_the_reason() {
    let env = Env::without_worker(2).await;
    let staging = domain::prompt::label::LabelName::parse("staging").unwrap();
    db::prompts::set_label(
        &env.pool,
        "reply",
        &staging,
        &domain::prompt::selector::VersionSelector::Active,
    )
    .await
    .unwrap();
    let schedule = env.schedule(json!({"prompt_version": "staging"})).await;
    db::prompts::remove_label(&env.pool, "reply", &staging)
        .await
        .unwrap();

    env.clock.set(at("2030-01-07T10:01:00Z"));
    let reports = env.scheduler.fire_due(env.now()).await.unwrap();
    let TickOutcome::Unresolvable(reason) = &reports[0].outcome else {
        panic!("{reports:?}");
    };
    assert_eq!(
        reason,
        "the run could not be created: prompt `reply` has no version `staging`"
    );
    let shown = env.get(schedule.id).await;
    assert_eq!(shown.last_error.as_deref(), Some(reason.as_str()));
    assert_eq!(shown.last_fired_at, Some(at("2030-01-07T10:01:00Z")));
    assert!(env.scheduler.fire_due(env.now()).await.unwrap().is_empty());

    db::prompts::set_label(
        &env.pool,
        "reply",
        &staging,
        &domain::prompt::selector::VersionSelector::Active,
    )
    .await
    .unwrap();
    env.clock.set(at("2030-01-07T10:02:00Z"));
    assert_eq!(
        fired(&env.scheduler.fire_due(env.now()).await.unwrap()).len(),
        1
    );
    assert_eq!(env.get(schedule.id).await.last_error, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_now_starts_a_run_at_once_and_refuses_a_second_while_it_is_unfinished() {
    let env = Env::without_worker(2).await;
    let schedule = env.schedule(json!({"enabled": false})).await;
    env.clock.set(at("2030-01-07T10:05:07Z"));
    let run = env.scheduler.run_now(schedule.id, env.now()).await.unwrap();
    assert_eq!(run.schedule_id, Some(schedule.id));
    assert_eq!(run.name, "nightly (run now) 2030-01-07 10:05:07 UTC");
    assert!(run.queued_at.is_some());
    assert_eq!(env.get(schedule.id).await.last_fired_at, None);

    let refused = env
        .scheduler
        .run_now(schedule.id, env.now())
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);
    assert!(refused.message.contains(&run.id.to_string()), "{refused:?}");
    assert_eq!(env.runs_of(schedule.id).await.len(), 1);

    let unknown = env
        .scheduler
        .run_now(uuid::Uuid::now_v7(), env.now())
        .await
        .unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_schedule_naming_what_does_not_exist_is_refused_and_nothing_is_stored() {
    let env = Env::without_worker(2).await;
    let cases = [
        (json!({"dataset": "nope"}), ErrorCode::NotFound, "dataset"),
        (
            json!({"dataset_version": 7}),
            ErrorCode::NotFound,
            "dataset_version",
        ),
        (
            json!({"prompt_name": "nope"}),
            ErrorCode::NotFound,
            "prompt_name",
        ),
        (
            json!({"prompt_version": "9.9.9"}),
            ErrorCode::NotFound,
            "prompt_version",
        ),
        (json!({"endpoint": "nope"}), ErrorCode::NotFound, "endpoint"),
        (
            json!({"cron": "61 * * * *"}),
            ErrorCode::ValidationFailed,
            "cron",
        ),
        (
            json!({"webhook_url": "ftp://example.com/hook"}),
            ErrorCode::ValidationFailed,
            "webhook_url",
        ),
        (
            json!({"min_pass_rate": 1.5}),
            ErrorCode::ValidationFailed,
            "min_pass_rate",
        ),
    ];
    for (overrides, code, field) in cases {
        let problem = create_schedule(&env.pool, new_schedule(overrides.clone()), env.now())
            .await
            .unwrap_err();
        assert_eq!(problem.code, code, "{overrides}: {problem:?}");
        let fields: Vec<&str> = problem.details.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(fields, [field], "{overrides}: {problem:?}");
    }
    let cron = create_schedule(
        &env.pool,
        new_schedule(json!({"cron": "61 * * * *"})),
        env.now(),
    )
    .await
    .unwrap_err();
    assert!(cron.details[0].message.contains("61"), "{cron:?}");
    assert!(
        db::schedules::list(&env.pool, env.now())
            .await
            .unwrap()
            .is_empty()
    );

    env.schedule(json!({})).await;
    let duplicate = create_schedule(&env.pool, new_schedule(json!({})), env.now())
        .await
        .unwrap_err();
    assert_eq!(duplicate.code, ErrorCode::Conflict);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_running_scheduler_fires_runs_and_checks_them_on_its_own() {
    let env = Env::new(3).await;
    let schedule = env.schedule(json!({})).await;
    env.clock.set(at("2030-01-07T10:01:00Z"));
    let shutdown = tokio_util::sync::CancellationToken::new();
    let (_scheduler, task) = service::Scheduler::start(
        env.pool.clone(),
        env.worker.clone(),
        env.clock.clone(),
        crate::support::PUBLIC_URL,
        shutdown.clone(),
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let checked = loop {
        let shown = env.get(schedule.id).await;
        if let Some(run) = shown.last_run.clone().filter(|run| run.check.is_some()) {
            break run;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no checked run: {shown:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    assert_eq!(checked.status, RunStatus::Completed);
    assert!(!checked.check.unwrap().regression);
    shutdown.cancel();
    task.await.unwrap();
    assert_eq!(env.runs_of(schedule.id).await.len(), 1);
}
