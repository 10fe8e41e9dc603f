//! Creating an experiment: variants, traffic split, metrics and statistical settings checked
//! together, so the caller hears about every problem at once, each with its field path
//! (`variants[1].id`, `traffic_split.b`, `metrics[0].name`).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::limits::{
    MAX_DESCRIPTION_CHARS, MAX_EXPERIMENT_NAME_CHARS, MAX_METRICS, MAX_SEED_CHARS,
    MAX_VARIANT_NAME_CHARS, MAX_VARIANTS,
};
use super::metric::{MetricDefinition, check_metric_name};
use super::parameters::check_parameters;
use super::traffic_split::{percent_json, validate_split};
use super::variant_id::VariantId;
use crate::error::{FieldError, ValidationError};
use crate::prompt::model_config::MAX_MODEL_CHARS;
use crate::prompt::name::PromptName;
use crate::prompt::version::VersionString;

/// Confidence level used when a definition names none.
pub const DEFAULT_CONFIDENCE_LEVEL: f64 = 0.95;

fn default_confidence_level() -> f64 {
    DEFAULT_CONFIDENCE_LEVEL
}

/// A "create an experiment" request, as the REST API and the form send it.
///
/// Serializing a definition gives the same shape; [`ValidExperiment::to_definition`] produces
/// the normalized form (names trimmed, variant names filled in) worth storing and returning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewExperiment {
    /// 1-100 characters after trimming.
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// At least two, at most [`MAX_VARIANTS`], exactly one with `is_control`.
    pub variants: Vec<NewVariant>,
    /// Variant id -> percent of traffic (a number from 0 to 100); one entry per variant, summing
    /// to 100 within [`SPLIT_SUM_TOLERANCE`].
    pub traffic_split: Map<String, Value>,
    /// At least one, names unique.
    pub metrics: Vec<MetricDefinition>,
    /// The metric that decides the winner; one of `metrics`.
    pub target_metric: String,
    /// Greater than 0.5 and at most 0.999; significance level `alpha = 1 - confidence_level`.
    #[serde(default = "default_confidence_level")]
    pub confidence_level: f64,
    /// Samples of the target metric every variant needs before a winner is recommended.
    #[serde(default)]
    pub min_sample_size: Option<u64>,
    /// Report always-valid confidence sequences, safe to peek at continuously.
    #[serde(default)]
    pub sequential: bool,
    /// Hashing seed for assignment; when absent the caller uses the experiment id.
    #[serde(default)]
    pub seed: Option<String>,
}

/// One variant of a "create an experiment" request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewVariant {
    pub id: String,
    /// Display name; the id when absent.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub prompt_name: Option<String>,
    /// An exact semantic version; needs `prompt_name`. Absent means the prompt's active version
    /// at serving time.
    #[serde(default)]
    pub prompt_version: Option<String>,
    #[serde(default)]
    pub model_name: Option<String>,
    /// Model parameters (temperature, max_tokens, top_p, ...), passed to the model as given;
    /// the three named ones are range-checked like a prompt's model settings.
    #[serde(default)]
    pub parameters: Map<String, Value>,
    #[serde(default)]
    pub is_control: bool,
}

/// A definition that passed every check, with typed fields.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidExperiment {
    /// Trimmed.
    pub name: String,
    /// Trimmed.
    pub description: String,
    pub variants: Vec<ValidVariant>,
    /// Percent of traffic per variant, aligned with `variants`; sums to 100 within 1e-9.
    pub splits: Vec<f64>,
    pub metrics: Vec<MetricDefinition>,
    /// Index into `metrics`.
    pub target_metric: usize,
    pub confidence_level: f64,
    pub min_sample_size: Option<u64>,
    pub sequential: bool,
    pub seed: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidVariant {
    pub id: VariantId,
    /// Trimmed; the id when none was given.
    pub name: String,
    pub prompt_name: Option<PromptName>,
    pub prompt_version: Option<VersionString>,
    /// Trimmed.
    pub model_name: Option<String>,
    pub parameters: Map<String, Value>,
    pub is_control: bool,
}

impl ValidExperiment {
    /// Index of the control variant (validation guarantees exactly one).
    pub fn control_index(&self) -> usize {
        self.variants.iter().position(|v| v.is_control).unwrap_or(0)
    }

    pub fn control(&self) -> &ValidVariant {
        &self.variants[self.control_index()]
    }

    pub fn variant_index(&self, id: &str) -> Option<usize> {
        self.variants.iter().position(|v| v.id.as_str() == id)
    }

    pub fn metric_index(&self, name: &str) -> Option<usize> {
        self.metrics.iter().position(|m| m.name == name)
    }

    pub fn target(&self) -> &MetricDefinition {
        &self.metrics[self.target_metric]
    }

    /// Significance level: `alpha = 1 - confidence_level`.
    pub fn alpha(&self) -> f64 {
        1.0 - self.confidence_level
    }

    /// Traffic fractions for hashing: `splits[i] / 100`, aligned with `variants`.
    pub fn weights(&self) -> Vec<f64> {
        self.splits.iter().map(|percent| percent / 100.0).collect()
    }

    /// The seed assignment hashes with: the declared seed, else `experiment_id` (GrowthBook
    /// likewise falls back to the experiment key).
    pub fn hash_seed<'a>(&'a self, experiment_id: &'a str) -> &'a str {
        self.seed.as_deref().unwrap_or(experiment_id)
    }

    /// Checks the winner named when completing: absent, or the id of one of the variants.
    /// Errors carry the field `winner`.
    pub fn winner_index(&self, winner: Option<&str>) -> Result<Option<usize>, FieldError> {
        match winner {
            None => Ok(None),
            Some(id) => self.variant_index(id).map(Some).ok_or_else(|| {
                FieldError::new(
                    "winner",
                    format!(
                        "must be one of the variant ids: {}",
                        self.variants
                            .iter()
                            .map(|v| v.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            }),
        }
    }

    /// The normalized request this definition corresponds to: validating it again gives `self`.
    pub fn to_definition(&self) -> NewExperiment {
        NewExperiment {
            name: self.name.clone(),
            description: self.description.clone(),
            variants: self
                .variants
                .iter()
                .map(|v| NewVariant {
                    id: v.id.to_string(),
                    name: Some(v.name.clone()),
                    prompt_name: v.prompt_name.as_ref().map(ToString::to_string),
                    prompt_version: v.prompt_version.as_ref().map(ToString::to_string),
                    model_name: v.model_name.clone(),
                    parameters: v.parameters.clone(),
                    is_control: v.is_control,
                })
                .collect(),
            traffic_split: self
                .variants
                .iter()
                .zip(&self.splits)
                .map(|(v, percent)| (v.id.to_string(), percent_json(*percent)))
                .collect(),
            metrics: self.metrics.clone(),
            target_metric: self.target().name.clone(),
            confidence_level: self.confidence_level,
            min_sample_size: self.min_sample_size,
            sequential: self.sequential,
            seed: self.seed.clone(),
        }
    }
}

impl NewExperiment {
    /// Checks everything and reports every problem found, in field order.
    pub fn validate(self) -> Result<ValidExperiment, ValidationError> {
        let mut problems = Vec::new();

        let name = self.name.trim().to_owned();
        check_length(
            &mut problems,
            "name",
            &name,
            MAX_EXPERIMENT_NAME_CHARS,
            false,
        );
        let description = self.description.trim().to_owned();
        check_length(
            &mut problems,
            "description",
            &description,
            MAX_DESCRIPTION_CHARS,
            true,
        );

        let variants = validate_variants(&self.variants, &mut problems);
        let splits = validate_split(&self.variants, &self.traffic_split, &mut problems);
        validate_metrics(&self.metrics, &mut problems);
        let target_metric = self
            .metrics
            .iter()
            .position(|m| m.name == self.target_metric);
        if target_metric.is_none() {
            let message = if self.metrics.is_empty() {
                "must name a declared metric".to_owned()
            } else {
                format!(
                    "must be one of the declared metrics: {}",
                    self.metrics
                        .iter()
                        .map(|m| m.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            problems.push(FieldError::new("target_metric", message));
        }

        let confidence_level = self.confidence_level;
        if !(confidence_level.is_finite() && confidence_level > 0.5 && confidence_level <= 0.999) {
            problems.push(FieldError::new(
                "confidence_level",
                "must be greater than 0.5 and at most 0.999",
            ));
        }
        if self.min_sample_size == Some(0) {
            problems.push(FieldError::new("min_sample_size", "must be at least 1"));
        }
        if let Some(seed) = &self.seed {
            if seed.is_empty() {
                problems.push(FieldError::new("seed", "must not be empty when given"));
            } else if seed.chars().count() > MAX_SEED_CHARS {
                problems.push(FieldError::new(
                    "seed",
                    format!("must be at most {MAX_SEED_CHARS} characters"),
                ));
            }
        }

        match (variants, splits, target_metric) {
            (Some(variants), Some(splits), Some(target_metric)) if problems.is_empty() => {
                Ok(ValidExperiment {
                    name,
                    description,
                    variants,
                    splits,
                    metrics: self.metrics,
                    target_metric,
                    confidence_level,
                    min_sample_size: self.min_sample_size,
                    sequential: self.sequential,
                    seed: self.seed,
                })
            }
            _ => Err(invalid_experiment(problems)),
        }
    }
}

/// Summary naming the first problem, so a CLI user reading one line knows where to start.
fn invalid_experiment(problems: Vec<FieldError>) -> ValidationError {
    let message = match problems.as_slice() {
        [] => "the experiment is invalid".to_owned(),
        [only] => format!("the experiment is invalid: {} {}", only.field, only.message),
        [first, rest @ ..] => format!(
            "the experiment is invalid: {} {} (and {} more problem{})",
            first.field,
            first.message,
            rest.len(),
            if rest.len() == 1 { "" } else { "s" }
        ),
    };
    ValidationError::new(message, problems)
}

fn check_length(
    problems: &mut Vec<FieldError>,
    field: &str,
    text: &str,
    max_chars: usize,
    may_be_empty: bool,
) {
    if text.is_empty() && !may_be_empty {
        problems.push(FieldError::new(field, "must not be empty"));
    } else if text.chars().count() > max_chars {
        problems.push(FieldError::new(
            field,
            format!("must be at most {max_chars} characters"),
        ));
    }
}

fn at(path: &str, error: FieldError) -> FieldError {
    FieldError::new(path, error.message)
}

/// Per-variant checks, id uniqueness and the single control. `None` when anything failed.
fn validate_variants(
    variants: &[NewVariant],
    problems: &mut Vec<FieldError>,
) -> Option<Vec<ValidVariant>> {
    let before = problems.len();
    if variants.len() < 2 {
        problems.push(FieldError::new(
            "variants",
            format!("must have at least two variants; found {}", variants.len()),
        ));
    } else if variants.len() > MAX_VARIANTS {
        problems.push(FieldError::new(
            "variants",
            format!(
                "must have at most {MAX_VARIANTS} variants; found {}",
                variants.len()
            ),
        ));
    }

    let mut first_use: HashMap<&str, usize> = HashMap::new();
    let mut valid = Vec::with_capacity(variants.len());
    for (index, variant) in variants.iter().enumerate() {
        let path = |field: &str| format!("variants[{index}].{field}");
        let id = VariantId::parse(&variant.id)
            .map_err(|e| problems.push(at(&path("id"), e)))
            .ok();
        if id.is_some() {
            if let Some(first) = first_use.get(variant.id.as_str()) {
                problems.push(FieldError::new(
                    path("id"),
                    format!("must be unique; variants[{first}] has the same id"),
                ));
            } else {
                first_use.insert(&variant.id, index);
            }
        }

        let name = match &variant.name {
            Some(name) => name.trim().to_owned(),
            None => variant.id.clone(),
        };
        check_length(
            problems,
            &path("name"),
            &name,
            MAX_VARIANT_NAME_CHARS,
            false,
        );

        let prompt_name = variant.prompt_name.as_deref().and_then(|raw| {
            PromptName::parse(raw)
                .map_err(|e| problems.push(at(&path("prompt_name"), e)))
                .ok()
        });
        let prompt_version = variant.prompt_version.as_deref().and_then(|raw| {
            VersionString::parse(raw)
                .map_err(|e| problems.push(at(&path("prompt_version"), e)))
                .ok()
        });
        if variant.prompt_version.is_some() && variant.prompt_name.is_none() {
            problems.push(FieldError::new(
                path("prompt_version"),
                "needs a prompt_name",
            ));
        }

        let model_name = variant.model_name.as_deref().map(str::trim);
        if let Some(model_name) = model_name {
            check_length(
                problems,
                &path("model_name"),
                model_name,
                MAX_MODEL_CHARS,
                false,
            );
        }
        check_parameters(&variant.parameters, &path("parameters"), problems);

        if let Some(id) = id {
            valid.push(ValidVariant {
                id,
                name,
                prompt_name,
                prompt_version,
                model_name: model_name.map(str::to_owned),
                parameters: variant.parameters.clone(),
                is_control: variant.is_control,
            });
        }
    }

    let controls = variants.iter().filter(|v| v.is_control).count();
    if controls != 1 {
        problems.push(FieldError::new(
            "variants",
            format!("exactly one variant must be the control; found {controls}"),
        ));
    }
    (problems.len() == before).then_some(valid)
}

fn validate_metrics(metrics: &[MetricDefinition], problems: &mut Vec<FieldError>) {
    if metrics.is_empty() {
        problems.push(FieldError::new(
            "metrics",
            "must declare at least one metric",
        ));
    } else if metrics.len() > MAX_METRICS {
        problems.push(FieldError::new(
            "metrics",
            format!(
                "must declare at most {MAX_METRICS} metrics; found {}",
                metrics.len()
            ),
        ));
    }
    for (index, metric) in metrics.iter().enumerate() {
        let path = format!("metrics[{index}].name");
        if let Err(error) = check_metric_name(&metric.name) {
            problems.push(at(&path, error));
        } else if let Some(first) = metrics[..index].iter().position(|m| m.name == metric.name) {
            problems.push(FieldError::new(
                path,
                format!("must be unique; metrics[{first}] has the same name"),
            ));
        }
    }
}

#[cfg(test)]
#[path = "definition_tests.rs"]
mod tests;
