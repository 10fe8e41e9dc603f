//! Builds a [`ComparisonView`] on the server: compare, draw, diff, trim.

use domain::eval::compare::{SampleChange, Verdict, side_means::side_means};
use domain::prompt::diff::{SideBySide, side_by_side};
use service::compare::Compared;

use super::compare::{ComparisonCharts, ComparisonView, RunLabel};

/// At most this many regressions (and improvements) are shown with their diffs; the API has all.
const SHOWN_CHANGES: usize = 50;

pub fn build(compared: Compared) -> ComparisonView {
    let mut comparison = compared.comparison;
    let charts = draw(&comparison);
    comparison.scatter.clear();
    comparison.base_only.sample_ids.clear();
    comparison.candidate_only.sample_ids.clear();
    comparison.regressions.truncate(SHOWN_CHANGES);
    comparison.improvements.truncate(SHOWN_CHANGES);
    ComparisonView {
        base: RunLabel::from(&compared.base),
        candidate: RunLabel::from(&compared.candidate),
        regression_diffs: diffs(&comparison.regressions),
        improvement_diffs: diffs(&comparison.improvements),
        comparison,
        charts,
    }
}

fn draw(comparison: &domain::eval::compare::RunComparison) -> ComparisonCharts {
    let means = comparison
        .scatter
        .iter()
        .zip(&comparison.metrics)
        .map(|(pairs, change)| {
            let (base, candidate) = side_means(pairs, comparison.confidence_level);
            let item =
                |label: &str, side: domain::eval::compare::side_means::SideMean, highlight| {
                    let mean = side.mean?;
                    let (low, high) = side.ci.map_or((mean, mean), |ci| (ci.lower, ci.upper));
                    Some(charts::Interval {
                        label: label.to_owned(),
                        estimate: mean,
                        low,
                        high,
                        highlight,
                    })
                };
            let changed = change.verdict != Verdict::NoSignificantChange;
            let items: Vec<charts::Interval> = [
                item("base", base, false),
                item("candidate", candidate, changed),
            ]
            .into_iter()
            .flatten()
            .collect();
            let title = format!(
                "{} mean, {:.0}% interval",
                pairs.metric,
                comparison.confidence_level * 100.0
            );
            (
                pairs.metric.clone(),
                charts::intervals(&title, &items, None),
            )
        })
        .collect();
    let t = comparison.transitions;
    let scatter = comparison
        .scatter
        .iter()
        .map(|pairs| {
            let points = thin(&pairs.points);
            let title = if points.len() < pairs.points.len() {
                format!(
                    "{} per sample ({} of {} shown)",
                    pairs.metric,
                    points.len(),
                    pairs.points.len()
                )
            } else {
                format!("{} per sample", pairs.metric)
            };
            let svg = charts::scatter(&title, "base", "candidate", &points);
            (pairs.metric.clone(), svg)
        })
        .collect();
    ComparisonCharts {
        means,
        transitions: charts::transition_matrix(t.pass_pass, t.pass_fail, t.fail_pass, t.fail_fail),
        scatter,
    }
}

/// At most this many points per scatter, so that a page of a large run stays light.
const MAX_SCATTER_POINTS: usize = 2_000;

/// An even stride through the points when there are too many.
fn thin(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    if points.len() <= MAX_SCATTER_POINTS {
        return points.to_vec();
    }
    let step = points.len().div_ceil(MAX_SCATTER_POINTS);
    points.iter().step_by(step).copied().collect()
}

fn diffs(changes: &[SampleChange]) -> Vec<SideBySide> {
    changes
        .iter()
        .map(|change| {
            side_by_side(
                change.base_output.as_deref().unwrap_or_default(),
                change.candidate_output.as_deref().unwrap_or_default(),
            )
        })
        .collect()
}
