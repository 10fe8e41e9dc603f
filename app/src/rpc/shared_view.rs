//! Builds a [`SharedPage`] on the server from an opened share link: only what the page shows.

use service::shares::{Opened, SharedContent as Loaded};

use super::compare::RunLabel;
use super::shares::{SharedContent, SharedExperiment, SharedPage, SharedRun};

pub fn build(opened: Opened) -> SharedPage {
    let content = match opened.content {
        Loaded::Run { run, summary } => SharedContent::Run(Box::new(SharedRun {
            label: RunLabel::from(run.as_ref()),
            status: run.status,
            progress: run.progress,
            charts: super::evaluations::draw_run_charts(&summary),
            results: run.results,
        })),
        Loaded::Comparison(compared) => {
            SharedContent::Comparison(Box::new(super::comparison_view::build(*compared)))
        }
        Loaded::Experiment { experiment, report } => {
            let charts = super::experiment_charts::draw(&experiment, &report);
            SharedContent::Experiment(Box::new(SharedExperiment {
                name: experiment.name,
                status: experiment.status,
                winner: report.winner,
                results: report.results,
                means_chart: charts.means,
                timeline_chart: charts.timeline,
                traffic_chart: charts.traffic,
            }))
        }
    };
    SharedPage {
        description: describe(&content),
        title: opened.share.title,
        expires_at: opened.share.expires_at,
        content,
    }
}

/// One sentence with the headline figure, for link previews.
fn describe(content: &SharedContent) -> String {
    match content {
        SharedContent::Run(run) => match &run.results {
            Some(r) => format!(
                "Evaluation of {} on {} v{}: pass rate {:.1}% over {} samples.",
                run.label.prompt,
                run.label.dataset,
                run.label.dataset_version,
                r.pass_rate * 100.0,
                r.total
            ),
            None => format!(
                "Evaluation of {} on {} v{}, {}.",
                run.label.prompt,
                run.label.dataset,
                run.label.dataset_version,
                run.status.as_str()
            ),
        },
        SharedContent::Comparison(view) => {
            let c = &view.comparison;
            let rate =
                |r: Option<f64>| r.map_or("—".to_owned(), |r| format!("{:.1}%", r * 100.0));
            format!(
                "Pass rate {} → {} over {} paired samples: {} regressions, {} improvements; {}.",
                rate(c.base_pass_rate),
                rate(c.candidate_pass_rate),
                c.paired,
                c.transitions.pass_fail,
                c.transitions.fail_pass,
                match c.verdict {
                    domain::eval::compare::Verdict::SignificantRegression =>
                        "significant regression",
                    domain::eval::compare::Verdict::SignificantImprovement =>
                        "significant improvement",
                    domain::eval::compare::Verdict::NoSignificantChange => "no significant change",
                }
            )
        }
        SharedContent::Experiment(e) => match &e.results.recommended_winner {
            Some(winner) => format!(
                "A/B experiment {}: {winner} wins on {}.",
                e.name, e.results.target_metric
            ),
            None => format!(
                "A/B experiment {} ({}): no winner yet on {}.",
                e.name,
                e.status.as_str(),
                e.results.target_metric
            ),
        },
    }
}
