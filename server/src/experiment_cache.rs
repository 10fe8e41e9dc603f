//! What assignment keeps in memory, so that `POST /experiments/{id}/assign` touches no
//! database on its way: the experiment's definition and status, and a queue of exposures that
//! one writer task records in group commits.
//!
//! - Definitions: an experiment's definition (variants, split, seed, metrics) never changes
//!   after creation, so a parsed and validated copy never goes stale. The map is bounded like
//!   the prompt cache.
//! - Status and winner: cached beside the definition together with
//!   `db::experiments::lifecycle_generation()` read *before* the status was read from the
//!   database. Every transition, whether made through the REST API or the web UI, bumps that
//!   number after its commit, so the next request sees the change and reads the status again.
//! - Exposures: the request puts the (experiment, user, variant) on a queue and waits; the
//!   writer takes everything waiting and records it in one transaction on its own connection
//!   (`db::experiments::ExposureWriter`: INSERT OR IGNORE, counters moved by the rows inserted,
//!   only while the experiment runs), then answers every request of the group. An assignment
//!   is therefore answered only once its exposure is committed, which survives a crash of the
//!   server; that connection commits without fsync (see `ExposureWriter`), so an OS crash or
//!   power loss can lose the last group. `flush` waits until everything
//!   queued so far is committed, and the writer drains the queue when the server stops.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use chrono::Utc;
use db::{
    DbError, SqlitePool,
    experiments::{self, AssignmentState, Exposure, ExposureWriter},
};
use domain::{
    experiment::{definition::ValidExperiment, record::Variant},
    problem::Problem,
};
use tokio::{
    sync::{mpsc, oneshot},
    task::JoinHandle,
};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

/// Experiments kept before the cache starts over; far more than those running at once.
const CAPACITY: usize = 1024;
/// Most exposures written by one transaction.
const MAX_GROUP: usize = 2048;
/// Queued exposures before requests wait for room.
const QUEUE: usize = 65_536;
/// Attempts at writing one group before its exposures are given up (and logged).
const WRITE_ATTEMPTS: u32 = 3;

/// An experiment's immutable part, ready for hashing.
pub struct LoadedExperiment {
    pub id: Uuid,
    pub definition: ValidExperiment,
    /// The seed assignment hashes with (declared, else the id).
    pub seed: String,
    /// `splits / 100`, aligned with the variants.
    pub weights: Vec<f64>,
    /// The variants as the API returns them.
    pub variants: Vec<Variant>,
}

impl LoadedExperiment {
    pub fn control_index(&self) -> usize {
        self.definition.control_index()
    }
}

struct Entry {
    experiment: Arc<LoadedExperiment>,
    state: AssignmentState,
    /// `lifecycle_generation()` read before `state` was.
    generation: u64,
}

enum Message {
    /// Answered with whether the exposure was committed.
    Expose(Exposure, oneshot::Sender<bool>),
    Flush(oneshot::Sender<()>),
}

pub struct ExperimentCache {
    entries: Mutex<HashMap<Uuid, Entry>>,
    queue: mpsc::Sender<Message>,
}

impl ExperimentCache {
    /// Starts the exposure writer on the current runtime. It stops, after writing what is
    /// queued, when `stop` is cancelled or the cache is dropped; await the handle to be sure.
    pub fn start(pool: SqlitePool, stop: CancellationToken) -> (ExperimentCache, JoinHandle<()>) {
        let (sender, receiver) = mpsc::channel(QUEUE);
        let writer = tokio::spawn(write_exposures(pool, receiver, stop));
        let cache = ExperimentCache {
            entries: Mutex::default(),
            queue: sender,
        };
        (cache, writer)
    }

    /// The experiment's definition (`NotFound` when it does not exist).
    pub async fn load(
        &self,
        pool: &SqlitePool,
        id: Uuid,
    ) -> Result<Arc<LoadedExperiment>, DbError> {
        Ok(self.load_with_state(pool, id).await?.0)
    }

    /// The definition with the current status and winner.
    pub async fn load_with_state(
        &self,
        pool: &SqlitePool,
        id: Uuid,
    ) -> Result<(Arc<LoadedExperiment>, AssignmentState), DbError> {
        let generation = experiments::lifecycle_generation();
        let cached = self.lock().get(&id).map(|entry| {
            (
                entry.experiment.clone(),
                entry.state,
                entry.generation == generation,
            )
        });
        let (experiment, state) = match cached {
            Some((experiment, state, true)) => return Ok((experiment, state)),
            Some((experiment, _, false)) => {
                let state = experiments::assignment_state(pool, id)
                    .await?
                    .ok_or_else(|| DbError::NotFound {
                        entity: "experiment",
                        key: id.to_string(),
                    })?;
                (experiment, state)
            }
            None => load(pool, id).await?,
        };
        let mut entries = self.lock();
        if entries.len() >= CAPACITY && !entries.contains_key(&id) {
            entries.clear();
        }
        entries.insert(
            id,
            Entry {
                experiment: experiment.clone(),
                state,
                generation,
            },
        );
        Ok((experiment, state))
    }

    /// Records an exposure (counted once per user and experiment, only while it runs) and
    /// returns once it is committed, in a group with whatever else was waiting.
    pub async fn expose(&self, exposure: Exposure) -> Result<(), Problem> {
        let (done, committed) = oneshot::channel();
        self.queue
            .send(Message::Expose(exposure, done))
            .await
            .map_err(|_| Problem::internal())?;
        match committed.await {
            Ok(true) => Ok(()),
            _ => Err(Problem::new(
                domain::problem::ErrorCode::Unavailable,
                "the assignment could not be recorded; try again",
            )),
        }
    }

    /// Returns once every exposure queued before the call is committed (or given up).
    pub async fn flush(&self) {
        let (done, flushed) = oneshot::channel();
        if self.queue.send(Message::Flush(done)).await.is_ok() {
            let _ = flushed.await;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, Entry>> {
        // A panic while holding the lock cannot leave the map half-updated, so poison is moot.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

async fn load(
    pool: &SqlitePool,
    id: Uuid,
) -> Result<(Arc<LoadedExperiment>, AssignmentState), DbError> {
    let experiment = experiments::get(pool, id).await?;
    let definition = experiment
        .to_definition()
        .validate()
        .map_err(|_| DbError::Invalid {
            column: "experiments.definition",
        })?;
    let state = AssignmentState {
        status: experiment.status,
        winner_index: experiment
            .winner
            .as_deref()
            .and_then(|winner| definition.variant_index(winner)),
    };
    let loaded = LoadedExperiment {
        id,
        weights: definition.weights(),
        seed: experiment.seed,
        variants: experiment.variants,
        definition,
    };
    Ok((Arc::new(loaded), state))
}

/// Group commit: whatever is waiting goes into one transaction; flush requests are answered
/// after the transaction holding everything queued before them.
async fn write_exposures(
    pool: SqlitePool,
    mut queue: mpsc::Receiver<Message>,
    stop: CancellationToken,
) {
    let mut writer = Writer {
        pool,
        connection: None,
    };
    let mut group: Vec<Message> = Vec::with_capacity(MAX_GROUP);
    loop {
        let received = tokio::select! {
            received = queue.recv_many(&mut group, MAX_GROUP) => received,
            () = stop.cancelled() => {
                // Stopping: write whatever is still queued, then end.
                queue.close();
                while queue.recv_many(&mut group, MAX_GROUP).await > 0 {
                    write_group(&mut writer, &mut group).await;
                }
                return;
            }
        };
        if received == 0 {
            return;
        }
        write_group(&mut writer, &mut group).await;
    }
}

/// The exposure connection, opened on first use and again after a failure.
struct Writer {
    pool: SqlitePool,
    connection: Option<ExposureWriter>,
}

impl Writer {
    async fn record(&mut self, exposures: &[Exposure]) -> Result<u64, DbError> {
        if self.connection.is_none() {
            self.connection = Some(ExposureWriter::open(&self.pool).await?);
        }
        let connection = self.connection.as_mut().expect("just opened");
        let recorded = connection.record(exposures, Utc::now()).await;
        if recorded.is_err() {
            self.connection = None;
        }
        recorded
    }
}

async fn write_group(writer: &mut Writer, group: &mut Vec<Message>) {
    let mut exposures = Vec::with_capacity(group.len());
    let mut waiting = Vec::with_capacity(group.len());
    let mut flushes = Vec::new();
    for message in group.drain(..) {
        match message {
            Message::Expose(exposure, done) => {
                exposures.push(exposure);
                waiting.push(done);
            }
            Message::Flush(done) => flushes.push(done),
        }
    }
    let mut committed = exposures.is_empty();
    for attempt in 1..=WRITE_ATTEMPTS {
        if committed {
            break;
        }
        match writer.record(&exposures).await {
            Ok(_) => committed = true,
            Err(error) if attempt < WRITE_ATTEMPTS => {
                tracing::warn!(%error, attempt, "exposures could not be written; retrying");
                tokio::time::sleep(Duration::from_millis(100 * u64::from(attempt))).await;
            }
            Err(error) => {
                tracing::error!(%error, count = exposures.len(), "exposures could not be written; their requests fail");
            }
        }
    }
    for done in waiting {
        let _ = done.send(committed);
    }
    for done in flushes {
        let _ = done.send(());
    }
}
