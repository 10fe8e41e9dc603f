//! Builds a [`SharedPage`] on the server from a token.

use chrono::{DateTime, Utc};
use db::{DbError, SqlitePool};
use domain::problem::{ErrorCode, Problem};
use domain::share::ShareTarget;

use super::compare::RunLabel;
use super::shares::{SharedContent, SharedExperiment, SharedPage, SharedRun};

pub async fn build(
    pool: &SqlitePool,
    token: &str,
    now: DateTime<Utc>,
) -> Result<SharedPage, Problem> {
    let share = db::shares::get_active(pool, token, now)
        .await
        .map_err(gone)?;
    let content = match share.target {
        ShareTarget::Run { run_id } => {
            SharedContent::Run(Box::new(run(pool, run_id).await.map_err(gone)?))
        }
        ShareTarget::Comparison { base, candidate } => SharedContent::Comparison(Box::new(
            super::comparison_view::build(pool, base, candidate).await?,
        )),
        ShareTarget::Experiment { experiment_id } => SharedContent::Experiment(Box::new(
            experiment(pool, experiment_id).await.map_err(gone)?,
        )),
    };
    Ok(SharedPage {
        description: describe(&content),
        title: share.title,
        expires_at: share.expires_at,
        content,
    })
}

async fn run(pool: &SqlitePool, id: uuid::Uuid) -> Result<SharedRun, DbError> {
    let run = db::runs::get(pool, id).await?;
    Ok(SharedRun {
        label: RunLabel::from(&run),
        status: run.status,
        progress: run.progress,
        charts: super::evaluations::draw_run_charts(pool, &run).await?,
        results: run.results,
    })
}

async fn experiment(pool: &SqlitePool, id: uuid::Uuid) -> Result<SharedExperiment, DbError> {
    let experiment = db::experiments::get(pool, id).await?;
    let report = db::experiments::report(pool, id).await?;
    let charts = super::experiment_charts::draw(&experiment, &report);
    Ok(SharedExperiment {
        name: experiment.name,
        status: experiment.status,
        winner: report.winner,
        results: report.results,
        means_chart: charts.means,
        timeline_chart: charts.timeline,
        traffic_chart: charts.traffic,
    })
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

/// Whatever is missing, the visitor learns only that the link does not work.
fn gone<E: Into<Problem>>(error: E) -> Problem {
    let problem: Problem = error.into();
    if problem.code == ErrorCode::NotFound {
        Problem::new(
            ErrorCode::NotFound,
            "this link does not exist, has expired or was revoked",
        )
    } else {
        problem
    }
}
