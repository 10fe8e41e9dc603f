//! The experiment results charts, from a report: target-metric means with intervals, the
//! cumulative target metric over time, and expected against actual traffic.

use domain::experiment::record::{Experiment, ExperimentReport};

pub struct ExperimentCharts {
    pub means: String,
    pub timeline: String,
    pub traffic: String,
}

pub fn draw(experiment: &Experiment, report: &ExperimentReport) -> ExperimentCharts {
    let results = &report.results;
    let target = results
        .metrics
        .iter()
        .find(|m| m.metric == results.target_metric);
    let items: Vec<charts::Interval> = target
        .map(|metric| {
            metric
                .variants
                .iter()
                .filter_map(|v| {
                    let mean = v.mean?;
                    let (low, high) = v.ci.map_or((mean, mean), |ci| (ci.lower, ci.upper));
                    Some(charts::Interval {
                        label: v.variant_id.clone(),
                        estimate: mean,
                        low,
                        high,
                        highlight: results.recommended_winner.as_deref()
                            == Some(v.variant_id.as_str()),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let means = charts::intervals(
        &format!("{} by variant", results.target_metric),
        &items,
        None,
    );
    let series: Vec<charts::Series> = report
        .timeline
        .iter()
        .map(|line| {
            let start = line.points.first().map(|p| p.at);
            charts::Series {
                name: line.variant_id.clone(),
                points: line
                    .points
                    .iter()
                    .map(|p| {
                        let minutes = start.map_or(0.0, |s| (p.at - s).num_seconds() as f64 / 60.0);
                        (minutes, p.mean)
                    })
                    .collect(),
            }
        })
        .collect();
    let timeline = charts::lines(
        &format!("Cumulative {}", results.target_metric),
        "minutes since the first value",
        &results.target_metric,
        &series,
    );
    let labels: Vec<String> = experiment.variants.iter().map(|v| v.id.clone()).collect();
    let observed_total: u64 = results.srm.observed.iter().sum();
    let expected: Vec<f64> = results
        .srm
        .expected_fractions
        .iter()
        .map(|f| f * 100.0)
        .collect();
    let actual: Vec<f64> = results
        .srm
        .observed
        .iter()
        .map(|&n| {
            if observed_total == 0 {
                0.0
            } else {
                n as f64 / observed_total as f64 * 100.0
            }
        })
        .collect();
    let traffic = charts::traffic(&labels, &expected, &actual);
    ExperimentCharts {
        means,
        timeline,
        traffic,
    }
}
