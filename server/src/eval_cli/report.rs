//! What `llmops eval` prints and writes: a summary, a JSON report and a JUnit XML report.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use domain::eval::{
    compare::{RunComparison, Verdict},
    record::Run,
    result::SampleResult,
};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use serde_json::json;

pub fn summary_text(run: &Run) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "{} ({})", run.name, run.status.as_str());
    let _ = writeln!(
        text,
        "  dataset {} v{} · prompt {}@{} · endpoint {} ({})",
        run.dataset,
        run.dataset_version,
        run.prompt_name,
        run.prompt_version,
        run.endpoint,
        run.model_name
    );
    if let Some(error) = &run.error {
        let _ = writeln!(text, "  error: {error}");
    }
    let Some(results) = &run.results else {
        return text;
    };
    let _ = writeln!(
        text,
        "  pass rate {:.1}% · {} passed · {} failed · {} errored · {} samples",
        results.pass_rate * 100.0,
        results.passed,
        results.failed,
        results.errored,
        results.total
    );
    for metric in &results.metrics {
        let mean = metric
            .mean
            .map_or("-".to_owned(), |mean| format!("{mean:.3}"));
        let threshold = metric
            .threshold
            .map_or(String::new(), |t| format!(" (threshold {t})"));
        let passed = metric
            .passed
            .map_or(String::new(), |p| format!(" · {p} passed"));
        let errors = if metric.errors > 0 {
            format!(" · {} errors", metric.errors)
        } else {
            String::new()
        };
        let _ = writeln!(
            text,
            "  {:<14} mean {mean}{threshold}{passed}{errors}",
            metric.metric
        );
    }
    if let Some(latency) = results.latency_ms {
        let _ = writeln!(
            text,
            "  latency p50 {:.0} ms · p95 {:.0} ms",
            latency.p50, latency.p95
        );
    }
    let _ = writeln!(
        text,
        "  tokens {} (prompt {}, completion {})",
        results.tokens.total, results.tokens.prompt, results.tokens.completion
    );
    if let Some(bleu) = results.corpus_bleu {
        let _ = writeln!(text, "  corpus BLEU {bleu:.4}");
    }
    text
}

pub fn write_json(path: &Path, run: &Run, results: &[SampleResult]) -> Result<(), String> {
    let report = json!({ "run": run, "results": results });
    let text = serde_json::to_string_pretty(&report).expect("reports serialize");
    std::fs::write(path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// One test suite for the run, one test case per sample: a failed sample is a failure, an
/// errored one an error, each with the reason.
pub fn write_junit(path: &Path, run: &Run, results: &[SampleResult]) -> Result<(), String> {
    let mut suite = TestSuite::new(run.name.clone());
    for result in results {
        let name = format!("#{} {}", result.position, excerpt(&result.input, 60));
        let status = if result.passed {
            TestCaseStatus::success()
        } else {
            let kind = if result.errored {
                NonSuccessKind::Error
            } else {
                NonSuccessKind::Failure
            };
            let mut status = TestCaseStatus::non_success(kind);
            status.set_message(failure_message(result));
            if let Some(output) = &result.output {
                status.set_description(format!(
                    "expected: {}\noutput: {output}",
                    result.expected_output
                ));
            }
            status
        };
        let mut case = TestCase::new(name, status);
        case.set_classname(format!("{}.{}", run.dataset, run.prompt_name));
        if let Some(ms) = result.latency_ms {
            case.set_time(Duration::from_millis(ms));
        }
        suite.add_test_case(case);
    }
    let mut report = Report::new("llmops eval");
    report.add_test_suite(suite);
    let xml = report
        .to_string()
        .map_err(|error| format!("cannot build the JUnit report: {error}"))?;
    std::fs::write(path, xml).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

fn failure_message(result: &SampleResult) -> String {
    if let Some(error) = &result.error {
        return error.clone();
    }
    let failing: Vec<String> = result
        .scores
        .iter()
        .filter(|score| score.passed == Some(false))
        .map(|score| match score.value {
            Some(value) => format!("{} = {value:.3} below its threshold", score.metric),
            None => format!("{} could not be computed", score.metric),
        })
        .collect();
    failing.join("; ")
}

fn excerpt(text: &str, chars: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > chars {
        format!("{}…", flat.chars().take(chars).collect::<String>())
    } else {
        flat
    }
}

/// The comparison with the baseline, as printed after the summary.
pub fn comparison_text(c: &RunComparison) -> String {
    let rate = |r: Option<f64>| r.map_or("-".to_owned(), |r| format!("{:.1}%", r * 100.0));
    let mut text = format!(
        "against baseline {}: pass rate {} -> {}, {} regressions, {} improvements, McNemar p = {:.4}; {}\n",
        c.base_id,
        rate(c.base_pass_rate),
        rate(c.candidate_pass_rate),
        c.transitions.pass_fail,
        c.transitions.fail_pass,
        c.mcnemar.p_value,
        match c.verdict {
            Verdict::SignificantRegression => "significant regression",
            Verdict::SignificantImprovement => "significant improvement",
            Verdict::NoSignificantChange => "no significant change",
        }
    );
    for warning in &c.warnings {
        let _ = writeln!(text, "  warning: {}: {}", warning.field, warning.message);
    }
    text
}
