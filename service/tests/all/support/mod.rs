//! A scheduler on a fresh SQLite file with a real worker and the built-in echo endpoint, a
//! clock the test moves by hand, and a local webhook receiver.

#![allow(dead_code)]

pub mod receiver;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use db::Pool;
use domain::dataset::{new_dataset::NewDataset, sample::SampleInput};
use domain::eval::{endpoint::NewEndpoint, record::Run};
use domain::prompt::{draft::NewVersion, name::PromptName};
use domain::schedule::{NewSchedule, Schedule};
use serde_json::{Value, json};
use service::Worker;
use service::clock::ManualClock;
use service::scheduler::{Scheduler, create_schedule};
use tempfile::TempDir;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

pub const PUBLIC_URL: &str = "http://llmops.test";
const DEADLINE: Duration = Duration::from_secs(60);

/// 2030-01-07T10:00:30Z, half a minute past a tick of every schedule the tests use.
pub fn t0() -> DateTime<Utc> {
    at("2030-01-07T10:00:30Z")
}

pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

pub struct Env {
    pub pool: Pool,
    pub worker: Worker,
    pub clock: Arc<ManualClock>,
    pub scheduler: Scheduler,
    /// The dataset `qa`.
    pub dataset_id: Uuid,
    shutdown: CancellationToken,
    dir: TempDir,
}

impl Env {
    /// A running worker; dataset `qa` (version 1: `n` samples whose expected output is their
    /// input, so that the echo endpoint passes exact_match), prompt `reply` 1.0.0 rendering
    /// `{{ input }}`, endpoint `echo`.
    pub async fn new(n: usize) -> Env {
        Env::build(n, false).await
    }

    /// As `new`, but the worker is stopped: runs stay queued until the test moves them.
    pub async fn without_worker(n: usize) -> Env {
        Env::build(n, true).await
    }

    async fn build(n: usize, paused: bool) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let pool = db::store::connect(&db::DatabaseUrl::sqlite_file(&dir.path().join("llmops.db")))
            .await
            .unwrap();
        let dataset = NewDataset {
            name: "qa".into(),
            dataset_type: "golden".into(),
            description: String::new(),
        }
        .validate()
        .unwrap();
        let dataset_id = db::datasets::create(&pool, &dataset).await.unwrap().id;
        let env_samples: Vec<(String, String)> = (0..n)
            .map(|i| (format!("question {i}"), format!("question {i}")))
            .collect();
        add_samples(&pool, dataset_id, &env_samples).await;
        db::prompts::create(
            &pool,
            &PromptName::parse("reply").unwrap(),
            "",
            version("{{ input }}", Some("1.0.0")),
            "test",
        )
        .await
        .unwrap();
        let endpoint: NewEndpoint =
            serde_json::from_value(json!({"name": "echo", "kind": "echo"})).unwrap();
        db::endpoints::create(&pool, &endpoint.validate().unwrap())
            .await
            .unwrap();
        let shutdown = CancellationToken::new();
        let worker_shutdown = if paused {
            let stopped = CancellationToken::new();
            stopped.cancel();
            stopped
        } else {
            shutdown.clone()
        };
        let (worker, _) = Worker::start(pool.clone(), node(), worker_shutdown);
        let clock = Arc::new(ManualClock::new(t0()));
        let scheduler = Scheduler::new(pool.clone(), worker.clone(), clock.clone(), PUBLIC_URL);
        Env {
            pool,
            worker,
            clock,
            scheduler,
            dataset_id,
            shutdown,
            dir,
        }
    }

    /// Another scheduler on the same database, as a restarted server would have.
    pub async fn restarted_scheduler(&self) -> Scheduler {
        let pool = db::store::connect(&self.database()).await.unwrap();
        let (worker, _) = Worker::start(pool.clone(), node(), self.shutdown.clone());
        Scheduler::new(pool, worker, self.clock.clone(), PUBLIC_URL)
    }

    pub fn database(&self) -> db::DatabaseUrl {
        db::DatabaseUrl::sqlite_file(&self.dir.path().join("llmops.db"))
    }

    /// Claims the next run as a worker would, for a test that moves runs itself.
    pub async fn claim(&self) -> Option<uuid::Uuid> {
        let now = Utc::now();
        db::runs::claim_next(
            &self.pool,
            "test-node",
            now,
            now + chrono::Duration::seconds(30),
        )
        .await
        .unwrap()
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.scheduler.now()
    }

    /// Creates a schedule at the clock's time: `reply` on `qa` through `echo`, scored by
    /// exact_match with threshold 1, every minute, with `overrides` on top.
    pub async fn schedule(&self, overrides: Value) -> Schedule {
        create_schedule(&self.pool, new_schedule(overrides), self.now())
            .await
            .unwrap()
    }

    pub async fn get(&self, id: Uuid) -> Schedule {
        db::schedules::get(&self.pool, id, self.now())
            .await
            .unwrap()
    }

    pub async fn runs_of(&self, schedule_id: Uuid) -> Vec<Run> {
        db::schedules::runs(&self.pool, schedule_id, 100)
            .await
            .unwrap()
    }

    /// Polls the run until it has ended; panics after the deadline.
    pub async fn wait_for_run(&self, id: Uuid) -> Run {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let run = db::runs::get(&self.pool, id).await.unwrap();
            if run.status.is_finished() {
                return run;
            }
            assert!(
                Instant::now() < deadline,
                "run {id} did not end in time: {run:?}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Makes `template` the active version of `reply`.
    pub async fn activate_template(&self, template: &str, version_string: &str) {
        db::prompts::create_version(
            &self.pool,
            "reply",
            version(template, Some(version_string)),
            true,
            "test",
        )
        .await
        .unwrap();
    }

    /// Adds samples `(input, expected_output)` to `qa`: its next version.
    pub async fn add_samples(&self, samples: &[(String, String)]) {
        add_samples(&self.pool, self.dataset_id, samples).await;
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

pub fn new_schedule(overrides: Value) -> NewSchedule {
    let mut body = json!({
        "name": "nightly",
        "cron": "* * * * *",
        "dataset": "qa",
        "prompt_name": "reply",
        "endpoint": "echo",
        "metrics": [{"name": "exact_match", "threshold": 1}],
    });
    for (key, value) in overrides.as_object().unwrap() {
        body[key] = value.clone();
    }
    serde_json::from_value(body).unwrap()
}

fn version(template: &str, version: Option<&str>) -> domain::prompt::draft::ValidVersion {
    serde_json::from_value::<NewVersion>(json!({
        "version": version,
        "template": template,
        "variables": [{"name": "input", "type": "string"}],
    }))
    .unwrap()
    .validate()
    .unwrap()
}

async fn add_samples(pool: &Pool, dataset_id: Uuid, samples: &[(String, String)]) {
    let valid: Vec<_> = samples
        .iter()
        .map(|(input, expected)| {
            SampleInput {
                input: input.clone(),
                expected_output: expected.clone(),
                context: String::new(),
                metadata: Default::default(),
            }
            .validate()
            .unwrap()
        })
        .collect();
    db::datasets::add_samples(pool, dataset_id, &valid, None)
        .await
        .unwrap();
}

/// The identity of the workers the tests start.
pub fn node() -> service::NodeIdentity {
    service::NodeIdentity {
        id: "test-node".into(),
        run_lease: std::time::Duration::from_secs(30),
    }
}
