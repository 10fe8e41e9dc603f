//! Executing one run: load what it pins, feed its unfinished samples through the endpoint with
//! bounded concurrency, and close it with its summary.

use std::sync::Arc;

use domain::eval::{
    endpoint::Endpoint, metric::MetricName, record::Run, scoring::Scorer, status::RunStatus,
    summary::RunSummary,
};
use domain::prompt::render::CompiledPrompt;
use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use super::Inner;
use super::sample::{Judge, RunContext, process_sample};
use super::writer::write_results;
use domain::prompt::parameters::call_parameters;

pub async fn execute(inner: &Inner, run_id: Uuid, cancel: CancellationToken) {
    let run = match db::runs::get(&inner.pool, run_id).await {
        Ok(run) if run.status == RunStatus::Running => run,
        Ok(_) => return,
        Err(error) => {
            tracing::error!(run = %run_id, %error, "could not load a run to execute");
            return;
        }
    };
    let context = match prepare(inner, &run, cancel.clone()).await {
        Ok(context) => Arc::new(context),
        Err(reason) => {
            fail(inner, &run, &reason).await;
            return;
        }
    };
    tracing::info!(run = %run_id, "executing run");
    if let Err(reason) = feed_samples(inner, &run, context, &cancel).await {
        fail(inner, &run, &reason).await;
        return;
    }
    if inner.shutdown.is_cancelled() {
        // Left running in the store: the next start resumes it.
        return;
    }
    let summary = match db::runs::all_results(&inner.pool, run_id).await {
        Ok(results) => RunSummary::compute(&run.metrics, &results),
        Err(error) => return fail(inner, &run, &error.to_string()).await,
    };
    match db::runs::finish(
        &inner.pool,
        run_id,
        RunStatus::Completed,
        Some(&summary),
        None,
    )
    .await
    {
        Ok(run) => tracing::info!(run = %run_id, status = run.status.as_str(), "run finished"),
        Err(error) => tracing::error!(run = %run_id, %error, "could not finish a run"),
    }
}

async fn prepare(
    inner: &Inner,
    run: &Run,
    cancel: CancellationToken,
) -> Result<RunContext, String> {
    let endpoint = db::endpoints::get(&inner.pool, run.endpoint_id)
        .await
        .map_err(|error| format!("the endpoint could not be loaded: {error}"))?;
    let version = db::prompts::get_version_by_id(&inner.pool, run.prompt_version_id)
        .await
        .map_err(|error| format!("the prompt version could not be loaded: {error}"))?;
    let prompt = CompiledPrompt::compile(version.template.clone(), version.variables.clone())
        .map_err(|error| format!("the prompt does not compile: {error}"))?;
    let scorer = Scorer::new(&run.metrics)?;
    let mut judges = Vec::new();
    for (index, metric) in run.metrics.iter().enumerate() {
        if metric.name != MetricName::LlmJudge {
            continue;
        }
        let judge: Endpoint = match &metric.judge_endpoint {
            Some(name) => db::endpoints::find(&inner.pool, name)
                .await
                .map_err(|error| format!("the judge endpoint could not be loaded: {error}"))?,
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
/// busy while finished samples are scored and written).
async fn feed_samples(
    inner: &Inner,
    run: &Run,
    context: Arc<RunContext>,
    cancel: &CancellationToken,
) -> Result<(), String> {
    let finished = db::runs::finished_samples(&inner.pool, run.id)
        .await
        .map_err(|error| error.to_string())?;
    let (_, mut cursor) =
        db::datasets::SampleCursor::open(&inner.pool, run.dataset_id, Some(run.dataset_version))
            .await
            .map_err(|error| format!("the dataset could not be read: {error}"))?;
    let (sender, receiver) = mpsc::channel(1024);
    let writer = tokio::spawn(write_results(inner.pool.clone(), run.id, receiver));
    let in_flight = Arc::new(Semaphore::new(
        2 * context.endpoint.max_concurrency as usize,
    ));
    let mut tasks = JoinSet::new();
    let mut position = 0i64;
    'samples: loop {
        let chunk = cursor
            .next_chunk()
            .await
            .map_err(|error| format!("the dataset could not be read: {error}"))?;
        if chunk.is_empty() {
            break;
        }
        for sample in chunk {
            position += 1;
            if finished.contains(&sample.id) {
                continue;
            }
            let slot = tokio::select! {
                biased;
                () = cancel.cancelled() => break 'samples,
                slot = in_flight.clone().acquire_owned() => slot.expect("never closed"),
            };
            let context = context.clone();
            let sender = sender.clone();
            let sample_position = position;
            tasks.spawn(async move {
                if let Some(result) = process_sample(&context, sample, sample_position).await {
                    // A closed channel means the writer failed; the run fails with it.
                    let _ = sender.send(result).await;
                }
                drop(slot);
            });
            while tasks.try_join_next().is_some() {}
        }
    }
    while tasks.join_next().await.is_some() {}
    drop(sender);
    match writer.await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(error)) => Err(format!("results could not be written: {error}")),
        Err(error) => Err(format!("the result writer stopped: {error}")),
    }
}

/// Marks the run failed with the figures of the results written so far.
async fn fail(inner: &Inner, run: &Run, reason: &str) {
    tracing::warn!(run = %run.id, reason, "run failed");
    let summary = db::runs::all_results(&inner.pool, run.id)
        .await
        .ok()
        .map(|results| RunSummary::compute(&run.metrics, &results));
    if let Err(error) = db::runs::finish(
        &inner.pool,
        run.id,
        RunStatus::Failed,
        summary.as_ref(),
        Some(reason),
    )
    .await
    {
        tracing::error!(run = %run.id, %error, "could not mark a run failed");
    }
}
