//! One sample of a run: render, call, score, judge.

use std::sync::Arc;

use chrono::Utc;
use domain::dataset::record::Sample;
use domain::eval::{
    bindings::sample_variables,
    endpoint::Endpoint,
    result::SampleResult,
    scorers::{judge_messages, parse_judge_score},
    scoring::{Reply, Scorer, verdict},
};
use domain::prompt::render::{CompiledPrompt, Rendered};
use domain::prompt::template::{ChatMessage, ChatRole};
use domain::prompt::variables::VariableSpec;
use serde_json::{Map, Value, json};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

use crate::client::{ModelClient, call_with_retries};

/// What every sample of a run shares.
pub struct RunContext {
    pub endpoint: Endpoint,
    pub permits: Arc<Semaphore>,
    pub model: String,
    pub prompt: CompiledPrompt,
    pub variables: Vec<VariableSpec>,
    pub scorer: Scorer,
    pub judges: Vec<Judge>,
    pub parameters: Map<String, Value>,
    pub client: ModelClient,
    pub cancel: CancellationToken,
}

/// An llm_judge metric of the run and where it sends its questions.
pub struct Judge {
    pub metric_index: usize,
    pub rubric: String,
    pub endpoint: Endpoint,
    pub permits: Arc<Semaphore>,
}

/// The sample's result, or None when the run was cancelled before it had one.
pub async fn process_sample(
    context: &RunContext,
    sample: Sample,
    position: i64,
) -> Option<SampleResult> {
    let mut result = SampleResult {
        sample_id: sample.id,
        position,
        input: sample.input.clone(),
        expected_output: sample.expected_output.clone(),
        rendered: None,
        output: None,
        scores: Vec::new(),
        passed: false,
        errored: true,
        error: None,
        latency_ms: None,
        prompt_tokens: None,
        completion_tokens: None,
        attempts: 0,
        finished_at: Utc::now(),
    };
    let rendered = match context
        .prompt
        .render(&sample_variables(&sample, &context.variables))
    {
        Ok(rendered) => rendered,
        Err(error) => {
            let details: Vec<String> = error.details().iter().map(|d| d.to_string()).collect();
            let reason = format!(
                "the prompt could not be rendered: {error} ({})",
                details.join("; ")
            );
            result.scores = context.scorer.unscored(&reason);
            result.error = Some(reason);
            return Some(result);
        }
    };
    let messages = to_messages(&rendered);
    result.rendered = Some(rendered);
    let call = call_with_retries(
        &context.client,
        &context.endpoint,
        &context.permits,
        &context.model,
        &messages,
        &context.parameters,
        &context.cancel,
    )
    .await?;
    result.attempts = call.attempts;
    result.latency_ms = Some(call.latency_ms);
    let completion = match call.result {
        Ok(completion) => completion,
        Err(error) => {
            let reason = if call.attempts > 1 {
                format!("{} (after {} attempts)", error.message, call.attempts)
            } else {
                error.message
            };
            result.scores = context.scorer.unscored("the model call failed");
            result.error = Some(reason);
            result.finished_at = Utc::now();
            return Some(result);
        }
    };
    result.prompt_tokens = completion.prompt_tokens;
    result.completion_tokens = completion.completion_tokens;
    let reply = Reply {
        output: &completion.text,
        latency_ms: call.latency_ms,
        total_tokens: match (completion.prompt_tokens, completion.completion_tokens) {
            (None, None) => None,
            (prompt, done) => Some(prompt.unwrap_or(0) + done.unwrap_or(0)),
        },
    };
    let mut scores = context.scorer.score(&sample, reply);
    for judge in &context.judges {
        let outcome = judge_one(context, judge, &sample, &completion.text).await?;
        scores[judge.metric_index] = context.scorer.judged(judge.metric_index, outcome);
    }
    let (passed, errored) = verdict(&scores, false);
    result.scores = scores;
    result.passed = passed;
    result.errored = errored;
    result.error = errored.then(|| {
        result
            .scores
            .iter()
            .filter_map(|s| s.error.as_ref().map(|e| format!("{}: {e}", s.metric)))
            .collect::<Vec<_>>()
            .join("; ")
    });
    result.output = Some(completion.text);
    result.finished_at = Utc::now();
    Some(result)
}

/// The judge's grade in [0, 1]; an answer without a readable score is an error, never a zero.
async fn judge_one(
    context: &RunContext,
    judge: &Judge,
    sample: &Sample,
    output: &str,
) -> Option<Result<f64, String>> {
    let messages: Vec<ChatMessage> = judge_messages(
        &judge.rubric,
        &sample.input,
        &sample.expected_output,
        output,
    )
    .into_iter()
    .map(|(role, content)| ChatMessage {
        role: if role == "system" {
            ChatRole::System
        } else {
            ChatRole::User
        },
        content,
    })
    .collect();
    let mut parameters = judge.endpoint.default_parameters.clone();
    parameters.insert("temperature".into(), json!(0));
    parameters.entry("max_tokens").or_insert(json!(256));
    let call = call_with_retries(
        &context.client,
        &judge.endpoint,
        &judge.permits,
        &judge.endpoint.model,
        &messages,
        &parameters,
        &context.cancel,
    )
    .await?;
    Some(match call.result {
        Ok(answer) => parse_judge_score(&answer.text).map_err(|error| error.to_string()),
        Err(error) => Err(format!("the judge call failed: {}", error.message)),
    })
}

/// A text prompt is sent as one user message.
fn to_messages(rendered: &Rendered) -> Vec<ChatMessage> {
    match rendered {
        Rendered::Text { text } => vec![ChatMessage {
            role: ChatRole::User,
            content: text.clone(),
        }],
        Rendered::Chat { messages } => messages.clone(),
    }
}
