//! Firing schedules against a fresh database per test: however many schedulers (one per node)
//! look at the same cron tick at once, it creates one run.

use chrono::{Duration, Utc};
use db::{
    Pool, datasets, endpoints, prompts,
    runs::NewRunRow,
    schedules::{self, FireOutcome, Trigger},
};
use domain::{
    dataset::new_dataset::NewDataset,
    eval::endpoint::NewEndpoint,
    prompt::{draft::NewVersion, name::PromptName, template::Template},
    schedule::new_schedule::NewSchedule,
};
use serde_json::{Map, json};

on_both!(a_tick_fires_once_however_many_schedulers_look_at_it);
async fn a_tick_fires_once_however_many_schedulers_look_at_it(pool: Pool) {
    let dataset = NewDataset {
        name: "qa".into(),
        dataset_type: "golden".into(),
        description: String::new(),
    };
    let dataset = datasets::create(&pool, &dataset.validate().unwrap())
        .await
        .unwrap();
    let draft = NewVersion {
        version: None,
        template: Template::Text("Hello".into()),
        variables: Vec::new(),
        model_config: Default::default(),
        commit_message: String::new(),
    };
    let prompt = prompts::create(
        &pool,
        &PromptName::parse("reply").unwrap(),
        "",
        draft.validate().unwrap(),
        "test",
    )
    .await
    .unwrap();
    let endpoint: NewEndpoint =
        serde_json::from_value(json!({"name": "echo", "kind": "echo"})).unwrap();
    let endpoint = endpoints::create(&pool, &endpoint.validate().unwrap())
        .await
        .unwrap();
    let schedule: NewSchedule = serde_json::from_value(json!({
        "name": "nightly", "cron": "* * * * *", "dataset": "qa", "prompt_name": "reply",
        "endpoint": "echo", "metrics": ["exact_match"]
    }))
    .unwrap();
    let now = Utc::now();
    let schedule = schedules::create(&pool, &schedule.validate().unwrap(), now)
        .await
        .unwrap();
    let tick = now + Duration::minutes(1);

    let mut schedulers = Vec::new();
    for _ in 0..8 {
        let pool = pool.clone();
        let (dataset_id, prompt_version_id, endpoint_id) =
            (dataset.id, prompt.versions[0].id, endpoint.id);
        schedulers.push(tokio::spawn(async move {
            let parameters = Map::new();
            let row = NewRunRow {
                name: "nightly",
                dataset_id,
                dataset_version: 0,
                prompt_version_id,
                endpoint_id,
                model_name: "echo",
                metrics: &[],
                parameters: &parameters,
                total: 0,
                queue: true,
                schedule_id: None,
            };
            let trigger = Trigger::Tick {
                expected: None,
                tick,
            };
            schedules::fire(&pool, schedule.id, trigger, &row)
                .await
                .unwrap()
        }));
    }
    let mut fired = 0;
    for scheduler in schedulers {
        match scheduler.await.unwrap() {
            FireOutcome::Fired(_) => fired += 1,
            FireOutcome::AlreadyFired | FireOutcome::Busy { .. } => {}
            FireOutcome::Gone => panic!("the schedule is there"),
        }
    }
    assert_eq!(fired, 1);
    let runs = schedules::runs(&pool, schedule.id, 10).await.unwrap();
    assert_eq!(runs.len(), 1);
}
