//! Experiments against a fresh database per test: definitions, the lifecycle and its
//! history, exposures counted once, metric values merged into running statistics, and exact
//! counts under concurrent writers.

use chrono::{Duration, Utc};
use db::{
    DbError, Pool,
    experiments::{self, Exposure},
};
use domain::experiment::{
    definition::{NewExperiment, ValidExperiment},
    observation::{NewObservation, validate_batch},
    record::Experiment,
    status::{Action, ExperimentStatus},
};
use serde_json::json;
use uuid::Uuid;

fn definition(name: &str) -> ValidExperiment {
    serde_json::from_value::<NewExperiment>(json!({
        "name": name,
        "description": "  which reply prompt converts better  ",
        "variants": [
            {"id": "control", "is_control": true, "prompt_name": "reply", "prompt_version": "1.0.0"},
            {"id": "b", "name": "Shorter", "model_name": "gpt-4o-mini", "parameters": {"temperature": 0.3}}
        ],
        "traffic_split": {"control": 50, "b": 50},
        "metrics": [
            {"name": "score", "kind": "mean"},
            {"name": "converted", "kind": "proportion"}
        ],
        "target_metric": "score"
    }))
    .unwrap()
    .validate()
    .unwrap()
}

async fn create(pool: &Pool, name: &str) -> Experiment {
    experiments::create(pool, &definition(name)).await.unwrap()
}

async fn running(pool: &Pool, name: &str) -> Experiment {
    let experiment = create(pool, name).await;
    experiments::start(pool, experiment.id).await.unwrap()
}

fn observations(
    experiment: &Experiment,
    events: &[(&str, &str, f64)],
) -> Vec<domain::experiment::ValidObservation> {
    let valid = experiment.to_definition().validate().unwrap();
    let batch = events
        .iter()
        .map(|(variant, metric, value)| NewObservation {
            variant_id: (*variant).to_owned(),
            metric: (*metric).to_owned(),
            value: json!(value),
            user_id: None,
        })
        .collect();
    validate_batch(batch, &valid).unwrap()
}

async fn record(pool: &Pool, experiment: &Experiment, events: &[(&str, &str, f64)]) {
    let batch = observations(experiment, events);
    experiments::record_observations(pool, experiment.id, &batch, Utc::now())
        .await
        .unwrap();
}

fn exposure(experiment: &Experiment, user: &str, variant_index: usize) -> Exposure {
    Exposure {
        experiment_id: experiment.id,
        user_id: user.to_owned(),
        variant_index,
    }
}

on_both!(a_new_experiment_is_a_draft_with_its_normalized_definition);
async fn a_new_experiment_is_a_draft_with_its_normalized_definition(pool: Pool) {
    let experiment = create(&pool, "reply-test").await;
    assert_eq!(experiment.status, ExperimentStatus::Draft);
    assert_eq!(experiment.description, "which reply prompt converts better");
    assert_eq!(experiment.seed, experiment.id.to_string());
    assert_eq!(experiment.variants[0].name, "control");
    assert_eq!(experiment.variants[1].name, "Shorter");
    assert_eq!(
        experiment.traffic_split,
        *json!({"control": 50, "b": 50}).as_object().unwrap()
    );
    assert_eq!(experiment.target_metric, "score");
    assert_eq!(experiment.confidence_level, 0.95);
    assert!(experiment.status_history.is_empty());
    assert_eq!(
        experiment.allowed_actions,
        vec![Action::Start, Action::Cancel]
    );
    assert_eq!(
        experiments::get(&pool, experiment.id).await.unwrap(),
        experiment
    );
    let valid = experiment.to_definition().validate().unwrap();
    assert_eq!(valid.hash_seed("ignored"), experiment.id.to_string());
}

on_both!(a_declared_seed_is_kept);
async fn a_declared_seed_is_kept(pool: Pool) {
    let mut new = definition("seeded");
    new.seed = Some("checkout-2026".into());
    let experiment = experiments::create(&pool, &new).await.unwrap();
    assert_eq!(experiment.seed, "checkout-2026");
}

on_both!(names_are_unique);
async fn names_are_unique(pool: Pool) {
    create(&pool, "dup").await;
    let error = experiments::create(&pool, &definition("dup"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, DbError::Conflict { field: "name", .. }),
        "{error:?}"
    );
    assert_eq!(experiments::list(&pool, None, 100).await.unwrap().len(), 1);
}

on_both!(an_unknown_id_is_not_found);
async fn an_unknown_id_is_not_found(pool: Pool) {
    let id = Uuid::now_v7();
    assert!(matches!(
        experiments::get(&pool, id).await,
        Err(DbError::NotFound {
            entity: "experiment",
            ..
        })
    ));
    assert!(matches!(
        experiments::start(&pool, id).await,
        Err(DbError::NotFound { .. })
    ));
    assert_eq!(
        experiments::assignment_state(&pool, id).await.unwrap(),
        None
    );
}

on_both!(lists_are_newest_first_and_filter_by_status);
async fn lists_are_newest_first_and_filter_by_status(pool: Pool) {
    let a = create(&pool, "a").await;
    let b = running(&pool, "b").await;
    let c = create(&pool, "c").await;
    let all: Vec<Uuid> = experiments::list(&pool, None, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(all, vec![c.id, b.id, a.id]);
    let running: Vec<Uuid> = experiments::list(&pool, Some(ExperimentStatus::Running), 100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(running, vec![b.id]);
    assert_eq!(experiments::list(&pool, None, 2).await.unwrap().len(), 2);
}

on_both!(the_lifecycle_stamps_every_transition_and_keeps_its_history);
async fn the_lifecycle_stamps_every_transition_and_keeps_its_history(pool: Pool) {
    let experiment = create(&pool, "life").await;
    let id = experiment.id;
    let generation = experiments::lifecycle_generation();
    let started = experiments::start(&pool, id).await.unwrap();
    assert!(experiments::lifecycle_generation() > generation);
    assert_eq!(started.status, ExperimentStatus::Running);
    assert!(started.started_at.is_some());
    let paused = experiments::pause(&pool, id).await.unwrap();
    assert_eq!(paused.status, ExperimentStatus::Paused);
    assert!(paused.paused_at.is_some());
    let resumed = experiments::start(&pool, id).await.unwrap();
    assert_eq!(resumed.started_at, started.started_at);
    assert!(resumed.resumed_at.is_some());
    let completed = experiments::complete(&pool, id, Some(1)).await.unwrap();
    assert_eq!(completed.status, ExperimentStatus::Completed);
    let state = experiments::assignment_state(&pool, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(state.winner_index, Some(1));
    assert_eq!(completed.winner.as_deref(), Some("b"));
    assert!(completed.completed_at.is_some());
    assert!(completed.allowed_actions.is_empty());
    let history: Vec<(Action, ExperimentStatus, ExperimentStatus)> = completed
        .status_history
        .iter()
        .map(|c| (c.action, c.from, c.to))
        .collect();
    use ExperimentStatus::{Completed, Draft, Paused, Running};
    assert_eq!(
        history,
        vec![
            (Action::Start, Draft, Running),
            (Action::Pause, Running, Paused),
            (Action::Start, Paused, Running),
            (Action::Complete, Running, Completed),
        ]
    );
    assert_eq!(completed.status_history[3].winner.as_deref(), Some("b"));
    assert!(
        completed
            .status_history
            .windows(2)
            .all(|w| w[0].at <= w[1].at)
    );
}

on_both!(forbidden_transitions_are_conflicts_naming_the_current_status);
async fn forbidden_transitions_are_conflicts_naming_the_current_status(pool: Pool) {
    let draft = create(&pool, "draft").await;
    let error = experiments::pause(&pool, draft.id).await.unwrap_err();
    match error {
        DbError::Conflict { field, message } => {
            assert_eq!(field, "status");
            assert_eq!(message, "cannot pause an experiment that is draft");
        }
        other => panic!("{other:?}"),
    }
    assert!(experiments::complete(&pool, draft.id, None).await.is_err());
    let cancelled = experiments::cancel(&pool, draft.id).await.unwrap();
    assert!(cancelled.cancelled_at.is_some());
    for action in Action::ALL {
        let error = experiments::transition(&pool, draft.id, action, None)
            .await
            .unwrap_err();
        assert!(
            matches!(&error, DbError::Conflict { message, .. } if message.ends_with("cancelled")),
            "{error:?}"
        );
    }
    let unchanged = experiments::get(&pool, draft.id).await.unwrap();
    assert_eq!(unchanged.status_history.len(), 1);
}

on_both!(completing_with_a_winner_freezes_its_significance);
async fn completing_with_a_winner_freezes_its_significance(pool: Pool) {
    let experiment = running(&pool, "sig").await;
    let mut events = Vec::new();
    for i in 0..200 {
        let noise = (i % 10) as f64;
        events.push(("control", "score", 10.0 + noise));
        events.push(("b", "score", 12.0 + noise));
    }
    record(&pool, &experiment, &events).await;
    let completed = experiments::complete(&pool, experiment.id, Some(1))
        .await
        .unwrap();
    assert!(completed.significance.unwrap() < 1e-10);
    assert!(completed.confidence.unwrap() > 0.999);

    let other = running(&pool, "control-wins").await;
    let completed = experiments::complete(&pool, other.id, Some(0))
        .await
        .unwrap();
    assert_eq!(completed.winner.as_deref(), Some("control"));
    assert_eq!(completed.significance, None);
}

on_both!(exposures_count_each_user_once_and_only_while_running);
async fn exposures_count_each_user_once_and_only_while_running(pool: Pool) {
    let experiment = running(&pool, "exp").await;
    let batch = [
        exposure(&experiment, "u1", 0),
        exposure(&experiment, "u2", 1),
        exposure(&experiment, "u1", 0),
    ];
    let inserted = experiments::record_exposures(&pool, &batch, Utc::now())
        .await
        .unwrap();
    assert_eq!(inserted, 2);
    let again = experiments::record_exposures(&pool, &batch[..1], Utc::now())
        .await
        .unwrap();
    assert_eq!(again, 0);
    let state = experiments::assignment_state(&pool, experiment.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(state.status, ExperimentStatus::Running);
    assert_eq!(state.winner_index, None);
    assert_eq!(
        experiments::exposed_variant(&pool, experiment.id, "u2")
            .await
            .unwrap(),
        Some(1)
    );
    assert_eq!(
        experiments::exposed_variant(&pool, experiment.id, "u9")
            .await
            .unwrap(),
        None
    );

    experiments::pause(&pool, experiment.id).await.unwrap();
    let inserted =
        experiments::record_exposures(&pool, &[exposure(&experiment, "u3", 0)], Utc::now())
            .await
            .unwrap();
    assert_eq!(inserted, 0);
    let report = experiments::report(&pool, experiment.id).await.unwrap();
    assert_eq!(report.results.srm.observed, vec![1, 1]);
}

on_both!(values_merge_into_the_running_statistics);
async fn values_merge_into_the_running_statistics(pool: Pool) {
    let experiment = running(&pool, "stats").await;
    record(
        &pool,
        &experiment,
        &[
            ("control", "score", 1.0),
            ("control", "score", 2.0),
            ("b", "score", 2.0),
            ("b", "score", 3.0),
            ("b", "converted", 1.0),
        ],
    )
    .await;
    record(
        &pool,
        &experiment,
        &[
            ("control", "score", 3.0),
            ("control", "score", 4.0),
            ("b", "score", 4.0),
            ("b", "score", 5.0),
            ("b", "converted", 0.0),
        ],
    )
    .await;
    let report = experiments::report(&pool, experiment.id).await.unwrap();
    let score = &report.results.metrics[0];
    assert_eq!(score.variants[0].count, 4);
    assert_eq!(score.variants[0].mean, Some(2.5));
    assert_eq!(score.variants[1].mean, Some(3.5));
    let sd = score.variants[0].std_dev.unwrap();
    assert!((sd - (5.0f64 / 3.0).sqrt()).abs() < 1e-12, "{sd}");
    assert_eq!(score.comparisons[0].absolute_lift, Some(1.0));
    let converted = &report.results.metrics[1];
    assert_eq!(converted.variants[1].count, 2);
    assert_eq!(converted.variants[1].mean, Some(0.5));
    assert_eq!(converted.variants[0].count, 0);
    assert_eq!(
        experiments::event_count(&pool, experiment.id)
            .await
            .unwrap(),
        10
    );

    let control_points = &report.timeline[0].points;
    assert_eq!(report.timeline[0].variant_id, "control");
    let last = control_points.last().unwrap();
    assert_eq!((last.count, last.mean), (4, 2.5));
}

on_both!(the_timeline_has_one_cumulative_point_per_minute);
async fn the_timeline_has_one_cumulative_point_per_minute(pool: Pool) {
    let experiment = running(&pool, "timeline").await;
    let earlier = Utc::now() - Duration::minutes(3);
    let first = observations(
        &experiment,
        &[("control", "score", 1.0), ("b", "score", 10.0)],
    );
    experiments::record_observations(&pool, experiment.id, &first, earlier)
        .await
        .unwrap();
    let second = observations(&experiment, &[("control", "score", 3.0)]);
    experiments::record_observations(&pool, experiment.id, &second, Utc::now())
        .await
        .unwrap();
    let report = experiments::report(&pool, experiment.id).await.unwrap();
    let control: Vec<(u64, f64)> = report.timeline[0]
        .points
        .iter()
        .map(|p| (p.count, p.mean))
        .collect();
    assert_eq!(control, vec![(1, 1.0), (2, 2.0)]);
    assert_eq!(report.timeline[0].points[0].at.timestamp() % 60, 0);
    assert_eq!(report.timeline[1].points.len(), 1);
}

on_both!(values_are_refused_unless_running_or_paused);
async fn values_are_refused_unless_running_or_paused(pool: Pool) {
    let draft = create(&pool, "draft").await;
    let batch = observations(&draft, &[("control", "score", 1.0)]);
    let error = experiments::record_observations(&pool, draft.id, &batch, Utc::now())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, DbError::Conflict { field: "status", message } if message.ends_with("it is draft")),
        "{error:?}"
    );

    experiments::start(&pool, draft.id).await.unwrap();
    experiments::pause(&pool, draft.id).await.unwrap();
    experiments::record_observations(&pool, draft.id, &batch, Utc::now())
        .await
        .unwrap();
    experiments::complete(&pool, draft.id, None).await.unwrap();
    let error = experiments::record_observations(&pool, draft.id, &batch, Utc::now())
        .await
        .unwrap_err();
    assert!(matches!(error, DbError::Conflict { .. }), "{error:?}");
    assert_eq!(experiments::event_count(&pool, draft.id).await.unwrap(), 1);
    let report = experiments::report(&pool, draft.id).await.unwrap();
    assert_eq!(report.results.metrics[0].variants[0].count, 1);
}

on_both!(concurrent_writers_keep_exact_counts_and_sums);
async fn concurrent_writers_keep_exact_counts_and_sums(pool: Pool) {
    const TASKS: usize = 8;
    const BATCHES: usize = 200;
    const PER_BATCH: usize = 25;
    let experiment = running(&pool, "concurrent").await;
    let mut handles = Vec::new();
    for task in 0..TASKS {
        let pool = pool.clone();
        let experiment = experiment.clone();
        handles.push(tokio::spawn(async move {
            for batch in 0..BATCHES {
                let events: Vec<(&str, &str, f64)> = (0..PER_BATCH)
                    .map(|i| {
                        let variant = if i % 2 == 0 { "control" } else { "b" };
                        (variant, "score", ((task + batch + i) % 7) as f64)
                    })
                    .collect();
                let valid = observations(&experiment, &events);
                experiments::record_observations(&pool, experiment.id, &valid, Utc::now())
                    .await
                    .unwrap();
                let exposures: Vec<Exposure> = (0..PER_BATCH)
                    .map(|i| {
                        exposure(
                            &experiment,
                            &format!("user-{}", (batch * PER_BATCH + i) % 1000),
                            i % 2,
                        )
                    })
                    .collect();
                experiments::record_exposures(&pool, &exposures, Utc::now())
                    .await
                    .unwrap();
            }
        }));
    }
    for handle in handles {
        handle.await.unwrap();
    }

    let mut expected_sum = [0.0f64; 2];
    let mut expected_count = [0u64; 2];
    for task in 0..TASKS {
        for batch in 0..BATCHES {
            for i in 0..PER_BATCH {
                expected_sum[i % 2] += ((task + batch + i) % 7) as f64;
                expected_count[i % 2] += 1;
            }
        }
    }
    let report = experiments::report(&pool, experiment.id).await.unwrap();
    let score = &report.results.metrics[0];
    for v in 0..2 {
        let summary = &score.variants[v];
        assert_eq!(summary.count, expected_count[v]);
        let sum = summary.mean.unwrap() * summary.count as f64;
        assert!(
            (sum - expected_sum[v]).abs() < 1e-6,
            "{sum} vs {}",
            expected_sum[v]
        );
    }
    assert_eq!(
        experiments::event_count(&pool, experiment.id)
            .await
            .unwrap() as usize,
        TASKS * BATCHES * PER_BATCH
    );
    // 1000 distinct users, each counted once, in the variant of its first exposure.
    assert_eq!(report.results.srm.observed.iter().sum::<u64>(), 1000);
    assert_eq!(report.results.srm.observed, vec![520, 480]);
}
