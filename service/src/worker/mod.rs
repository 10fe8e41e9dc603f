//! The worker inside `llmops serve`: it claims queued runs from the database, executes a few
//! at a time, and resumes the runs a stopped server left running.
//!
//! The queue lives in the database (`runs.queued_at`), so nothing is lost when the process
//! dies; `wake` only saves the worker from waiting for its next look at the queue.

mod execute;
mod failure;
mod permits;
mod sample;
mod score_sheets;
mod writer;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use db::SqlitePool;
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::client::ModelClient;
use permits::EndpointPermits;

/// Runs executed at the same time; more wait in the queue.
const MAX_ACTIVE_RUNS: usize = 4;
/// How often the worker looks at the queue without being woken.
const QUEUE_POLL: Duration = Duration::from_secs(2);

/// A handle to the worker; cheap to clone.
#[derive(Clone)]
pub struct Worker {
    inner: Arc<Inner>,
}

struct Inner {
    pool: SqlitePool,
    client: ModelClient,
    permits: EndpointPermits,
    wake: Notify,
    /// Cancellation of each run in progress, by run id.
    active: Mutex<HashMap<Uuid, CancellationToken>>,
    /// Counts the runs whose execution ended, for whoever waits for one (the scheduler).
    ended: watch::Sender<u64>,
    shutdown: CancellationToken,
}

impl Worker {
    /// Starts the worker; it stops when `shutdown` is cancelled, leaving unfinished runs
    /// running in the database for the next start to resume.
    pub fn start(
        pool: SqlitePool,
        shutdown: CancellationToken,
    ) -> (Worker, tokio::task::JoinHandle<()>) {
        let worker = Worker {
            inner: Arc::new(Inner {
                pool,
                client: ModelClient::default(),
                permits: EndpointPermits::default(),
                wake: Notify::new(),
                active: Mutex::default(),
                ended: watch::Sender::new(0),
                shutdown,
            }),
        };
        let supervisor = tokio::spawn(worker.clone().supervise());
        (worker, supervisor)
    }

    /// Tells the worker a run was queued.
    pub fn wake(&self) {
        self.inner.wake.notify_one();
    }

    /// Stops a run in progress (the store already says cancelled).
    pub fn cancel(&self, run_id: Uuid) {
        if let Some(token) = self.inner.active.lock().expect("not poisoned").get(&run_id) {
            token.cancel();
        }
    }

    /// A receiver that sees a change each time the execution of a run ends (finished, failed,
    /// cancelled or stopped by a shutdown).
    pub fn run_ended(&self) -> watch::Receiver<u64> {
        self.inner.ended.subscribe()
    }

    pub fn client(&self) -> &ModelClient {
        &self.inner.client
    }

    async fn supervise(self) {
        tokio::spawn(score_sheets::backfill(
            self.inner.pool.clone(),
            self.inner.shutdown.clone(),
        ));
        let mut runs = JoinSet::new();
        match db::runs::running(&self.inner.pool).await {
            Ok(ids) => {
                for id in ids {
                    tracing::info!(run = %id, "resuming a run left running");
                    self.spawn_run(&mut runs, id);
                }
            }
            Err(error) => tracing::error!(%error, "could not list running runs"),
        }
        let mut poll = tokio::time::interval(QUEUE_POLL);
        loop {
            while runs.len() < MAX_ACTIVE_RUNS {
                match db::runs::claim_next(&self.inner.pool).await {
                    Ok(Some(id)) => self.spawn_run(&mut runs, id),
                    Ok(None) => break,
                    Err(error) => {
                        tracing::error!(%error, "could not claim a queued run");
                        break;
                    }
                }
            }
            tokio::select! {
                () = self.inner.wake.notified() => {}
                _ = poll.tick() => {}
                Some(_) = runs.join_next(), if !runs.is_empty() => {}
                () = self.inner.shutdown.cancelled() => break,
            }
        }
        while runs.join_next().await.is_some() {}
    }

    fn spawn_run(&self, runs: &mut JoinSet<()>, id: Uuid) {
        let token = self.inner.shutdown.child_token();
        self.inner
            .active
            .lock()
            .expect("not poisoned")
            .insert(id, token.clone());
        let worker = self.clone();
        runs.spawn(async move {
            execute::execute(&worker.inner, id, token).await;
            worker
                .inner
                .active
                .lock()
                .expect("not poisoned")
                .remove(&id);
            worker.inner.ended.send_modify(|ended| *ended += 1);
        });
    }
}
