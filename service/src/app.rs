//! The one application state: the pool, the clock, the run worker, the scheduler and the two
//! caches. The REST router and the app's server functions share one `App`, so both doors see
//! the same caches and wake the same worker.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use db::SqlitePool;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::clock::Clock;
use crate::experiments::{cache::ExperimentCache, exposures::ExposureQueue};
use crate::prompts::cache::PromptCache;
use crate::{Scheduler, Worker};

/// Cheap to clone: every clone is the same state.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    pool: SqlitePool,
    clock: Arc<dyn Clock>,
    worker: Worker,
    scheduler: Scheduler,
    prompts: PromptCache,
    experiments: ExperimentCache,
    exposures: ExposureQueue,
}

/// The tasks an [`App`] started; [`BackgroundTasks::stop`] ends them in order.
pub struct BackgroundTasks {
    stop: CancellationToken,
    worker: JoinHandle<()>,
    scheduler: JoinHandle<()>,
    exposure_writer: JoinHandle<()>,
}

impl App {
    /// Starts the worker (which resumes the runs a stopped server left running), the scheduler
    /// and the exposure writer on the current runtime. `public_url` is where users reach the
    /// server, for the links in webhook payloads.
    pub fn start(
        pool: SqlitePool,
        clock: Arc<dyn Clock>,
        public_url: impl Into<String>,
    ) -> (App, BackgroundTasks) {
        let stop = CancellationToken::new();
        let (worker, worker_task) = Worker::start(pool.clone(), stop.clone());
        let (scheduler, scheduler_task) = Scheduler::start(
            pool.clone(),
            worker.clone(),
            clock.clone(),
            public_url,
            stop.clone(),
        );
        let (exposures, exposure_writer) = ExposureQueue::start(pool.clone(), stop.clone());
        let app = App {
            inner: Arc::new(Inner {
                pool,
                clock,
                worker,
                scheduler,
                prompts: PromptCache::default(),
                experiments: ExperimentCache::default(),
                exposures,
            }),
        };
        let tasks = BackgroundTasks {
            stop,
            worker: worker_task,
            scheduler: scheduler_task,
            exposure_writer,
        };
        (app, tasks)
    }

    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.inner.pool
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.inner.clock.now()
    }

    pub(crate) fn worker(&self) -> &Worker {
        &self.inner.worker
    }

    pub(crate) fn scheduler(&self) -> &Scheduler {
        &self.inner.scheduler
    }

    pub(crate) fn prompt_cache(&self) -> &PromptCache {
        &self.inner.prompts
    }

    pub(crate) fn experiment_cache(&self) -> &ExperimentCache {
        &self.inner.experiments
    }

    pub(crate) fn exposures(&self) -> &ExposureQueue {
        &self.inner.exposures
    }
}

impl BackgroundTasks {
    /// Stops the worker (its unfinished runs stay running in the store and resume on the next
    /// start), the scheduler, and the exposure writer once it has written what is queued.
    pub async fn stop(self) {
        self.stop.cancel();
        for (name, task) in [
            ("worker", self.worker),
            ("scheduler", self.scheduler),
            ("exposure writer", self.exposure_writer),
        ] {
            if let Err(error) = task.await {
                tracing::error!(%error, "the {name} stopped abnormally");
            }
        }
    }
}
