//! Executing one run: load what it pins, feed its unfinished samples through the endpoint with
//! bounded concurrency, and close it with its summary.
//!
//! An interruption by the store (busy, a pool timeout) pauses the run, which stays `running`
//! and is tried again after a backoff: finished samples are skipped, so nothing is called
//! twice. A failure ends it as `failed` with a sentence for its page; when even that cannot be
//! written, the run is abandoned with its error alone, so that no run stays `running` with
//! nothing executing it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use domain::eval::{
    endpoint::Endpoint, metric::MetricName, record::Run, scoring::Scorer, status::RunStatus,
    summary::RunSummary,
};
use domain::prompt::{parameters::call_parameters, render::CompiledPrompt};
use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use super::Inner;
use super::failure::{RunFailure, Stop};
use super::sample::{Judge, RunContext, process_sample};
use super::writer::write_results;

/// The first pause after an interruption; it doubles up to `MAX_PAUSE`.
const FIRST_PAUSE: Duration = Duration::from_millis(500);
const MAX_PAUSE: Duration = Duration::from_secs(30);

pub async fn execute(
    inner: &Inner,
    run_id: Uuid,
    cancel: CancellationToken,
    lease_lost: &AtomicBool,
) {
    let mut pause = FIRST_PAUSE;
    loop {
        match attempt(inner, run_id, &cancel, lease_lost).await {
            Ok(()) => return,
            Err(Stop::Failed(failure)) => return fail(inner, run_id, failure).await,
            Err(Stop::Interrupted(cause)) => {
                tracing::warn!(run = %run_id, %cause, ?pause, "the store interrupted a run; it stays running and is tried again");
                tokio::select! {
                    () = cancel.cancelled() => return,
                    () = tokio::time::sleep(pause) => {}
                }
                pause = (pause * 2).min(MAX_PAUSE);
            }
        }
    }
}

/// One go at the run, from loading it to finishing it.
async fn attempt(
    inner: &Inner,
    run_id: Uuid,
    cancel: &CancellationToken,
    lease_lost: &AtomicBool,
) -> Result<(), Stop> {
    let run = match db::runs::get(&inner.pool, run_id).await {
        Ok(run) if run.status == RunStatus::Running => run,
        Ok(_) => return Ok(()),
        Err(error) => {
            return Err(Stop::from_store(
                error,
                "loading a run",
                RunFailure::ResultsNotStored,
            ));
        }
    };
    let context = Arc::new(prepare(inner, &run, cancel.child_token()).await?);
    tracing::info!(run = %run_id, "executing run");
    feed_samples(inner, &run, context).await?;
    if inner.shutdown.is_cancelled() || lease_lost.load(Ordering::Acquire) {
        // Left running in the store: the node that holds (or next claims) its lease resumes
        // it. A run cancelled by its user goes on to record the figures of what it finished.
        return Ok(());
    }
    let store_failed =
        |error| Stop::from_store(error, "finishing a run", RunFailure::ResultsNotStored);
    let results = db::runs::all_results(&inner.pool, run_id)
        .await
        .map_err(store_failed)?;
    let summary = RunSummary::compute(&run.metrics, &results);
    let finished = db::runs::finish(
        &inner.pool,
        run_id,
        RunStatus::Completed,
        Some(&summary),
        None,
    )
    .await
    .map_err(store_failed)?;
    tracing::info!(run = %run_id, status = finished.status.as_str(), "run finished");
    Ok(())
}

async fn prepare(inner: &Inner, run: &Run, cancel: CancellationToken) -> Result<RunContext, Stop> {
    let endpoint = db::endpoints::get(&inner.pool, run.endpoint_id)
        .await
        .map_err(|error| {
            Stop::from_store(error, "loading an endpoint", RunFailure::EndpointGone)
        })?;
    let version = db::prompts::get_version_by_id(&inner.pool, run.prompt_version_id)
        .await
        .map_err(|error| {
            Stop::from_store(error, "loading a prompt version", RunFailure::PromptGone)
        })?;
    let prompt = CompiledPrompt::compile(version.template.clone(), version.variables.clone())
        .map_err(|error| RunFailure::PromptDoesNotCompile(error.to_string()))?;
    let scorer = Scorer::new(&run.metrics).map_err(RunFailure::InvalidMetrics)?;
    let mut judges = Vec::new();
    for (index, metric) in run.metrics.iter().enumerate() {
        if metric.name != MetricName::LlmJudge {
            continue;
        }
        let judge: Endpoint = match &metric.judge_endpoint {
            Some(name) => db::endpoints::find(&inner.pool, name)
                .await
                .map_err(|error| {
                    Stop::from_store(
                        error,
                        "loading a judge endpoint",
                        RunFailure::JudgeGone(name.clone()),
                    )
                })?,
            None => endpoint.clone(),
        };
        judges.push(Judge {
            metric_index: index,
            rubric: metric.rubric.clone().unwrap_or_default(),
            permits: inner.permits.get(judge.id, judge.max_concurrency),
            endpoint: judge,
        });
    }
    let parameters = call_parameters(
        &endpoint.default_parameters,
        &version.model_config,
        &run.parameters,
    );
    Ok(RunContext {
        permits: inner.permits.get(endpoint.id, endpoint.max_concurrency),
        endpoint,
        model: run.model_name.clone(),
        prompt,
        variables: version.variables.clone(),
        scorer,
        judges,
        parameters,
        client: inner.client.clone(),
        cancel,
    })
}

/// Sends every sample without a result through `process_sample`, at most twice the endpoint's
/// concurrency in flight (the endpoint's semaphore does the real limiting; the slack keeps it
/// busy while finished samples are scored and written). When the result writer stops, so does
/// every call to the model: `context.cancel` is this attempt's own token.
async fn feed_samples(inner: &Inner, run: &Run, context: Arc<RunContext>) -> Result<(), Stop> {
    let unreadable = |error| {
        Stop::from_store(
            error,
            "reading a run's samples",
            RunFailure::DatasetUnreadable,
        )
    };
    let finished = db::runs::finished_samples(&inner.pool, run.id)
        .await
        .map_err(unreadable)?;
    let (_, mut cursor) =
        db::datasets::SampleCursor::open(&inner.pool, run.dataset_id, Some(run.dataset_version))
            .await
            .map_err(unreadable)?;
    let (sender, receiver) = mpsc::channel(1024);
    let writer = tokio::spawn(write_results(
        inner.pool.clone(),
        run.id,
        receiver,
        context.cancel.clone(),
    ));
    let in_flight = Arc::new(Semaphore::new(
        2 * context.endpoint.max_concurrency as usize,
    ));
    let stop = context.cancel.clone();
    let mut tasks = JoinSet::new();
    let mut position = 0i64;
    let mut read = Ok(());
    'samples: loop {
        let chunk = match cursor.next_chunk().await {
            Ok(chunk) if chunk.is_empty() => break,
            Ok(chunk) => chunk,
            Err(error) => {
                read = Err(unreadable(error));
                break;
            }
        };
        for sample in chunk {
            position += 1;
            if finished.contains(&sample.id) {
                continue;
            }
            let slot = tokio::select! {
                biased;
                () = stop.cancelled() => break 'samples,
                slot = in_flight.clone().acquire_owned() => slot.expect("never closed"),
            };
            let context = context.clone();
            let sender = sender.clone();
            let sample_position = position;
            tasks.spawn(async move {
                if let Some(result) = process_sample(&context, sample, sample_position).await {
                    // A closed channel means the writer stopped, and cancelled the rest.
                    let _ = sender.send(result).await;
                }
                drop(slot);
            });
            while tasks.try_join_next().is_some() {}
        }
    }
    while tasks.join_next().await.is_some() {}
    drop(sender);
    let written = match writer.await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(error)) => Err(Stop::from_store(
            error,
            "writing results",
            RunFailure::ResultsNotStored,
        )),
        Err(error) => {
            tracing::error!(run = %run.id, %error, "the result writer stopped");
            Err(RunFailure::ResultsNotStored.into())
        }
    };
    read.and(written)
}

/// Marks the run failed with the figures of the results written so far; when that cannot be
/// written, with its error alone.
async fn fail(inner: &Inner, run_id: Uuid, failure: RunFailure) {
    let reason = failure.to_string();
    tracing::warn!(run = %run_id, reason, "run failed");
    let summary = match db::runs::get(&inner.pool, run_id).await {
        Ok(run) => db::runs::all_results(&inner.pool, run_id)
            .await
            .ok()
            .map(|results| RunSummary::compute(&run.metrics, &results)),
        Err(_) => None,
    };
    let finished = db::runs::finish(
        &inner.pool,
        run_id,
        RunStatus::Failed,
        summary.as_ref(),
        Some(&reason),
    )
    .await;
    if let Err(error) = finished {
        tracing::error!(run = %run_id, %error, "could not mark a run failed with its figures");
        if let Err(error) = db::runs::abandon(&inner.pool, run_id, &reason).await {
            tracing::error!(run = %run_id, %error, "could not mark a run failed; the next start tries again");
        }
    }
}
