//! What assignment keeps in memory, so that `POST /experiments/{id}/assign` costs one indexed
//! read (status, winner and the user's exposure) plus, for a user seen for the first time, a
//! place in the next group commit of exposures.
//!
//! - Definitions: an experiment's definition (variants, split, seed, metrics) never changes
//!   after creation, so a parsed and validated copy never goes stale; only status and winner
//!   change, and those are read from the database on every request, whoever changed them (the
//!   REST API or the web UI). The map is bounded like the prompt cache.
//! - Exposures: one writer task takes every exposure waiting at that moment and records them in
//!   one transaction (`db::experiments::record_exposures`), then answers each request. A request
//!   is acknowledged only after its exposure is committed, so durability holds, while one fsync
//!   serves every request that arrived during the previous one.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use chrono::Utc;
use db::{
    DbError, SqlitePool,
    experiments::{self, Exposure},
};
use domain::{
    experiment::{definition::ValidExperiment, record::Variant},
    problem::Problem,
};
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

/// Definitions kept before the cache starts over; far more than the experiments running at once.
const CAPACITY: usize = 1024;
/// Most exposures written by one transaction.
const MAX_GROUP: usize = 1024;
/// Exposures waiting for the writer before senders wait for room.
const QUEUE: usize = 8192;

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

struct Pending {
    exposure: Exposure,
    done: oneshot::Sender<Result<(), Problem>>,
}

pub struct ExperimentCache {
    entries: Mutex<HashMap<Uuid, Arc<LoadedExperiment>>>,
    exposures: mpsc::Sender<Pending>,
}

impl ExperimentCache {
    /// Starts the exposure writer on the current runtime; it stops when the cache is dropped.
    pub fn start(pool: SqlitePool) -> ExperimentCache {
        let (sender, receiver) = mpsc::channel(QUEUE);
        tokio::spawn(write_exposures(pool, receiver));
        ExperimentCache {
            entries: Mutex::default(),
            exposures: sender,
        }
    }

    /// The experiment's definition, from memory or the database (`NotFound` when it does not
    /// exist).
    pub async fn load(
        &self,
        pool: &SqlitePool,
        id: Uuid,
    ) -> Result<Arc<LoadedExperiment>, DbError> {
        if let Some(hit) = self.lock().get(&id) {
            return Ok(hit.clone());
        }
        let experiment = experiments::get(pool, id).await?;
        let definition = experiment
            .to_definition()
            .validate()
            .map_err(|_| DbError::Invalid {
                column: "experiments.definition",
            })?;
        let loaded = Arc::new(LoadedExperiment {
            id,
            weights: definition.weights(),
            seed: experiment.seed,
            variants: experiment.variants,
            definition,
        });
        let mut entries = self.lock();
        if entries.len() >= CAPACITY {
            entries.clear();
        }
        entries.insert(id, loaded.clone());
        Ok(loaded)
    }

    /// Counts an exposure (once per user and experiment, only while it runs) and returns when
    /// it is committed.
    pub async fn expose(&self, exposure: Exposure) -> Result<(), Problem> {
        let (done, committed) = oneshot::channel();
        self.exposures
            .send(Pending { exposure, done })
            .await
            .map_err(|_| Problem::internal())?;
        committed.await.map_err(|_| Problem::internal())?
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, Arc<LoadedExperiment>>> {
        // A panic while holding the lock cannot leave the map half-updated, so poison is moot.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Group commit: whatever is waiting goes into one transaction.
async fn write_exposures(pool: SqlitePool, mut queue: mpsc::Receiver<Pending>) {
    let mut group: Vec<Pending> = Vec::with_capacity(MAX_GROUP);
    while queue.recv_many(&mut group, MAX_GROUP).await > 0 {
        let (exposures, waiting): (Vec<Exposure>, Vec<_>) =
            group.drain(..).map(|p| (p.exposure, p.done)).unzip();
        let outcome = experiments::record_exposures(&pool, &exposures, Utc::now())
            .await
            .map(|_| ())
            .map_err(Problem::from);
        for done in waiting {
            // The request may have gone away meanwhile; its exposure is recorded all the same.
            let _ = done.send(outcome.clone());
        }
    }
}
