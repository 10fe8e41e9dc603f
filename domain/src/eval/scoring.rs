//! Scoring one sample's reply with every metric of a run, and the verdict that follows.

use super::metric::{MetricName, MetricSpec, compile_pattern, metric_keys};
use super::result::Score;
use super::scorers;
use crate::dataset::record::Sample;

/// What came back from the model for one sample.
#[derive(Debug, Clone, Copy)]
pub struct Reply<'a> {
    pub output: &'a str,
    pub latency_ms: u64,
    pub total_tokens: Option<u64>,
}

/// A run's metrics, prepared once (regexes compiled) and applied to every sample.
pub struct Scorer {
    metrics: Vec<Prepared>,
}

struct Prepared {
    key: String,
    spec: MetricSpec,
    regex: Option<regex::Regex>,
}

impl Scorer {
    /// Fails only on a pattern that does not compile, which validation has already refused.
    pub fn new(metrics: &[MetricSpec]) -> Result<Scorer, String> {
        let prepared = metric_keys(metrics)
            .into_iter()
            .zip(metrics)
            .map(|(key, spec)| {
                let regex = spec.pattern.as_deref().map(compile_pattern).transpose()?;
                Ok(Prepared {
                    key,
                    spec: spec.clone(),
                    regex,
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(Scorer { metrics: prepared })
    }

    /// The llm_judge metrics, by position, for the caller to ask a judge about.
    pub fn judges(&self) -> impl Iterator<Item = (usize, &MetricSpec)> {
        self.metrics
            .iter()
            .enumerate()
            .filter(|(_, metric)| metric.spec.name == MetricName::LlmJudge)
            .map(|(index, metric)| (index, &metric.spec))
    }

    /// Every metric's score, in the run's order. llm_judge scores are left as "not judged"
    /// errors for the caller to replace with [`Scorer::judged`].
    pub fn score(&self, sample: &Sample, reply: Reply<'_>) -> Vec<Score> {
        self.metrics
            .iter()
            .map(|metric| {
                let value = compute(metric, sample, reply);
                make_score(metric, value)
            })
            .collect()
    }

    /// The score of the llm_judge metric at `index` from the judge's parsed answer.
    pub fn judged(&self, index: usize, outcome: Result<f64, String>) -> Score {
        make_score(&self.metrics[index], outcome)
    }

    /// A score for every metric when there is no reply to score (the call failed).
    pub fn unscored(&self, reason: &str) -> Vec<Score> {
        self.metrics
            .iter()
            .map(|metric| make_score(metric, Err(reason.to_owned())))
            .collect()
    }
}

/// (passed, errored): a sample passes when no score errored and every thresholded score
/// meets its threshold; an error counts as a failure.
pub fn verdict(scores: &[Score], call_failed: bool) -> (bool, bool) {
    let errored = call_failed || scores.iter().any(|score| score.value.is_none());
    let passed = !errored && scores.iter().all(|score| score.passed != Some(false));
    (passed, errored)
}

fn make_score(metric: &Prepared, value: Result<f64, String>) -> Score {
    match value {
        Ok(value) => Score {
            metric: metric.key.clone(),
            value: Some(value),
            passed: metric
                .spec
                .threshold
                .map(|threshold| metric.spec.name.passes(value, threshold)),
            error: None,
        },
        Err(error) => Score {
            metric: metric.key.clone(),
            value: None,
            passed: metric.spec.threshold.map(|_| false),
            error: Some(error),
        },
    }
}

fn compute(metric: &Prepared, sample: &Sample, reply: Reply<'_>) -> Result<f64, String> {
    let output = reply.output;
    let spec = &metric.spec;
    let reference = || -> Result<&str, String> {
        match spec.value.as_deref() {
            Some(value) => Ok(value),
            None if sample.expected_output.is_empty() => {
                Err("the sample has no expected output to compare with".to_owned())
            }
            None => Ok(sample.expected_output.as_str()),
        }
    };
    Ok(match spec.name {
        MetricName::ExactMatch => scorers::exact_match(output, reference()?),
        MetricName::Contains => scorers::contains(output, reference()?),
        MetricName::Icontains => scorers::icontains(output, reference()?),
        MetricName::StartsWith => scorers::starts_with(output, reference()?),
        MetricName::Regex => scorers::regex_match(
            output,
            metric.regex.as_ref().ok_or("regex needs a pattern")?,
        ),
        MetricName::JsonValid => scorers::json_valid(output),
        MetricName::Levenshtein => scorers::levenshtein_similarity(output, reference()?),
        MetricName::TokenF1 => scorers::token_f1(output, reference()?),
        MetricName::Bleu => scorers::sentence_bleu(output, reference()?),
        MetricName::RougeL => scorers::rouge_l(output, reference()?),
        MetricName::Latency => reply.latency_ms as f64,
        MetricName::Tokens => reply
            .total_tokens
            .ok_or("the endpoint reported no token usage")? as f64,
        MetricName::LlmJudge => return Err("not judged".to_owned()),
    })
}

#[cfg(test)]
#[path = "scoring_tests.rs"]
mod tests;
