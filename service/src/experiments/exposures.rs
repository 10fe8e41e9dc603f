//! The exposure writer: an assignment waits on a queue until one writer task has recorded its
//! exposure in a group commit with whatever else was waiting (`db::experiments::ExposureWriter`:
//! INSERT OR IGNORE, counters moved by the rows inserted, only while the experiment runs). An
//! assignment is therefore answered only once its exposure is committed, which survives a crash
//! of the server; that connection commits without fsync (see `ExposureWriter`), so an OS crash
//! or power loss can lose the last group. The writer drains the queue when the server stops.

use std::time::Duration;

use chrono::Utc;
use db::{
    DbError, Pool,
    experiments::{Exposure, ExposureWriter},
};
use domain::problem::{ErrorCode, Problem};
use tokio::{
    sync::{mpsc, oneshot},
    task::JoinHandle,
};
use tokio_util::sync::CancellationToken;

/// Most exposures written by one transaction.
const MAX_GROUP: usize = 2048;
/// Queued exposures before requests wait for room.
const QUEUE: usize = 65_536;
/// Attempts at writing one group before its exposures are given up (and logged).
const WRITE_ATTEMPTS: u32 = 3;

enum Message {
    /// Answered with whether the exposure was committed.
    Expose(Exposure, oneshot::Sender<bool>),
    Flush(oneshot::Sender<()>),
}

/// The sending side of the writer's queue.
pub struct ExposureQueue {
    queue: mpsc::Sender<Message>,
}

impl ExposureQueue {
    /// Starts the writer on the current runtime. It stops, after writing what is queued, when
    /// `stop` is cancelled or the queue is dropped; await the handle to be sure.
    pub fn start(pool: Pool, stop: CancellationToken) -> (ExposureQueue, JoinHandle<()>) {
        let (sender, receiver) = mpsc::channel(QUEUE);
        let writer = tokio::spawn(write_exposures(pool, receiver, stop));
        (ExposureQueue { queue: sender }, writer)
    }

    /// Records an exposure (counted once per user and experiment, only while it runs) and
    /// returns once it is committed.
    pub async fn expose(&self, exposure: Exposure) -> Result<(), Problem> {
        let (done, committed) = oneshot::channel();
        self.queue
            .send(Message::Expose(exposure, done))
            .await
            .map_err(|_| Problem::internal())?;
        match committed.await {
            Ok(true) => Ok(()),
            _ => Err(Problem::new(
                ErrorCode::Unavailable,
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
}

/// Group commit: whatever is waiting goes into one transaction; flush requests are answered
/// after the transaction holding everything queued before them.
async fn write_exposures(pool: Pool, mut queue: mpsc::Receiver<Message>, stop: CancellationToken) {
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
    pool: Pool,
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
