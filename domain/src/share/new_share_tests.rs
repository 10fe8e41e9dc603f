use chrono::{Duration, TimeZone, Utc};
use uuid::Uuid;

use super::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap()
}

fn fields(error: ValidationError) -> Vec<(String, String)> {
    error
        .details
        .into_iter()
        .map(|d| (d.field, d.message))
        .collect()
}

#[test]
fn each_kind_becomes_its_target() {
    let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
    let run = NewShare {
        kind: "run".into(),
        run_id: Some(a),
        ..NewShare::default()
    };
    assert_eq!(
        run.validate(now()).unwrap().target,
        ShareTarget::Run { run_id: a }
    );
    let comparison = NewShare {
        kind: "comparison".into(),
        base: Some(a),
        candidate: Some(b),
        expires_at: Some(now() + Duration::days(7)),
        ..NewShare::default()
    };
    let valid = comparison.validate(now()).unwrap();
    assert_eq!(
        valid.target,
        ShareTarget::Comparison {
            base: a,
            candidate: b
        }
    );
    assert_eq!(valid.expires_at, Some(now() + Duration::days(7)));
    let experiment = NewShare {
        kind: "experiment".into(),
        experiment_id: Some(b),
        ..NewShare::default()
    };
    assert_eq!(
        experiment.validate(now()).unwrap().target,
        ShareTarget::Experiment { experiment_id: b }
    );
}

#[test]
fn every_problem_is_named() {
    let unknown = NewShare {
        kind: "dashboard".into(),
        ..NewShare::default()
    };
    assert_eq!(
        fields(unknown.validate(now()).unwrap_err()),
        vec![(
            "kind".into(),
            "must be one of run, comparison, experiment".into()
        )]
    );
    let missing = NewShare {
        kind: "comparison".into(),
        base: Some(Uuid::from_u128(1)),
        run_id: Some(Uuid::from_u128(3)),
        expires_at: Some(now()),
        ..NewShare::default()
    };
    assert_eq!(
        fields(missing.validate(now()).unwrap_err()),
        vec![
            (
                "candidate".into(),
                "is required to share a comparison".into()
            ),
            (
                "run_id".into(),
                "does not belong to a comparison share".into()
            ),
            ("expires_at".into(), "must be in the future".into()),
        ]
    );
    let same = NewShare {
        kind: "comparison".into(),
        base: Some(Uuid::from_u128(1)),
        candidate: Some(Uuid::from_u128(1)),
        ..NewShare::default()
    };
    assert_eq!(
        fields(same.validate(now()).unwrap_err()),
        vec![(
            "candidate".into(),
            "must be a different run from base".into()
        )]
    );
}
