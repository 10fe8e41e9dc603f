//! The worker inside `llmops serve`: it claims runs from the database, executes a few at a
//! time, and holds a lease on each while it works.
//!
//! The queue lives in the database (`runs.queued_at`), so nothing is lost when the process
//! dies; `wake` only saves the worker from waiting for its next look at the queue. Every node
//! of a deployment runs a worker on the same queue: a run is claimed by one node, which renews
//! its lease every [`QUEUE_POLL`]; a run whose lease lapsed (its node died) is claimed again by
//! another and resumes where its results end. A node that stops hands its leases back.

mod execute;
mod failure;
mod permits;
mod sample;
mod score_sheets;
mod writer;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use db::Backend;
use domain::eval::status::RunStatus;

use db::Pool;
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

/// Who this node is to the other nodes, and how long its claim on a run lasts unrenewed.
#[derive(Debug, Clone)]
pub struct NodeIdentity {
    pub id: String,
    pub run_lease: Duration,
}

/// A run this node executes.
struct ActiveRun {
    cancel: CancellationToken,
    /// Set when the node lost the run's lease (another node took it over): the execution
    /// stops without finishing the run.
    lease_lost: Arc<AtomicBool>,
}

struct Inner {
    pool: Pool,
    node: NodeIdentity,
    client: ModelClient,
    permits: EndpointPermits,
    wake: Notify,
    /// Each run in progress, by run id.
    active: Mutex<HashMap<Uuid, ActiveRun>>,
    /// Counts the runs whose execution ended, for whoever waits for one (the scheduler).
    ended: watch::Sender<u64>,
    shutdown: CancellationToken,
}

impl Worker {
    /// Starts the worker; it stops when `shutdown` is cancelled, leaving unfinished runs
    /// running in the database with their leases handed back, for any node to resume.
    pub fn start(
        pool: Pool,
        node: NodeIdentity,
        shutdown: CancellationToken,
    ) -> (Worker, tokio::task::JoinHandle<()>) {
        Worker::start_with_client(pool, node, ModelClient::default(), shutdown)
    }

    /// As [`Worker::start`], calling models with `client` (which holds the API keys the
    /// operator bound).
    pub fn start_with_client(
        pool: Pool,
        node: NodeIdentity,
        client: ModelClient,
        shutdown: CancellationToken,
    ) -> (Worker, tokio::task::JoinHandle<()>) {
        let worker = Worker {
            inner: Arc::new(Inner {
                pool,
                node,
                client,
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
        if let Some(run) = self.inner.active.lock().expect("not poisoned").get(&run_id) {
            run.cancel.cancel();
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
        if Backend::of(&self.inner.pool) == Backend::Sqlite {
            // One node per file: what is marked running was left by a process that is gone.
            if let Err(error) = db::runs::release_all_leases(&self.inner.pool).await {
                tracing::error!(%error, "could not take over the runs left running");
            }
        }
        let mut poll = tokio::time::interval(QUEUE_POLL);
        let mut renewed = Instant::now();
        loop {
            if renewed.elapsed() >= QUEUE_POLL {
                self.renew_leases().await;
                renewed = Instant::now();
            }
            while runs.len() < MAX_ACTIVE_RUNS {
                let now = Utc::now();
                let lease_until = now + self.inner.node.run_lease;
                match db::runs::claim_next(&self.inner.pool, &self.inner.node.id, now, lease_until)
                    .await
                {
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
        match db::runs::release_leases(&self.inner.pool, &self.inner.node.id).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "handed back the leases of unfinished runs"),
            Err(error) => tracing::error!(%error, "could not hand back the run leases"),
        }
    }

    /// Extends this node's leases; a run it works on whose lease is gone stops here: cancelled
    /// by its user on another node, or taken over by another node after a lapse.
    async fn renew_leases(&self) {
        let lease_until = Utc::now() + self.inner.node.run_lease;
        let held = match db::runs::renew_leases(&self.inner.pool, &self.inner.node.id, lease_until)
            .await
        {
            Ok(held) => held,
            Err(error) => return tracing::warn!(%error, "could not renew the run leases"),
        };
        let missing: Vec<(Uuid, CancellationToken, Arc<AtomicBool>)> = self
            .inner
            .active
            .lock()
            .expect("not poisoned")
            .iter()
            .filter(|(id, _)| !held.contains(id))
            .map(|(id, run)| (*id, run.cancel.clone(), run.lease_lost.clone()))
            .collect();
        for (id, cancel, lease_lost) in missing {
            // A run that just ended here is missing too, and needs nothing.
            match db::runs::get(&self.inner.pool, id)
                .await
                .map(|run| run.status)
            {
                Ok(RunStatus::Cancelled) => cancel.cancel(),
                Ok(RunStatus::Running) => {
                    tracing::warn!(run = %id, "lost the lease of a run; another node has it");
                    lease_lost.store(true, Ordering::Release);
                    cancel.cancel();
                }
                _ => {}
            }
        }
    }

    fn spawn_run(&self, runs: &mut JoinSet<()>, id: Uuid) {
        let token = self.inner.shutdown.child_token();
        let lease_lost = Arc::new(AtomicBool::new(false));
        self.inner.active.lock().expect("not poisoned").insert(
            id,
            ActiveRun {
                cancel: token.clone(),
                lease_lost: lease_lost.clone(),
            },
        );
        let worker = self.clone();
        runs.spawn(async move {
            execute::execute(&worker.inner, id, token, &lease_lost).await;
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
