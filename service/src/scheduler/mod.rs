//! The scheduler inside `llmops serve`: it fires due schedules, checks each scheduled run once
//! it has ended, and posts webhooks for regressions.
//!
//! Everything it knows is in the database (`schedules.last_fired_at`, `runs.check_result`,
//! `webhook_deliveries`), so a restarted server carries on where the last one stopped: a
//! schedule that missed ticks fires once, a run that ended unchecked is checked, a delivery
//! due is posted. Each pass is three public functions of `now`, which tests call directly
//! with a clock they move by hand.

mod check;
mod create;
mod deliver;
mod fire;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use db::Pool;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::Worker;
use crate::clock::Clock;

pub use check::CheckedRun;
pub use create::create_schedule;
pub use deliver::{ATTEMPT_TIMEOUT, DELIVERY_LEASE};
pub use fire::{FireReport, TickOutcome};

/// The longest the scheduler waits between passes when nothing wakes it.
const POLL: Duration = Duration::from_secs(1);

/// A handle to the scheduler; cheap to clone.
#[derive(Clone)]
pub struct Scheduler {
    inner: Arc<Inner>,
}

struct Inner {
    pool: Pool,
    worker: Worker,
    clock: Arc<dyn Clock>,
    /// The server's address as its users reach it, for the links in webhook payloads.
    public_url: String,
    http: reqwest::Client,
    wake: Notify,
}

impl Scheduler {
    /// A scheduler that does nothing until its passes are called; see [`Scheduler::start`].
    pub fn new(
        pool: Pool,
        worker: Worker,
        clock: Arc<dyn Clock>,
        public_url: impl Into<String>,
    ) -> Scheduler {
        Scheduler {
            inner: Arc::new(Inner {
                pool,
                worker,
                clock,
                public_url: public_url.into().trim_end_matches('/').to_owned(),
                http: deliver::http_client(),
                wake: Notify::new(),
            }),
        }
    }

    /// Starts the scheduler's loop: a pass at least every second, and at once when woken (a
    /// schedule was created or enabled) or when the worker ends a run. It stops when
    /// `shutdown` is cancelled.
    pub fn start(
        pool: Pool,
        worker: Worker,
        clock: Arc<dyn Clock>,
        public_url: impl Into<String>,
        shutdown: CancellationToken,
    ) -> (Scheduler, tokio::task::JoinHandle<()>) {
        let scheduler = Scheduler::new(pool, worker, clock, public_url);
        let task = tokio::spawn(scheduler.clone().run(shutdown));
        (scheduler, task)
    }

    /// Asks for a pass now.
    pub fn wake(&self) {
        self.inner.wake.notify_one();
    }

    /// The scheduler's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.inner.clock.now()
    }

    async fn run(self, shutdown: CancellationToken) {
        let mut run_ended = self.inner.worker.run_ended();
        loop {
            // A pass cut short by a shutdown leaves nothing half done: each write is one
            // transaction, and a claimed delivery is tried again when its lease ends.
            tokio::select! {
                () = shutdown.cancelled() => break,
                () = self.pass(self.now()) => {}
            }
            tokio::select! {
                () = shutdown.cancelled() => break,
                () = self.inner.wake.notified() => {}
                _ = run_ended.changed() => {}
                () = tokio::time::sleep(POLL) => {}
            }
        }
    }

    /// One pass: fire what is due, check what ended, deliver what is due. A failure is logged
    /// and the next pass tries again.
    pub async fn pass(&self, now: DateTime<Utc>) {
        if let Err(error) = self.fire_due(now).await {
            tracing::error!(%error, "could not fire the due schedules");
        }
        if let Err(error) = self.check_finished(now).await {
            tracing::error!(%error, "could not check the ended scheduled runs");
        }
        if let Err(error) = self.deliver_due(now).await {
            tracing::error!(%error, "could not deliver the due webhooks");
        }
    }
}
