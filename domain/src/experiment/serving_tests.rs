//! Serving by status.

use super::*;

const WEIGHTS: [f64; 3] = [0.2, 0.4, 0.4];

#[test]
fn a_running_experiment_serves_the_hashed_variant_inside_the_experiment() {
    for i in 0..50 {
        let user = format!("user-{i}");
        let served = serve(ExperimentStatus::Running, 0, None, "s", &user, &WEIGHTS);
        assert_eq!(
            served,
            Assignment {
                variant_index: assign("s", &user, &WEIGHTS),
                in_experiment: true
            }
        );
    }
}

#[test]
fn a_paused_draft_or_cancelled_experiment_serves_the_control_outside() {
    for status in [
        ExperimentStatus::Paused,
        ExperimentStatus::Draft,
        ExperimentStatus::Cancelled,
    ] {
        let served = serve(status, 2, Some(1), "s", "user-1", &WEIGHTS);
        assert_eq!(
            served,
            Assignment {
                variant_index: 2,
                in_experiment: false
            },
            "{status}"
        );
    }
}

#[test]
fn a_completed_experiment_serves_its_winner_or_else_the_control() {
    let with_winner = serve(ExperimentStatus::Completed, 0, Some(1), "s", "u", &WEIGHTS);
    assert_eq!(
        with_winner,
        Assignment {
            variant_index: 1,
            in_experiment: false
        }
    );
    let without = serve(ExperimentStatus::Completed, 0, None, "s", "u", &WEIGHTS);
    assert_eq!(without.variant_index, 0);
    assert!(!without.in_experiment);
}

#[test]
fn drafts_and_cancelled_experiments_are_not_assignable() {
    for status in [ExperimentStatus::Draft, ExperimentStatus::Cancelled] {
        let problem = check_assignable(status).unwrap_err();
        assert_eq!(problem.code, ErrorCode::Conflict);
        assert!(problem.field("status").is_some(), "{status}");
    }
    assert!(
        check_assignable(ExperimentStatus::Draft)
            .unwrap_err()
            .message
            .ends_with("start it first")
    );
    for status in [
        ExperimentStatus::Running,
        ExperimentStatus::Paused,
        ExperimentStatus::Completed,
    ] {
        assert!(check_assignable(status).is_ok(), "{status}");
    }
}

#[test]
fn the_variants_model_wins_over_the_prompts() {
    let prompt = ModelConfig {
        model: Some("from-prompt".into()),
        ..ModelConfig::default()
    };
    assert_eq!(
        served_model(Some("from-variant"), Some(&prompt)).as_deref(),
        Some("from-variant")
    );
    assert_eq!(
        served_model(None, Some(&prompt)).as_deref(),
        Some("from-prompt")
    );
    assert_eq!(served_model(None, None), None);
}
