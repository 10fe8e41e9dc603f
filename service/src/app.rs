//! The one application state: the pool, the clock, the run worker, the scheduler and the two
//! caches. The REST router and the app's server functions share one `App`, so both doors see
//! the same caches and wake the same worker.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use db::{DatabaseUrl, Pool};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::access::state::AccessState;
use crate::clock::Clock;
use crate::experiments::{cache::ExperimentCache, changes, exposures::ExposureQueue};
use crate::prompts::cache::PromptCache;
use crate::worker::NodeIdentity;
use crate::{Scheduler, Worker};

/// Cheap to clone: every clone is the same state.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

/// What a node is started with besides its pool and clock.
#[derive(Debug, Clone)]
pub struct AppSettings {
    /// Where users reach the server, for the links in webhook payloads.
    pub public_url: String,
    pub node: NodeIdentity,
    /// The database the pool was opened on; PostgreSQL nodes listen on it for changes other
    /// nodes make.
    pub database: DatabaseUrl,
    /// The one-time code of the setup page, while the server has no account.
    pub setup_code: Option<String>,
    /// The environment variables endpoints may name as their API key, each with its origin.
    pub key_bindings: crate::client::KeyBindings,
}

struct Inner {
    pool: Pool,
    node: NodeIdentity,
    clock: Arc<dyn Clock>,
    worker: Worker,
    scheduler: Scheduler,
    prompts: PromptCache,
    experiments: ExperimentCache,
    exposures: ExposureQueue,
    access: AccessState,
    secure_cookies: bool,
}

/// The tasks an [`App`] started; [`BackgroundTasks::stop`] ends them in order.
pub struct BackgroundTasks {
    stop: CancellationToken,
    worker: JoinHandle<()>,
    scheduler: JoinHandle<()>,
    exposure_writer: JoinHandle<()>,
    experiment_changes: JoinHandle<()>,
}

impl App {
    /// Starts the worker (which claims queued runs and runs whose node is gone), the
    /// scheduler, the exposure writer and the watch on other nodes' experiment changes on the
    /// current runtime.
    pub fn start(
        pool: Pool,
        clock: Arc<dyn Clock>,
        settings: AppSettings,
    ) -> (App, BackgroundTasks) {
        let stop = CancellationToken::new();
        let secure_cookies = settings.public_url.starts_with("https://");
        let (worker, worker_task) = Worker::start_with_client(
            pool.clone(),
            settings.node.clone(),
            crate::client::ModelClient::with_keys(settings.key_bindings.clone()),
            stop.clone(),
        );
        let (scheduler, scheduler_task) = Scheduler::start(
            pool.clone(),
            worker.clone(),
            clock.clone(),
            settings.public_url,
            stop.clone(),
        );
        let (exposures, exposure_writer) = ExposureQueue::start(pool.clone(), stop.clone());
        let experiment_changes = tokio::spawn(changes::watch(
            pool.clone(),
            settings.database,
            stop.clone(),
        ));
        let setup_code = settings.setup_code;
        let app = App {
            inner: Arc::new(Inner {
                pool,
                node: settings.node,
                clock,
                worker,
                scheduler,
                prompts: PromptCache::default(),
                experiments: ExperimentCache::default(),
                exposures,
                access: AccessState::default(),
                secure_cookies,
            }),
        };
        app.access().set_setup_code(setup_code);
        let tasks = BackgroundTasks {
            stop,
            worker: worker_task,
            scheduler: scheduler_task,
            exposure_writer,
            experiment_changes,
        };
        (app, tasks)
    }

    pub(crate) fn pool(&self) -> &Pool {
        &self.inner.pool
    }

    pub(crate) fn node(&self) -> &NodeIdentity {
        &self.inner.node
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

    /// Whether cookies must be `Secure`: users reach the server over https.
    pub fn secure_cookies(&self) -> bool {
        self.inner.secure_cookies
    }

    pub(crate) fn access(&self) -> &AccessState {
        &self.inner.access
    }
}

impl BackgroundTasks {
    /// Stops the worker (its unfinished runs stay running in the store, their leases handed
    /// back, for any node to resume), the scheduler, the exposure writer once it has written
    /// what is queued, and the watch on experiment changes.
    pub async fn stop(self) {
        self.stop.cancel();
        for (name, task) in [
            ("worker", self.worker),
            ("scheduler", self.scheduler),
            ("exposure writer", self.exposure_writer),
            ("experiment watch", self.experiment_changes),
        ] {
            if let Err(error) = task.await {
                tracing::error!(%error, "the {name} stopped abnormally");
            }
        }
    }
}
