//! What assignment keeps in memory, so that `POST /experiments/{id}/assign` touches no
//! database on its way: each experiment's definition and status.
//!
//! - Definitions: an experiment's definition (variants, split, seed, metrics) never changes
//!   after creation, so a parsed and validated copy never goes stale. The map is bounded like
//!   the prompt cache.
//! - Status and winner: cached beside the definition together with
//!   `db::experiments::lifecycle_generation()` read *before* the status was read from the
//!   database. Every transition bumps that number after its commit, and so does hearing of
//!   another node's transition (`changes.rs`), so the next request sees the change and reads
//!   the status again.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use db::{
    DbError, Pool,
    experiments::{self, AssignmentState},
};
use domain::experiment::{definition::ValidExperiment, record::Variant};
use uuid::Uuid;

/// Experiments kept before the cache starts over; far more than those running at once.
const CAPACITY: usize = 1024;

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

#[derive(Default)]
pub struct ExperimentCache {
    entries: Mutex<HashMap<Uuid, Entry>>,
}

impl ExperimentCache {
    /// The experiment's definition (`NotFound` when it does not exist).
    pub async fn load(&self, pool: &Pool, id: Uuid) -> Result<Arc<LoadedExperiment>, DbError> {
        Ok(self.load_with_state(pool, id).await?.0)
    }

    /// The definition with the current status and winner.
    pub async fn load_with_state(
        &self,
        pool: &Pool,
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

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, Entry>> {
        // A panic while holding the lock cannot leave the map half-updated, so poison is moot.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

async fn load(pool: &Pool, id: Uuid) -> Result<(Arc<LoadedExperiment>, AssignmentState), DbError> {
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
