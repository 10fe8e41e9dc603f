//! The lifecycle table, checked for every status and every action.

use super::*;
use Action::{Cancel, Complete, Pause, Start};
use ExperimentStatus::{Cancelled, Completed, Draft, Paused, Running};

/// The expected outcome of every (status, action) pair: `Some(next)` or `None` for refused.
fn expected(from: ExperimentStatus, action: Action) -> Option<ExperimentStatus> {
    let table = [
        (Draft, [Some(Running), None, None, Some(Cancelled)]),
        (
            Running,
            [None, Some(Paused), Some(Completed), Some(Cancelled)],
        ),
        (
            Paused,
            [Some(Running), None, Some(Completed), Some(Cancelled)],
        ),
        (Completed, [None, None, None, None]),
        (Cancelled, [None, None, None, None]),
    ];
    let row = table.iter().find(|(status, _)| *status == from).unwrap();
    let column = Action::ALL.iter().position(|a| *a == action).unwrap();
    row.1[column]
}

#[test]
fn every_status_and_action_follows_the_table() {
    let mut checked = 0;
    for from in ExperimentStatus::ALL {
        for action in Action::ALL {
            let outcome = apply(from, action);
            match expected(from, action) {
                Some(next) => assert_eq!(outcome, Ok(next), "{from} + {action}"),
                None => {
                    let error = outcome.unwrap_err();
                    assert_eq!(error, TransitionError { from, action });
                    assert_eq!(
                        error.to_string(),
                        format!("cannot {action} an experiment that is {from}")
                    );
                }
            }
            assert_eq!(from.apply(action), outcome);
            checked += 1;
        }
    }
    assert_eq!(checked, 20);
}

#[test]
fn refusals_read_as_sentences() {
    assert_eq!(
        apply(Draft, Pause).unwrap_err().to_string(),
        "cannot pause an experiment that is draft"
    );
    assert_eq!(
        apply(Completed, Start).unwrap_err().to_string(),
        "cannot start an experiment that is completed"
    );
    assert_eq!(
        apply(Cancelled, Cancel).unwrap_err().to_string(),
        "cannot cancel an experiment that is cancelled"
    );
    assert_eq!(
        apply(Draft, Complete).unwrap_err().to_string(),
        "cannot complete an experiment that is draft"
    );
}

#[test]
fn a_refusal_is_a_conflict() {
    let problem = Problem::from(apply(Running, Start).unwrap_err());
    assert_eq!(problem.code, ErrorCode::Conflict);
    assert_eq!(problem.code.http_status(), 409);
    assert_eq!(
        problem.message,
        "cannot start an experiment that is running"
    );
}

#[test]
fn allowed_actions_list_the_buttons_to_show() {
    assert_eq!(Draft.allowed_actions(), vec![Start, Cancel]);
    assert_eq!(Running.allowed_actions(), vec![Pause, Complete, Cancel]);
    assert_eq!(Paused.allowed_actions(), vec![Start, Complete, Cancel]);
    assert!(Completed.allowed_actions().is_empty());
    assert!(Cancelled.allowed_actions().is_empty());
}

#[test]
fn only_completed_and_cancelled_are_final() {
    let finals: Vec<_> = ExperimentStatus::ALL
        .into_iter()
        .filter(|s| s.is_final())
        .collect();
    assert_eq!(finals, vec![Completed, Cancelled]);
}

#[test]
fn statuses_and_actions_parse_and_serialize_as_snake_case() {
    for status in ExperimentStatus::ALL {
        assert_eq!(ExperimentStatus::parse(status.as_str()), Ok(status));
        assert_eq!(
            serde_json::to_value(status).unwrap(),
            serde_json::json!(status.as_str())
        );
    }
    for action in Action::ALL {
        assert_eq!(Action::parse(action.as_str()), Ok(action));
    }
    let error = ExperimentStatus::parse("Running").unwrap_err();
    assert_eq!(error.field, "status");
    assert_eq!(
        error.message,
        "must be one of draft, running, paused, completed, cancelled"
    );
    assert_eq!(Action::parse("resume").unwrap_err().field, "action");
    assert_eq!(
        serde_json::from_str::<ExperimentStatus>("\"cancelled\"").unwrap(),
        Cancelled
    );
}
