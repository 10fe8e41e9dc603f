use chrono::{DateTime, Utc};
use serde_json::{Map, json};
use uuid::Uuid;

use super::*;
use crate::eval::record::{Progress, Run};

fn at() -> DateTime<Utc> {
    DateTime::from_timestamp(1_760_000_000, 0).unwrap()
}

fn run() -> Run {
    Run {
        id: Uuid::from_u128(2),
        name: "nightly 2025-10-09 08:53 UTC".into(),
        dataset_id: Uuid::from_u128(77),
        dataset: "golden".into(),
        dataset_version: 1,
        prompt_name: "support".into(),
        prompt_version: "1.0.0".into(),
        prompt_version_id: Uuid::from_u128(88),
        endpoint_id: Uuid::from_u128(99),
        endpoint: "echo".into(),
        model_name: "echo".into(),
        metrics: Vec::new(),
        parameters: Map::new(),
        status: RunStatus::Completed,
        progress: Progress::default(),
        results: None,
        error: None,
        schedule_id: Some(Uuid::from_u128(5)),
        check: None,
        created_at: at(),
        queued_at: None,
        start_time: None,
        end_time: None,
    }
}

fn check(previous: Option<u128>, verdict: Option<Verdict>) -> RunCheck {
    RunCheck {
        previous_run_id: previous.map(Uuid::from_u128),
        previous_pass_rate: previous.map(|_| 0.9),
        verdict,
        pass_rate_change: verdict.map(|_| -0.5),
        regressions: 5,
        improvements: 0,
        mcnemar_p_value: verdict.map(|_| 0.0625),
        pass_rate: Some(0.4),
        min_pass_rate: Some(0.8),
        regression: true,
        reasons: vec!["pass rate 0.40 is under the schedule's minimum 0.80".into()],
        notes: Vec::new(),
        checked_at: at(),
    }
}

fn schedule() -> ScheduleRef {
    ScheduleRef {
        id: Uuid::from_u128(5),
        name: "nightly".into(),
    }
}

#[test]
fn the_payload_links_the_run_and_the_comparison_absolutely() {
    let payload = RegressionPayload::new(
        schedule(),
        &run(),
        &check(Some(1), Some(Verdict::NoSignificantChange)),
        "https://llmops.example.com/",
    );
    let value = serde_json::to_value(&payload).unwrap();
    assert_eq!(value["event"], "run.regression");
    assert_eq!(
        value["schedule"],
        json!({"id": Uuid::from_u128(5), "name": "nightly"})
    );
    assert_eq!(
        value["run"]["url"],
        format!(
            "https://llmops.example.com/evaluations/{}",
            Uuid::from_u128(2)
        )
    );
    assert_eq!(value["run"]["status"], "completed");
    assert_eq!(value["run"]["pass_rate"], 0.4);
    assert_eq!(
        value["previous_run"],
        json!({"id": Uuid::from_u128(1), "pass_rate": 0.9})
    );
    assert_eq!(
        value["comparison"],
        json!({
            "verdict": "no_significant_change",
            "pass_rate_change": -0.5,
            "regressions": 5,
            "improvements": 0,
            "mcnemar_p_value": 0.0625,
            "url": format!(
                "https://llmops.example.com/evaluations/compare?base={}&candidate={}",
                Uuid::from_u128(1),
                Uuid::from_u128(2)
            ),
        })
    );
    assert_eq!(
        value["reasons"],
        json!(["pass rate 0.40 is under the schedule's minimum 0.80"])
    );
}

#[test]
fn without_a_previous_run_there_is_no_comparison() {
    let payload = RegressionPayload::new(schedule(), &run(), &check(None, None), "http://h:1");
    let value = serde_json::to_value(&payload).unwrap();
    assert_eq!(value["previous_run"], json!(null));
    assert_eq!(value["comparison"], json!(null));
}
