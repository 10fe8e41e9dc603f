use domain::{eval::metric::MetricName, problem::ErrorCode};
use serde_json::json;

use super::*;

fn draft() -> RunDraft {
    RunDraft {
        dataset: "7d3c6f0e-0000-4000-8000-000000000001".into(),
        prompt: "support-reply".into(),
        endpoint: "local".into(),
        start: true,
        ..RunDraft::default()
    }
}

fn metric(name: MetricName, threshold: &str, option: &str) -> MetricDraft {
    MetricDraft {
        name,
        threshold: threshold.into(),
        option: option.into(),
    }
}

fn run(draft: &RunDraft) -> NewRun {
    match draft.to_submission() {
        Ok(Submission::Run(run)) => run,
        other => panic!("expected a run, got {other:?}"),
    }
}

fn schedule(draft: &RunDraft) -> NewSchedule {
    match draft.to_submission() {
        Ok(Submission::Schedule(schedule)) => schedule,
        other => panic!("expected a schedule, got {other:?}"),
    }
}

fn scheduled(min_pass_rate: &str) -> RunDraft {
    RunDraft {
        name: "nightly".into(),
        schedule: Some(ScheduleDraft {
            cron: "0 6 * * 1-5".into(),
            min_pass_rate: min_pass_rate.into(),
            webhook_url: String::new(),
        }),
        ..draft()
    }
}

fn only_field(problem: &Problem) -> (&str, &str) {
    assert_eq!(problem.code, ErrorCode::ValidationFailed);
    match problem.details.as_slice() {
        [detail] => (detail.field.as_str(), detail.message.as_str()),
        details => panic!("expected one field error, got {details:?}"),
    }
}

#[test]
fn a_run_takes_the_choices_as_they_are() {
    let new = run(&RunDraft {
        dataset_version: "3".into(),
        prompt_version: "1.2.0".into(),
        ..draft()
    });
    assert_eq!(
        new,
        NewRun {
            name: None,
            dataset: "7d3c6f0e-0000-4000-8000-000000000001".into(),
            dataset_version: Some(3),
            prompt_name: "support-reply".into(),
            prompt_version: Some("1.2.0".into()),
            endpoint: "local".into(),
            metrics: Vec::new(),
            parameters: Map::new(),
            start: true,
        }
    );
}

#[test]
fn empty_choices_mean_latest_active_and_a_derived_name() {
    let new = run(&RunDraft {
        name: "  ".into(),
        start: false,
        ..draft()
    });
    assert_eq!(new.name, None);
    assert_eq!(new.dataset_version, None);
    assert_eq!(new.prompt_version, None);
    assert!(!new.start);
    let named = run(&RunDraft {
        name: "baseline".into(),
        ..draft()
    });
    assert_eq!(named.name.as_deref(), Some("baseline"));
}

#[test]
fn metrics_carry_their_thresholds_and_options_in_order() {
    let new = run(&RunDraft {
        metrics: vec![
            metric(MetricName::Regex, " 1 ", "^\\d+$"),
            metric(MetricName::Contains, "", "  "),
            metric(MetricName::LlmJudge, "0.7", "Polite and correct"),
            metric(
                MetricName::ExactMatch,
                "1",
                "ignored: exact_match takes no option",
            ),
            metric(MetricName::Latency, "high", ""),
        ],
        ..draft()
    });
    assert_eq!(
        new.metrics,
        vec![
            json!({"name": "regex", "threshold": 1.0, "pattern": "^\\d+$"}),
            json!({"name": "contains"}),
            json!({"name": "llm_judge", "threshold": 0.7, "rubric": "Polite and correct"}),
            json!({"name": "exact_match", "threshold": 1.0}),
            // Not a number: sent as text so the server names the threshold.
            json!({"name": "latency", "threshold": "high"}),
        ]
    );
}

#[test]
fn parameters_are_a_json_object_or_nothing() {
    let new = run(&RunDraft {
        parameters: "{\"temperature\": 0, \"max_tokens\": 256}".into(),
        ..draft()
    });
    assert_eq!(
        Value::Object(new.parameters),
        json!({"temperature": 0, "max_tokens": 256})
    );
    let blank = run(&RunDraft {
        parameters: " \n".into(),
        ..draft()
    });
    assert!(blank.parameters.is_empty());
}

#[test]
fn parameters_that_are_not_an_object_are_named() {
    for text in ["[1, 2]", "{\"temperature\": }", "0"] {
        let problem = RunDraft {
            parameters: text.into(),
            ..draft()
        }
        .to_submission()
        .unwrap_err();
        assert_eq!(problem.message, "the parameters are not a JSON object");
        assert_eq!(
            only_field(&problem),
            (
                "parameters",
                "must be a JSON object, e.g. {\"temperature\": 0}"
            ),
            "{text}"
        );
    }
}

#[test]
fn a_schedule_takes_the_same_choices_and_its_own_settings() {
    let new = schedule(&RunDraft {
        dataset_version: "2".into(),
        metrics: vec![metric(MetricName::ExactMatch, "1", "")],
        parameters: "{\"temperature\": 0}".into(),
        schedule: Some(ScheduleDraft {
            cron: "0 6 * * 1-5".into(),
            min_pass_rate: "0.8".into(),
            webhook_url: "https://hooks.example.com/x".into(),
        }),
        ..scheduled("")
    });
    assert_eq!(
        new,
        NewSchedule {
            name: "nightly".into(),
            cron: "0 6 * * 1-5".into(),
            dataset: "7d3c6f0e-0000-4000-8000-000000000001".into(),
            dataset_version: Some(2),
            prompt_name: "support-reply".into(),
            prompt_version: None,
            endpoint: "local".into(),
            metrics: vec![json!({"name": "exact_match", "threshold": 1.0})],
            parameters: json!({"temperature": 0}).as_object().unwrap().clone(),
            min_pass_rate: Some(0.8),
            webhook_url: Some("https://hooks.example.com/x".into()),
            enabled: true,
        }
    );
}

#[test]
fn a_schedule_reads_pass_rates_as_fractions_or_percentages() {
    assert_eq!(schedule(&scheduled("")).min_pass_rate, None);
    assert_eq!(schedule(&scheduled(" 0.9 ")).min_pass_rate, Some(0.9));
    assert_eq!(schedule(&scheduled("90%")).min_pass_rate, Some(0.9));
}

#[test]
fn a_blank_webhook_means_none() {
    let mut draft = scheduled("");
    if let Some(settings) = &mut draft.schedule {
        settings.webhook_url = "  ".into();
    }
    assert_eq!(schedule(&draft).webhook_url, None);
}

#[test]
fn a_pass_rate_that_is_not_a_number_is_named() {
    for text in ["high", "90 %", "%"] {
        let problem = scheduled(text).to_submission().unwrap_err();
        assert_eq!(problem.message, "the minimum pass rate is not a number");
        assert_eq!(
            only_field(&problem),
            (
                "min_pass_rate",
                "must be a number between 0 and 1 (or a percentage)"
            ),
            "{text}"
        );
    }
}

#[test]
fn bad_parameters_are_named_before_a_bad_pass_rate() {
    let problem = RunDraft {
        parameters: "[]".into(),
        ..scheduled("high")
    }
    .to_submission()
    .unwrap_err();
    assert_eq!(only_field(&problem).0, "parameters");
}

#[test]
fn only_some_metrics_take_an_option() {
    assert_eq!(
        metric_option(MetricName::Regex).map(|o| o.key),
        Some("pattern")
    );
    assert_eq!(
        metric_option(MetricName::StartsWith).map(|o| o.key),
        Some("value")
    );
    assert_eq!(
        metric_option(MetricName::LlmJudge).map(|o| o.key),
        Some("rubric")
    );
    assert_eq!(metric_option(MetricName::Bleu), None);
}

#[test]
fn ticked_metrics_start_with_a_passing_threshold() {
    assert_eq!(default_threshold(MetricName::ExactMatch), "1");
    assert_eq!(default_threshold(MetricName::LlmJudge), "0.7");
    assert_eq!(default_threshold(MetricName::Latency), "");
}
