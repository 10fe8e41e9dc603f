use chrono::{DateTime, Duration, Utc};

use super::*;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_760_000_000, 0).unwrap()
}

#[test]
fn a_2xx_answer_delivers() {
    for status in [200, 201, 202, 204, 299] {
        assert_eq!(
            Attempt::Answered(status).decide(1, now()),
            Decision::Delivered
        );
        assert_eq!(Attempt::Answered(status).error(), None);
    }
}

#[test]
fn transient_failures_back_off_exponentially_then_give_up_after_five_attempts() {
    let transient = [
        Attempt::Answered(408),
        Attempt::Answered(429),
        Attempt::Answered(500),
        Attempt::Answered(503),
        Attempt::NoAnswer("timed out".into()),
    ];
    for attempt in transient {
        let delays: Vec<Decision> = (1..=4).map(|n| attempt.decide(n, now())).collect();
        assert_eq!(
            delays,
            [1, 2, 4, 8].map(|s| Decision::RetryAt(now() + Duration::seconds(s))),
            "{attempt:?}"
        );
        assert_eq!(attempt.decide(5, now()), Decision::Failed, "{attempt:?}");
    }
}

#[test]
fn other_answers_fail_at_once() {
    for status in [301, 400, 401, 403, 404, 410, 422] {
        assert_eq!(Attempt::Answered(status).decide(1, now()), Decision::Failed);
    }
    assert_eq!(
        Attempt::Answered(404).error().as_deref(),
        Some("the receiver answered 404")
    );
    assert_eq!(Attempt::NoAnswer("refused".into()).status(), None);
}

#[test]
fn statuses_round_trip_through_their_names() {
    for status in [
        DeliveryStatus::Pending,
        DeliveryStatus::Delivered,
        DeliveryStatus::Failed,
    ] {
        assert_eq!(DeliveryStatus::parse(status.as_str()), Some(status));
    }
    assert_eq!(DeliveryStatus::parse("sent"), None);
}
