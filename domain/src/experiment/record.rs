//! Experiments as the store returns them and as the API and the UI show them: the experiment
//! with its lifecycle history, one assignment, and the results report with its timeline.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::definition::{NewExperiment, NewVariant, ValidExperiment, ValidVariant};
use super::metric::MetricDefinition;
use super::stats::ExperimentResults;
use super::status::{Action, ExperimentStatus};
use super::sufficient::MetricStats;

/// Most points per variant in a results timeline; longer series are thinned evenly (the
/// first and the last bucket always stay).
pub const MAX_TIMELINE_POINTS: usize = 500;

/// One experiment: its normalized definition, status, winner and lifecycle history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Experiment {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub status: ExperimentStatus,
    pub variants: Vec<Variant>,
    /// Variant id -> percent of traffic (0-100), in variant order.
    pub traffic_split: Map<String, Value>,
    pub metrics: Vec<MetricDefinition>,
    pub target_metric: String,
    pub confidence_level: f64,
    pub min_sample_size: Option<u64>,
    pub sequential: bool,
    /// The seed assignment hashes with: the declared one, else the experiment id.
    pub seed: String,
    /// Set when the experiment was completed with a winner.
    pub winner: Option<String>,
    /// Holm-adjusted p-value of the winner against the control on the target metric, frozen
    /// when the experiment completed; `None` without a winner, when the winner is the control,
    /// or when it was not testable.
    pub significance: Option<f64>,
    /// Chance that the winner beats the control on the target metric, frozen at completion
    /// (same conditions as `significance`).
    pub confidence: Option<f64>,
    /// The lifecycle actions allowed now, in `start, pause, complete, cancel` order.
    pub allowed_actions: Vec<Action>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// First start.
    pub started_at: Option<DateTime<Utc>>,
    /// Last pause.
    pub paused_at: Option<DateTime<Utc>>,
    /// Last start of a paused experiment.
    pub resumed_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    /// Every transition, oldest first.
    pub status_history: Vec<StatusChange>,
}

/// One variant as stored: the normalized form of a [`NewVariant`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub id: String,
    pub name: String,
    pub prompt_name: Option<String>,
    /// An exact version; `None` means the prompt's active version at serving time.
    pub prompt_version: Option<String>,
    pub model_name: Option<String>,
    pub parameters: Map<String, Value>,
    pub is_control: bool,
}

/// One lifecycle transition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub action: Action,
    pub from: ExperimentStatus,
    pub to: ExperimentStatus,
    /// The winner named by a `complete`.
    #[serde(default)]
    pub winner: Option<String>,
    pub at: DateTime<Utc>,
}

impl Variant {
    pub fn from_valid(variant: &ValidVariant) -> Variant {
        Variant {
            id: variant.id.to_string(),
            name: variant.name.clone(),
            prompt_name: variant.prompt_name.as_ref().map(ToString::to_string),
            prompt_version: variant.prompt_version.as_ref().map(ToString::to_string),
            model_name: variant.model_name.clone(),
            parameters: variant.parameters.clone(),
            is_control: variant.is_control,
        }
    }
}

impl Experiment {
    /// The stored definition as a request: validating it gives the experiment's
    /// [`ValidExperiment`] (the seed is the declared one or, when none was, the id).
    pub fn to_definition(&self) -> NewExperiment {
        NewExperiment {
            name: self.name.clone(),
            description: self.description.clone(),
            variants: self
                .variants
                .iter()
                .map(|v| NewVariant {
                    id: v.id.clone(),
                    name: Some(v.name.clone()),
                    prompt_name: v.prompt_name.clone(),
                    prompt_version: v.prompt_version.clone(),
                    model_name: v.model_name.clone(),
                    parameters: v.parameters.clone(),
                    is_control: v.is_control,
                })
                .collect(),
            traffic_split: self.traffic_split.clone(),
            metrics: self.metrics.clone(),
            target_metric: self.target_metric.clone(),
            confidence_level: self.confidence_level,
            min_sample_size: self.min_sample_size,
            sequential: self.sequential,
            seed: Some(self.seed.clone()),
        }
    }

    pub fn control(&self) -> Option<&Variant> {
        self.variants.iter().find(|v| v.is_control)
    }

    pub fn variant(&self, id: &str) -> Option<&Variant> {
        self.variants.iter().find(|v| v.id == id)
    }

    /// Percent of traffic of `variant_id`, 0 when it has no entry.
    pub fn split_percent(&self, variant_id: &str) -> f64 {
        self.traffic_split
            .get(variant_id)
            .and_then(Value::as_f64)
            .unwrap_or(0.0)
    }
}

/// The answer of AssignVariant (and the first half of serve).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantAssignment {
    pub experiment_id: Uuid,
    pub user_id: String,
    pub variant_id: String,
    pub variant: Variant,
    /// True only while the experiment runs: the user is part of the test and was counted as
    /// an exposure. Paused and completed experiments serve the control or the winner outside.
    pub in_experiment: bool,
    pub status: ExperimentStatus,
}

/// GetResults: the analysis of the stored running statistics, plus the cumulative target
/// metric over time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExperimentReport {
    pub experiment_id: Uuid,
    pub name: String,
    pub status: ExperimentStatus,
    pub winner: Option<String>,
    #[serde(flatten)]
    pub results: ExperimentResults,
    /// Per variant, the cumulative count and mean of the target metric at the end of each
    /// minute that recorded values.
    pub timeline: Vec<VariantTimeline>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantTimeline {
    pub variant_id: String,
    pub points: Vec<TimelinePoint>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TimelinePoint {
    /// Start of the bucket (a minute); the point covers every value recorded before its end.
    pub at: DateTime<Utc>,
    /// Values recorded up to the end of the bucket.
    pub count: u64,
    /// Their mean.
    pub mean: f64,
}

/// The statistics of one metric of one variant within one time bucket.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bucket {
    pub variant_index: usize,
    pub start: DateTime<Utc>,
    pub stats: MetricStats,
}

/// Cumulative timelines from buckets (any order): per variant of `variant_ids`, the buckets
/// sorted by start and merged one after the other, so each point's mean is that of every value
/// recorded up to the end of its bucket. Thinned to at most `max_points` per variant by
/// keeping evenly spaced points, always the last.
pub fn cumulative_timeline(
    variant_ids: &[String],
    buckets: &[Bucket],
    max_points: usize,
) -> Vec<VariantTimeline> {
    variant_ids
        .iter()
        .enumerate()
        .map(|(index, id)| {
            let mut own: Vec<&Bucket> = buckets
                .iter()
                .filter(|b| b.variant_index == index && b.stats.count > 0)
                .collect();
            own.sort_by_key(|b| b.start);
            let mut total = MetricStats::new();
            let points: Vec<TimelinePoint> = own
                .into_iter()
                .map(|bucket| {
                    total.merge(&bucket.stats);
                    TimelinePoint {
                        at: bucket.start,
                        count: total.count,
                        mean: total.mean,
                    }
                })
                .collect();
            VariantTimeline {
                variant_id: id.clone(),
                points: thin(points, max_points),
            }
        })
        .collect()
}

/// Keeps `max` evenly spaced items including the last (all of them when there are no more).
fn thin<T: Copy>(items: Vec<T>, max: usize) -> Vec<T> {
    let n = items.len();
    if n <= max || max == 0 {
        return items;
    }
    if max == 1 {
        return vec![items[n - 1]];
    }
    (0..max).map(|k| items[k * (n - 1) / (max - 1)]).collect()
}

/// The statistics the store keeps for one experiment, in the shape [`super::analyze`] takes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoredStatistics {
    /// `stats[variant][metric]`.
    pub stats: Vec<Vec<MetricStats>>,
    /// Exposures per variant.
    pub exposures: Vec<u64>,
    /// Buckets of the target metric.
    pub target_buckets: Vec<Bucket>,
}

impl ExperimentReport {
    /// Analyzes `stored` for `experiment` (whose validated definition is `valid`).
    pub fn build(
        experiment: &Experiment,
        valid: &ValidExperiment,
        stored: &StoredStatistics,
    ) -> ExperimentReport {
        let input = super::stats::AnalysisInput::from(valid);
        let results = super::stats::analyze(&input, &stored.stats, &stored.exposures);
        let ids: Vec<String> = valid.variants.iter().map(|v| v.id.to_string()).collect();
        ExperimentReport {
            experiment_id: experiment.id,
            name: experiment.name.clone(),
            status: experiment.status,
            winner: experiment.winner.clone(),
            results,
            timeline: cumulative_timeline(&ids, &stored.target_buckets, MAX_TIMELINE_POINTS),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn bucket(variant_index: usize, minute: i64, values: &[f64]) -> Bucket {
        Bucket {
            variant_index,
            start: Utc.timestamp_opt(minute * 60, 0).unwrap(),
            stats: MetricStats::from_values(values.iter().copied()),
        }
    }

    #[test]
    fn the_timeline_is_cumulative_per_variant_in_time_order() {
        let ids = vec!["a".to_owned(), "b".to_owned()];
        let buckets = [
            bucket(0, 2, &[3.0, 5.0]),
            bucket(1, 1, &[10.0]),
            bucket(0, 1, &[1.0]),
        ];
        let timeline = cumulative_timeline(&ids, &buckets, 10);
        let a: Vec<(u64, f64)> = timeline[0]
            .points
            .iter()
            .map(|p| (p.count, p.mean))
            .collect();
        assert_eq!(a, vec![(1, 1.0), (3, 3.0)]);
        assert_eq!(timeline[0].points[0].at, Utc.timestamp_opt(60, 0).unwrap());
        assert_eq!(timeline[1].points.len(), 1);
        assert_eq!(timeline[1].variant_id, "b");
    }

    #[test]
    fn long_timelines_are_thinned_keeping_the_first_and_last_points() {
        let ids = vec!["a".to_owned()];
        let buckets: Vec<Bucket> = (0..1000).map(|m| bucket(0, m, &[m as f64])).collect();
        let points = &cumulative_timeline(&ids, &buckets, 50)[0].points;
        assert_eq!(points.len(), 50);
        assert_eq!(points[0].count, 1);
        assert_eq!(points[49].count, 1000);
        assert!(points.windows(2).all(|w| w[0].at < w[1].at));
    }
}
