//! Runs and sample results built by hand for the comparison tests.

use chrono::{DateTime, Utc};
use serde_json::Map;
use uuid::Uuid;

use crate::eval::metric::MetricSpec;
use crate::eval::record::{Progress, Run};
use crate::eval::result::{SampleResult, Score};
use crate::eval::status::RunStatus;

pub const DATASET: Uuid = Uuid::from_u128(0xd47a);
pub const PROMPT_VERSION: Uuid = Uuid::from_u128(0x9f01);
pub const ENDPOINT: Uuid = Uuid::from_u128(0xe0d1);

fn epoch() -> DateTime<Utc> {
    DateTime::from_timestamp(1_750_000_000, 0).unwrap()
}

/// A completed run of DATASET version 1, prompt `support` 1.0.0 on endpoint `local` (model
/// `llama`), with these metrics.
pub fn run(id: u128, metrics: Vec<MetricSpec>) -> Run {
    Run {
        id: Uuid::from_u128(id),
        name: format!("run {id}"),
        dataset_id: DATASET,
        dataset: "golden".into(),
        dataset_version: 1,
        prompt_name: "support".into(),
        prompt_version: "1.0.0".into(),
        prompt_version_id: PROMPT_VERSION,
        endpoint_id: ENDPOINT,
        endpoint: "local".into(),
        model_name: "llama".into(),
        metrics,
        parameters: Map::new(),
        status: RunStatus::Completed,
        progress: Progress::default(),
        results: None,
        error: None,
        schedule_id: None,
        check: None,
        created_at: epoch(),
        queued_at: Some(epoch()),
        start_time: Some(epoch()),
        end_time: Some(epoch()),
    }
}

pub fn sample_id(index: usize) -> Uuid {
    Uuid::from_u128(0x5a00_0000 + index as u128)
}

/// The result of sample `index` (at position `index`), with these `(metric, value)` scores.
pub fn result(index: usize, passed: bool, scores: &[(&str, Option<f64>)]) -> SampleResult {
    SampleResult {
        sample_id: sample_id(index),
        position: index as i64,
        input: format!("question {index}"),
        expected_output: format!("answer {index}"),
        rendered: None,
        output: Some(format!(
            "output {index} {}",
            if passed { "ok" } else { "wrong" }
        )),
        scores: scores
            .iter()
            .map(|(metric, value)| Score {
                metric: (*metric).to_owned(),
                value: *value,
                passed: None,
                error: value.is_none().then(|| "could not score".to_owned()),
            })
            .collect(),
        passed,
        errored: false,
        error: None,
        latency_ms: Some(100),
        prompt_tokens: Some(10),
        completion_tokens: Some(5),
        attempts: 1,
        finished_at: epoch(),
    }
}

/// `x ← (1664525 x + 1013904223) mod 2³²`, yielding `x / 2³²`: the generator of
/// known_answers.py, so both sides build the same data.
pub fn lcg(seed: u32, n: usize) -> Vec<f64> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            f64::from(x) / 4_294_967_296.0
        })
        .collect()
}
