//! Whether a comparison compares like with like, and what it can attribute a change to.
//!
//! A comparison is meant to change one thing at a time: the prompt version, the model, or the
//! call parameters. Changing exactly one of them is the normal use and gets a note. The
//! following get a warning:
//!
//! | Field | When |
//! | --- | --- |
//! | `dataset_version` | the runs evaluate different versions of the dataset: samples may have changed |
//! | `prompt_name` | the runs use different prompts entirely |
//! | `changes` | two or more of prompt (name or version), model (endpoint or model name) and call parameters changed together, so a difference cannot be attributed to one of them |
//! | `metrics.<key>.threshold` | a metric of both runs has different thresholds: pass and fail are judged differently |
//! | `metrics.<key>` | a metric of both runs has different settings (value, pattern, rubric, judge endpoint): its scores measure different things; or a metric with a threshold is scored by one run only |
//! | `samples` | some samples are in one run only; they are left out of every figure |
//! | `errored` | the runs have different numbers of errored paired samples: errors count as failures, so part of a change may come from the endpoint rather than the answers |

use super::pairing::{Pair, Pairing};
use super::report::Notice;
use crate::eval::metric::{MetricSpec, metric_keys};
use crate::eval::record::Run;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Review {
    pub warnings: Vec<Notice>,
    pub notes: Vec<Notice>,
}

/// One of the things a comparison can attribute a change to.
struct Change {
    field: &'static str,
    description: String,
}

pub fn review(base: &Run, candidate: &Run, pairing: &Pairing<'_>) -> Review {
    let mut review = Review::default();
    if base.dataset_version != candidate.dataset_version {
        review.warnings.push(Notice::new(
            "dataset_version",
            format!(
                "base uses dataset version {}, candidate version {}: samples may have changed",
                base.dataset_version, candidate.dataset_version
            ),
        ));
    }
    if base.prompt_name != candidate.prompt_name {
        review.warnings.push(Notice::new(
            "prompt_name",
            format!(
                "base uses prompt \"{}\", candidate prompt \"{}\": a different prompt entirely",
                base.prompt_name, candidate.prompt_name
            ),
        ));
    }
    attribute(base, candidate, &mut review);
    review_metrics(base, candidate, &mut review.warnings);
    review_samples(pairing, &mut review.warnings);
    review
}

fn attribute(base: &Run, candidate: &Run, review: &mut Review) {
    let changes = changes(base, candidate);
    match changes.as_slice() {
        [] => {
            let dataset = if base.dataset_version == candidate.dataset_version {
                ""
            } else {
                "; only the dataset version differs"
            };
            review.notes.push(Notice::new(
                "runs",
                format!(
                    "the runs use the same prompt version, model and call parameters{dataset}: other differences come from the model's nondeterminism"
                ),
            ));
        }
        [only] if only.field != "prompt_name" => review.notes.push(Notice::new(
            only.field,
            format!(
                "only the {} changed, so differences can be attributed to it",
                only.description
            ),
        )),
        [_] => {}
        several => {
            let descriptions: Vec<&str> = several.iter().map(|c| c.description.as_str()).collect();
            review.warnings.push(Notice::new(
                "changes",
                format!(
                    "{} changed together: the comparison cannot tell which of them caused a difference",
                    join_and(&descriptions)
                ),
            ));
        }
    }
}

fn changes(base: &Run, candidate: &Run) -> Vec<Change> {
    let mut changes = Vec::new();
    if base.prompt_name != candidate.prompt_name {
        changes.push(Change {
            field: "prompt_name",
            description: format!(
                "prompt ({} {} → {} {})",
                base.prompt_name,
                base.prompt_version,
                candidate.prompt_name,
                candidate.prompt_version
            ),
        });
    } else if base.prompt_version_id != candidate.prompt_version_id {
        changes.push(Change {
            field: "prompt_version",
            description: format!(
                "prompt version ({} → {})",
                base.prompt_version, candidate.prompt_version
            ),
        });
    }
    if base.model_name != candidate.model_name {
        changes.push(Change {
            field: "model_name",
            description: format!("model ({} → {})", base.model_name, candidate.model_name),
        });
    } else if base.endpoint_id != candidate.endpoint_id || base.endpoint != candidate.endpoint {
        changes.push(Change {
            field: "endpoint",
            description: format!("endpoint ({} → {})", base.endpoint, candidate.endpoint),
        });
    }
    let mut keys: Vec<&String> = base.parameters.keys().collect();
    keys.extend(
        candidate
            .parameters
            .keys()
            .filter(|key| !base.parameters.contains_key(*key)),
    );
    let differing: Vec<&str> = keys
        .into_iter()
        .filter(|key| base.parameters.get(*key) != candidate.parameters.get(*key))
        .map(String::as_str)
        .collect();
    if !differing.is_empty() {
        changes.push(Change {
            field: "parameters",
            description: format!("call parameters ({})", differing.join(", ")),
        });
    }
    changes
}

fn review_metrics(base: &Run, candidate: &Run, warnings: &mut Vec<Notice>) {
    let base_keys = metric_keys(&base.metrics);
    let candidate_keys = metric_keys(&candidate.metrics);
    for (key, spec) in base_keys.iter().zip(&base.metrics) {
        match candidate_keys.iter().position(|k| k == key) {
            Some(index) => compare_specs(key, spec, &candidate.metrics[index], warnings),
            None => only_in(key, spec, "base", warnings),
        }
    }
    for (key, spec) in candidate_keys.iter().zip(&candidate.metrics) {
        if !base_keys.contains(key) {
            only_in(key, spec, "candidate", warnings);
        }
    }
}

fn compare_specs(key: &str, base: &MetricSpec, candidate: &MetricSpec, warnings: &mut Vec<Notice>) {
    if base.threshold != candidate.threshold {
        warnings.push(Notice::new(
            format!("metrics.{key}.threshold"),
            format!(
                "the threshold of {key} is {} in base and {} in candidate: pass and fail are judged differently",
                threshold(base.threshold),
                threshold(candidate.threshold)
            ),
        ));
    }
    let settings = [
        ("value", base.value != candidate.value),
        ("pattern", base.pattern != candidate.pattern),
        ("rubric", base.rubric != candidate.rubric),
        (
            "judge_endpoint",
            base.judge_endpoint != candidate.judge_endpoint,
        ),
    ];
    let differing: Vec<&str> = settings
        .iter()
        .filter(|(_, differs)| *differs)
        .map(|(name, _)| *name)
        .collect();
    if !differing.is_empty() {
        warnings.push(Notice::new(
            format!("metrics.{key}"),
            format!(
                "{key} is configured differently ({}): its scores measure different things",
                differing.join(", ")
            ),
        ));
    }
}

fn only_in(key: &str, spec: &MetricSpec, side: &str, warnings: &mut Vec<Notice>) {
    if let Some(value) = spec.threshold {
        warnings.push(Notice::new(
            format!("metrics.{key}"),
            format!(
                "{key} (threshold {value}) is scored in the {side} run only, so pass and fail are judged differently"
            ),
        ));
    }
}

fn review_samples(pairing: &Pairing<'_>, warnings: &mut Vec<Notice>) {
    let (base_only, candidate_only) = (pairing.base_only.count, pairing.candidate_only.count);
    if base_only + candidate_only > 0 {
        let mut parts = Vec::new();
        if base_only > 0 {
            parts.push(format!("{} only in the base run", samples(base_only)));
        }
        if candidate_only > 0 {
            parts.push(format!(
                "{} only in the candidate run",
                samples(candidate_only)
            ));
        }
        warnings.push(Notice::new(
            "samples",
            format!("{}: they are left out of every figure", parts.join(" and ")),
        ));
    }
    let errored =
        |pick: fn(&Pair<'_>) -> bool| pairing.pairs.iter().filter(|pair| pick(pair)).count();
    let base_errored = errored(|pair| pair.base.errored);
    let candidate_errored = errored(|pair| pair.candidate.errored);
    if base_errored != candidate_errored {
        warnings.push(Notice::new(
            "errored",
            format!(
                "{candidate_errored} paired samples errored in the candidate and {base_errored} in the base: errors count as failures, so part of the change may come from the endpoint rather than the answers"
            ),
        ));
    }
}

fn samples(count: u64) -> String {
    if count == 1 {
        "1 sample is".to_owned()
    } else {
        format!("{count} samples are")
    }
}

fn threshold(value: Option<f64>) -> String {
    value.map_or_else(|| "none".to_owned(), |value| value.to_string())
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
