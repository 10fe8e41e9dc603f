//! GetResults: every variant, metric and comparison of an experiment from its running
//! statistics and exposure counts, plus the sample-ratio check and the recommended winner.
//! The cost depends on the number of variants and metrics, never on the number of events.

use serde::{Deserialize, Serialize};

use super::comparison::{Comparison, ComparisonSettings, Outcome, apply_holm, compare};
use super::sequential::tuning_sample_size;
use super::srm::{SampleRatioCheck, sample_ratio_check};
use super::summary::{VariantSummary, summarize};
use crate::experiment::definition::ValidExperiment;
use crate::experiment::metric::{Direction, MetricDefinition, MetricKind};
use crate::experiment::sufficient::MetricStats;

/// What the analysis needs of an experiment's definition.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisInput {
    pub variants: Vec<AnalysisVariant>,
    pub metrics: Vec<MetricDefinition>,
    /// Index into `metrics`.
    pub target_metric: usize,
    pub confidence_level: f64,
    pub min_sample_size: Option<u64>,
    pub sequential: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisVariant {
    pub id: String,
    pub is_control: bool,
    /// Share of traffic, any positive scale (percent or fraction).
    pub weight: f64,
}

impl From<&ValidExperiment> for AnalysisInput {
    fn from(experiment: &ValidExperiment) -> Self {
        AnalysisInput {
            variants: experiment
                .variants
                .iter()
                .zip(&experiment.splits)
                .map(|(variant, split)| AnalysisVariant {
                    id: variant.id.to_string(),
                    is_control: variant.is_control,
                    weight: *split,
                })
                .collect(),
            metrics: experiment.metrics.clone(),
            target_metric: experiment.target_metric,
            confidence_level: experiment.confidence_level,
            min_sample_size: experiment.min_sample_size,
            sequential: experiment.sequential,
        }
    }
}

/// The ExperimentResult of the spec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExperimentResults {
    pub confidence_level: f64,
    /// Always-valid (sequential) intervals and p-values rather than fixed-horizon ones.
    pub sequential: bool,
    /// `N*` the confidence sequences are tuned for; `None` unless sequential.
    pub sequential_tuning_sample_size: Option<f64>,
    pub control_id: String,
    pub target_metric: String,
    /// One entry per declared metric, in declaration order.
    pub metrics: Vec<MetricResults>,
    /// Exposures against the split.
    pub srm: SampleRatioCheck,
    /// False when `min_sample_size` is set and some variant has fewer target-metric values.
    pub enough_data: bool,
    /// The treatment recommended as winner, if any (see [`analyze`]).
    pub recommended_winner: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricResults {
    pub metric: String,
    pub kind: MetricKind,
    pub direction: Direction,
    /// Every variant, control included, in variant order.
    pub variants: Vec<VariantSummary>,
    /// Every treatment against the control, in variant order.
    pub comparisons: Vec<Comparison>,
}

/// Analyzes an experiment.
///
/// - `stats[v][m]` are the running statistics of variant `v` and metric `m` (indices as in
///   `input`); missing entries count as empty.
/// - `exposures[v]` counts the assignments of variant `v` made while the experiment ran
///   (missing entries count as 0); they feed the sample-ratio check.
///
/// Per metric, every treatment is compared with the control ([`compare`]) and the p-values of
/// the treatments are Holm-corrected together ([`apply_holm`]). In sequential mode intervals
/// and p-values come from the confidence sequence tuned for
/// `N* = max(2 · min_sample_size, 5000)`.
///
/// The recommended winner is, among the treatments whose target-metric outcome is
/// [`Outcome::Better`] (Holm-adjusted p below `1 - confidence_level` and an improvement in the
/// declared direction), the one with the largest improvement `d · sign(direction)`; the first
/// in variant order on ties. There is none when no treatment qualifies or when
/// `enough_data` is false. A sample-ratio mismatch does not withhold it: show `srm.mismatch`
/// beside it.
///
/// The control is the first variant with `is_control` (the first variant if none is marked).
pub fn analyze(
    input: &AnalysisInput,
    stats: &[Vec<MetricStats>],
    exposures: &[u64],
) -> ExperimentResults {
    let control = input
        .variants
        .iter()
        .position(|v| v.is_control)
        .unwrap_or(0);
    let empty = MetricStats::new();
    let stats_of = |variant: usize, metric: usize| -> &MetricStats {
        stats
            .get(variant)
            .and_then(|row| row.get(metric))
            .unwrap_or(&empty)
    };
    let alpha = 1.0 - input.confidence_level;
    let sequential_tuning = input
        .sequential
        .then(|| tuning_sample_size(input.min_sample_size));

    let metrics: Vec<MetricResults> = input
        .metrics
        .iter()
        .enumerate()
        .map(|(m, metric)| {
            let variants = input
                .variants
                .iter()
                .enumerate()
                .map(|(v, variant)| {
                    summarize(
                        &variant.id,
                        stats_of(v, m),
                        metric.kind,
                        input.confidence_level,
                    )
                })
                .collect();
            let settings = ComparisonSettings {
                kind: metric.kind,
                direction: metric.direction,
                confidence_level: input.confidence_level,
                sequential_tuning,
            };
            let mut comparisons: Vec<Comparison> = input
                .variants
                .iter()
                .enumerate()
                .filter(|(v, _)| *v != control)
                .map(|(v, variant)| {
                    compare(&variant.id, stats_of(v, m), stats_of(control, m), &settings)
                })
                .collect();
            apply_holm(&mut comparisons, alpha, metric.direction);
            MetricResults {
                metric: metric.name.clone(),
                kind: metric.kind,
                direction: metric.direction,
                variants,
                comparisons,
            }
        })
        .collect();

    let observed: Vec<u64> = (0..input.variants.len())
        .map(|v| exposures.get(v).copied().unwrap_or(0))
        .collect();
    let weights: Vec<f64> = input.variants.iter().map(|v| v.weight).collect();
    let srm = sample_ratio_check(&observed, &weights);

    let enough_data = input.min_sample_size.is_none_or(|minimum| {
        (0..input.variants.len()).all(|v| stats_of(v, input.target_metric).count >= minimum)
    });
    let target = metrics.get(input.target_metric);
    let recommended_winner = match target {
        Some(target) if enough_data => best_improvement(target),
        _ => None,
    };

    ExperimentResults {
        confidence_level: input.confidence_level,
        sequential: input.sequential,
        sequential_tuning_sample_size: sequential_tuning,
        control_id: input
            .variants
            .get(control)
            .map(|v| v.id.clone())
            .unwrap_or_default(),
        target_metric: target.map(|t| t.metric.clone()).unwrap_or_default(),
        metrics,
        srm,
        enough_data,
        recommended_winner,
    }
}

fn best_improvement(target: &MetricResults) -> Option<String> {
    let sign = target.direction.sign();
    let mut best: Option<(&Comparison, f64)> = None;
    for comparison in &target.comparisons {
        if comparison.outcome != Outcome::Better {
            continue;
        }
        let improvement = comparison.absolute_lift.unwrap_or(0.0) * sign;
        if best.is_none_or(|(_, top)| improvement > top) {
            best = Some((comparison, improvement));
        }
    }
    best.map(|(comparison, _)| comparison.variant_id.clone())
}
