//! The metrics a run can score, what each needs from the caller, and how thresholds decide.

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricName {
    ExactMatch,
    Contains,
    Icontains,
    Regex,
    StartsWith,
    JsonValid,
    Levenshtein,
    TokenF1,
    Bleu,
    RougeL,
    Latency,
    Tokens,
    LlmJudge,
}

/// Which way a threshold points: a score must reach it, a cost must stay within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    AtLeast,
    AtMost,
}

impl MetricName {
    pub const ALL: [MetricName; 13] = [
        MetricName::ExactMatch,
        MetricName::Contains,
        MetricName::Icontains,
        MetricName::Regex,
        MetricName::StartsWith,
        MetricName::JsonValid,
        MetricName::Levenshtein,
        MetricName::TokenF1,
        MetricName::Bleu,
        MetricName::RougeL,
        MetricName::Latency,
        MetricName::Tokens,
        MetricName::LlmJudge,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MetricName::ExactMatch => "exact_match",
            MetricName::Contains => "contains",
            MetricName::Icontains => "icontains",
            MetricName::Regex => "regex",
            MetricName::StartsWith => "starts_with",
            MetricName::JsonValid => "json_valid",
            MetricName::Levenshtein => "levenshtein",
            MetricName::TokenF1 => "token_f1",
            MetricName::Bleu => "bleu",
            MetricName::RougeL => "rouge_l",
            MetricName::Latency => "latency",
            MetricName::Tokens => "tokens",
            MetricName::LlmJudge => "llm_judge",
        }
    }

    pub fn parse(raw: &str) -> Option<MetricName> {
        MetricName::ALL.into_iter().find(|m| m.as_str() == raw)
    }

    /// One line for forms and docs.
    pub fn description(self) -> &'static str {
        match self {
            MetricName::ExactMatch => "output equals the expected output (ends trimmed)",
            MetricName::Contains => "output contains the value (expected output by default)",
            MetricName::Icontains => "contains, ignoring case",
            MetricName::Regex => "output matches the pattern",
            MetricName::StartsWith => "output starts with the value (expected output by default)",
            MetricName::JsonValid => "output is valid JSON (a fenced block counts)",
            MetricName::Levenshtein => "1 - edit distance / longer length, in characters",
            MetricName::TokenF1 => "SQuAD token F1 against the expected output",
            MetricName::Bleu => "sentence BLEU-4, add-one smoothing for n >= 2",
            MetricName::RougeL => "ROUGE-L F1 of the longest common word subsequence",
            MetricName::Latency => "milliseconds of the successful model call",
            MetricName::Tokens => "prompt + completion tokens reported by the model",
            MetricName::LlmJudge => "a judge model grades the output against a rubric (0-1)",
        }
    }

    pub fn direction(self) -> Direction {
        match self {
            MetricName::Latency | MetricName::Tokens => Direction::AtMost,
            _ => Direction::AtLeast,
        }
    }

    /// Scores in [0, 1]; latency and tokens are unbounded counts.
    pub fn is_unit_score(self) -> bool {
        self.direction() == Direction::AtLeast
    }

    /// Scores that are always 0 or 1.
    pub fn is_boolean(self) -> bool {
        matches!(
            self,
            MetricName::ExactMatch
                | MetricName::Contains
                | MetricName::Icontains
                | MetricName::Regex
                | MetricName::StartsWith
                | MetricName::JsonValid
        )
    }

    /// Metrics that compare with the sample's expected output unless given a value.
    pub fn reads_expected_output(self) -> bool {
        matches!(
            self,
            MetricName::ExactMatch
                | MetricName::Contains
                | MetricName::Icontains
                | MetricName::StartsWith
                | MetricName::Levenshtein
                | MetricName::TokenF1
                | MetricName::Bleu
                | MetricName::RougeL
        )
    }

    /// Where a threshold of this metric must lie, as text for error messages.
    pub fn check_threshold(self, threshold: f64) -> Result<(), String> {
        if !threshold.is_finite() {
            return Err("must be a finite number".to_owned());
        }
        match self.direction() {
            Direction::AtLeast if !(0.0..=1.0).contains(&threshold) => {
                Err("must be between 0 and 1".to_owned())
            }
            Direction::AtMost if threshold <= 0.0 => Err("must be greater than 0".to_owned()),
            _ => Ok(()),
        }
    }

    pub fn passes(self, score: f64, threshold: f64) -> bool {
        match self.direction() {
            Direction::AtLeast => score >= threshold,
            Direction::AtMost => score <= threshold,
        }
    }
}

/// A metric as a run requests it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricSpec {
    pub name: MetricName,
    /// Pass when the score reaches it (at most it, for latency and tokens). Without a threshold
    /// the metric is reported but does not decide pass or fail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    /// contains, icontains, starts_with: the text to look for instead of the expected output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// regex: the pattern (Rust regex syntax).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// llm_judge: what a good answer looks like.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric: Option<String>,
    /// llm_judge: the endpoint that grades; the run's own endpoint when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judge_endpoint: Option<String>,
}

pub const MAX_METRICS: usize = 20;
pub const MAX_RUBRIC_CHARS: usize = 4_000;
pub const MAX_PATTERN_CHARS: usize = 1_000;

impl MetricSpec {
    pub fn new(name: MetricName) -> Self {
        MetricSpec {
            name,
            threshold: None,
            value: None,
            pattern: None,
            rubric: None,
            judge_endpoint: None,
        }
    }

    pub fn with_threshold(mut self, threshold: f64) -> Self {
        self.threshold = Some(threshold);
        self
    }

    /// Pushes one FieldError per problem, under `field` (e.g. "metrics[2]").
    pub fn check(&self, field: &str, errors: &mut Vec<FieldError>) {
        let mut push = |name: &str, message: String| {
            errors.push(FieldError::new(format!("{field}.{name}"), message));
        };
        if let Some(threshold) = self.threshold
            && let Err(message) = self.name.check_threshold(threshold)
        {
            push("threshold", message);
        }
        let takes_value = matches!(
            self.name,
            MetricName::Contains | MetricName::Icontains | MetricName::StartsWith
        );
        if self.value.is_some() && !takes_value {
            push("value", format!("is not used by {}", self.name.as_str()));
        }
        if self.value.as_deref() == Some("") {
            push("value", "must not be empty".to_owned());
        }
        match (self.name, &self.pattern) {
            (MetricName::Regex, None) => push("pattern", "is required for regex".to_owned()),
            (MetricName::Regex, Some(pattern)) => {
                if pattern.chars().count() > MAX_PATTERN_CHARS {
                    push(
                        "pattern",
                        format!("must be at most {MAX_PATTERN_CHARS} characters"),
                    );
                } else if let Err(error) = compile_pattern(pattern) {
                    push("pattern", error);
                }
            }
            (_, Some(_)) => push("pattern", format!("is not used by {}", self.name.as_str())),
            (_, None) => {}
        }
        match (self.name, &self.rubric) {
            (MetricName::LlmJudge, None) => {
                push("rubric", "is required for llm_judge".to_owned());
            }
            (MetricName::LlmJudge, Some(rubric)) => {
                if rubric.trim().is_empty() {
                    push("rubric", "must not be empty".to_owned());
                } else if rubric.chars().count() > MAX_RUBRIC_CHARS {
                    push(
                        "rubric",
                        format!("must be at most {MAX_RUBRIC_CHARS} characters"),
                    );
                }
            }
            (_, Some(_)) => push("rubric", format!("is not used by {}", self.name.as_str())),
            (_, None) => {}
        }
        if self.judge_endpoint.is_some() && self.name != MetricName::LlmJudge {
            push(
                "judge_endpoint",
                format!("is not used by {}", self.name.as_str()),
            );
        }
    }
}

/// Compiles a regex metric's pattern with a size limit, so a hostile pattern cannot eat memory.
pub fn compile_pattern(pattern: &str) -> Result<regex::Regex, String> {
    regex::RegexBuilder::new(pattern)
        .size_limit(1 << 20)
        .build()
        .map_err(|error| match error {
            regex::Error::Syntax(text) => format!(
                "is not a valid regular expression: {}",
                text.lines().last().unwrap_or("syntax error").trim()
            ),
            regex::Error::CompiledTooBig(_) => "is too complex".to_owned(),
            _ => "is not a valid regular expression".to_owned(),
        })
}

/// Checks a run's metric list: at least one, at most MAX_METRICS, each metric once unless it
/// differs in its value/pattern/rubric (two regexes are fine), every spec valid. `None` marks an
/// entry that could not be read at all (already reported), so indexes stay the request's.
pub fn check_metrics(metrics: &[Option<MetricSpec>], errors: &mut Vec<FieldError>) {
    if metrics.is_empty() {
        errors.push(FieldError::new("metrics", "must name at least one metric"));
    }
    if metrics.len() > MAX_METRICS {
        errors.push(FieldError::new(
            "metrics",
            format!("must name at most {MAX_METRICS} metrics"),
        ));
    }
    for (index, metric) in metrics.iter().enumerate() {
        let Some(metric) = metric else { continue };
        metric.check(&format!("metrics[{index}]"), errors);
        if metrics[..index]
            .iter()
            .flatten()
            .any(|earlier| earlier == metric)
        {
            errors.push(FieldError::new(
                format!("metrics[{index}]"),
                format!("repeats {}", metric.name.as_str()),
            ));
        }
    }
}

/// The key a metric's scores are stored under: its name, or "name#k" for the k-th repeat of a
/// name (two regex metrics), so every requested metric has its own column.
pub fn metric_keys(metrics: &[MetricSpec]) -> Vec<String> {
    metrics
        .iter()
        .enumerate()
        .map(|(index, metric)| {
            let repeats = metrics[..index]
                .iter()
                .filter(|earlier| earlier.name == metric.name)
                .count();
            if repeats == 0 {
                metric.name.as_str().to_owned()
            } else {
                format!("{}#{}", metric.name.as_str(), repeats + 1)
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "metric_tests.rs"]
mod tests;
