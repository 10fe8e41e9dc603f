//! A run's results in figures: totals, pass rate, each metric's mean and distribution, latency
//! percentiles and token usage.

use serde::{Deserialize, Serialize};

use super::metric::{MetricName, MetricSpec, metric_keys};
use super::result::SampleResult;
use super::scorers;

pub const HISTOGRAM_BINS: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunSummary {
    /// Samples with a result.
    pub total: u64,
    pub passed: u64,
    /// Scored but below a threshold.
    pub failed: u64,
    /// The call or a metric failed; these count as failures in the pass rate.
    pub errored: u64,
    /// passed / total; 0 when there is nothing yet.
    pub pass_rate: f64,
    pub metrics: Vec<MetricSummary>,
    pub latency_ms: Option<Spread>,
    pub tokens: TokenUsage,
    /// Corpus BLEU-4 over every sample with an output and an expected output (no smoothing),
    /// when the run scores bleu.
    pub corpus_bleu: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricSummary {
    pub metric: String,
    pub name: MetricName,
    pub threshold: Option<f64>,
    /// Samples with a value for this metric.
    pub count: u64,
    pub errors: u64,
    /// Samples whose value met the threshold (None without a threshold).
    pub passed: Option<u64>,
    pub mean: Option<f64>,
    pub spread: Option<Spread>,
    pub histogram: Histogram,
}

/// Percentiles use linear interpolation between the closest ranks (numpy's default).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    pub min: f64,
    pub p50: f64,
    pub p95: f64,
    pub max: f64,
    pub mean: f64,
}

/// `counts[i]` values fell in `[edges[i], edges[i + 1])`; the last bin also holds its upper edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    pub edges: Vec<f64>,
    pub counts: Vec<u64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct TokenUsage {
    pub prompt: u64,
    pub completion: u64,
    pub total: u64,
}

impl RunSummary {
    pub fn compute(metrics: &[MetricSpec], results: &[SampleResult]) -> RunSummary {
        let total = results.len() as u64;
        let passed = results.iter().filter(|r| r.passed).count() as u64;
        let errored = results.iter().filter(|r| r.errored).count() as u64;
        let latencies: Vec<f64> = results
            .iter()
            .filter(|r| r.output.is_some())
            .filter_map(|r| r.latency_ms.map(|ms| ms as f64))
            .collect();
        let mut tokens = TokenUsage::default();
        for result in results {
            tokens.prompt += result.prompt_tokens.unwrap_or(0);
            tokens.completion += result.completion_tokens.unwrap_or(0);
        }
        tokens.total = tokens.prompt + tokens.completion;
        let summaries = metric_keys(metrics)
            .into_iter()
            .zip(metrics)
            .map(|(key, spec)| summarize_metric(key, spec, results))
            .collect();
        let corpus_bleu = metrics.iter().any(|m| m.name == MetricName::Bleu).then(|| {
            scorers::corpus_bleu(results.iter().filter_map(|r| {
                Some(scorers::bleu_stats(
                    r.output.as_deref()?,
                    &r.expected_output,
                ))
            }))
        });
        RunSummary {
            total,
            passed,
            failed: total - passed - errored,
            errored,
            pass_rate: if total == 0 {
                0.0
            } else {
                passed as f64 / total as f64
            },
            metrics: summaries,
            latency_ms: spread(latencies),
            tokens,
            corpus_bleu,
        }
    }
}

fn summarize_metric(key: String, spec: &MetricSpec, results: &[SampleResult]) -> MetricSummary {
    let scores: Vec<_> = results.iter().filter_map(|r| r.score(&key)).collect();
    let values: Vec<f64> = scores.iter().filter_map(|s| s.value).collect();
    let errors = scores.iter().filter(|s| s.value.is_none()).count() as u64;
    let passed = spec
        .threshold
        .map(|_| scores.iter().filter(|s| s.passed == Some(true)).count() as u64);
    let (low, high) = if spec.name.is_unit_score() {
        (0.0, 1.0)
    } else {
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if values.is_empty() {
            (0.0, 1.0)
        } else if max > min {
            (min, max)
        } else {
            (min, min + 1.0)
        }
    };
    MetricSummary {
        metric: key,
        name: spec.name,
        threshold: spec.threshold,
        count: values.len() as u64,
        errors,
        passed,
        mean: mean(&values),
        histogram: histogram(&values, low, high),
        spread: spread(values),
    }
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

pub fn spread(mut values: Vec<f64>) -> Option<Spread> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    Some(Spread {
        min: values[0],
        p50: quantile(&values, 0.5),
        p95: quantile(&values, 0.95),
        max: values[values.len() - 1],
        mean: mean(&values).unwrap_or_default(),
    })
}

/// The q-quantile of sorted values, interpolating linearly between the closest ranks.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    let rank = q * (sorted.len() - 1) as f64;
    let below = rank.floor() as usize;
    let above = rank.ceil() as usize;
    sorted[below] + (sorted[above] - sorted[below]) * (rank - below as f64)
}

pub fn histogram(values: &[f64], low: f64, high: f64) -> Histogram {
    let width = (high - low) / HISTOGRAM_BINS as f64;
    let edges = (0..=HISTOGRAM_BINS)
        .map(|i| low + width * i as f64)
        .collect();
    let mut counts = vec![0; HISTOGRAM_BINS];
    for value in values {
        let bin = (((value - low) / width).floor().max(0.0) as usize).min(HISTOGRAM_BINS - 1);
        counts[bin] += 1;
    }
    Histogram { edges, counts }
}

#[cfg(test)]
#[path = "summary_tests.rs"]
mod tests;
