//! The check of a scheduled run once it has ended: is it a regression against the previous
//! completed run of its schedule, or under the schedule's minimum pass rate?

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::eval::compare::{CompareError, RunComparison, Verdict};
use crate::eval::record::Run;
use crate::eval::status::RunStatus;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunCheck {
    /// The previous completed run of the same schedule; None for the first.
    pub previous_run_id: Option<Uuid>,
    pub previous_pass_rate: Option<f64>,
    /// The comparison's verdict; None when there was nothing to compare with (or it failed).
    pub verdict: Option<Verdict>,
    pub pass_rate_change: Option<f64>,
    /// Paired samples that passed in the previous run and fail in this one.
    pub regressions: u64,
    pub improvements: u64,
    pub mcnemar_p_value: Option<f64>,
    pub pass_rate: Option<f64>,
    pub min_pass_rate: Option<f64>,
    /// True when there is at least one reason.
    pub regression: bool,
    /// Why this run is a regression, one sentence each.
    pub reasons: Vec<String>,
    /// What could not be checked, e.g. the comparison was refused.
    pub notes: Vec<String>,
    pub checked_at: DateTime<Utc>,
}

/// What the check of `run` is given: the previous completed run of its schedule and, when
/// `run` completed too, the comparison of the two (`compare_runs(previous, run)`).
pub struct CheckInput<'a> {
    pub run: &'a Run,
    pub previous: Option<&'a Run>,
    pub comparison: Option<Result<&'a RunComparison, &'a CompareError>>,
    pub min_pass_rate: Option<f64>,
    pub checked_at: DateTime<Utc>,
}

impl CheckInput<'_> {
    pub fn check(self) -> RunCheck {
        let run = self.run;
        let mut check = RunCheck {
            previous_run_id: self.previous.map(|previous| previous.id),
            previous_pass_rate: self.previous.and_then(pass_rate),
            verdict: None,
            pass_rate_change: None,
            regressions: 0,
            improvements: 0,
            mcnemar_p_value: None,
            pass_rate: pass_rate(run),
            min_pass_rate: self.min_pass_rate,
            regression: false,
            reasons: Vec::new(),
            notes: Vec::new(),
            checked_at: self.checked_at,
        };
        if run.status == RunStatus::Failed {
            let why = run.error.as_deref().unwrap_or("no reason was recorded");
            check.reasons.push(format!("the run failed: {why}"));
        }
        match (self.previous, self.comparison) {
            (Some(previous), Some(Ok(comparison))) => {
                check.verdict = Some(comparison.verdict);
                check.pass_rate_change = comparison.pass_rate_change;
                check.regressions = comparison.transitions.pass_fail;
                check.improvements = comparison.transitions.fail_pass;
                check.mcnemar_p_value = Some(comparison.mcnemar.p_value);
                if comparison.verdict == Verdict::SignificantRegression {
                    check.reasons.push(regression_reason(previous, comparison));
                }
            }
            (Some(previous), Some(Err(error))) => check.notes.push(format!(
                "not compared with run \"{}\" ({}): {error}",
                previous.name, previous.id
            )),
            _ => {}
        }
        if run.status == RunStatus::Completed
            && let (Some(rate), Some(minimum)) = (check.pass_rate, self.min_pass_rate)
            && rate < minimum
        {
            check.reasons.push(format!(
                "pass rate {rate:.2} is under the schedule's minimum {minimum:.2}"
            ));
        }
        check.regression = !check.reasons.is_empty();
        check
    }
}

fn pass_rate(run: &Run) -> Option<f64> {
    run.results.as_ref().map(|results| results.pass_rate)
}

/// "significant regression against run "nightly 02:00" (id): pass rate 0.90 → 0.40; ..."
fn regression_reason(previous: &Run, comparison: &RunComparison) -> String {
    let mut reason = format!(
        "significant regression against run \"{}\" ({})",
        previous.name, previous.id
    );
    let mut parts = Vec::new();
    if let (Some(base), Some(candidate)) =
        (comparison.base_pass_rate, comparison.candidate_pass_rate)
    {
        parts.push(format!("pass rate {base:.2} → {candidate:.2}"));
    }
    let mcnemar = &comparison.mcnemar;
    if mcnemar.verdict == Verdict::SignificantRegression {
        parts.push(format!(
            "{} samples passed before and fail now, {} the other way (McNemar p = {:.4})",
            mcnemar.b, mcnemar.c, mcnemar.p_value
        ));
    }
    for metric in &comparison.metrics {
        if metric.verdict != Verdict::SignificantRegression {
            continue;
        }
        let mut part = format!("{} got worse", metric.metric);
        if let (Some(base), Some(candidate)) = (metric.base_mean, metric.candidate_mean) {
            part.push_str(&format!(", mean {base:.3} → {candidate:.3}"));
        }
        if let Some(p) = metric.p_value {
            part.push_str(&format!(" (Wilcoxon p = {p:.4})"));
        }
        parts.push(part);
    }
    if !parts.is_empty() {
        reason.push_str(": ");
        reason.push_str(&parts.join("; "));
    }
    reason
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
