use chrono::{DateTime, Duration, Utc};

use super::*;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn every_five_minutes() -> CronSchedule {
    CronSchedule::parse("*/5 * * * *").unwrap()
}

#[test]
fn fires_at_the_tick_and_not_before() {
    let schedule = every_five_minutes();
    let created = at("2025-01-06T09:02:00Z");
    assert_eq!(
        due(&schedule, None, created, at("2025-01-06T09:04:59.999Z")),
        None
    );
    assert_eq!(
        due(&schedule, None, created, at("2025-01-06T09:05:00Z")),
        Some(at("2025-01-06T09:05:00Z"))
    );
    assert_eq!(
        due(&schedule, None, created, at("2025-01-06T09:05:00.250Z")),
        Some(at("2025-01-06T09:05:00Z"))
    );
}

#[test]
fn does_not_fire_twice_for_the_same_tick() {
    let schedule = every_five_minutes();
    let created = at("2025-01-06T09:02:00Z");
    let now = at("2025-01-06T09:05:00Z");
    let fired = due(&schedule, None, created, now).unwrap();
    assert_eq!(due(&schedule, Some(fired), created, now), None);
    assert_eq!(
        due(&schedule, Some(fired), created, at("2025-01-06T09:09:59Z")),
        None
    );
    assert_eq!(
        due(&schedule, Some(fired), created, at("2025-01-06T09:10:00Z")),
        Some(at("2025-01-06T09:10:00Z"))
    );
}

#[test]
fn a_tick_at_creation_does_not_fire() {
    let schedule = every_five_minutes();
    let created = at("2025-01-06T09:05:00Z");
    assert_eq!(due(&schedule, None, created, created), None);
    assert_eq!(
        due(&schedule, None, created, at("2025-01-06T09:09:00Z")),
        None
    );
}

#[test]
fn catches_up_once_with_the_latest_missed_tick() {
    let schedule = every_five_minutes();
    let created = at("2025-01-06T08:00:00Z");
    let last = at("2025-01-06T09:05:00Z");
    // Down from 09:06 to 12:07:30: 36 ticks were missed, and one fire covers them all.
    let now = at("2025-01-06T12:07:30Z");
    let fired = due(&schedule, Some(last), created, now);
    assert_eq!(fired, Some(at("2025-01-06T12:05:00Z")));
    assert_eq!(due(&schedule, fired, created, now), None);
    assert_eq!(
        due(&schedule, fired, created, at("2025-01-06T12:10:00Z")),
        Some(at("2025-01-06T12:10:00Z"))
    );
}

/// A scheduler polling every 15 seconds, down from 09:21 to 09:48, fires at every tick while
/// it is up and once, for 09:45, when it comes back.
#[test]
fn a_polling_scheduler_fires_once_per_tick_and_once_after_downtime() {
    let schedule = every_five_minutes();
    let created = at("2025-01-06T09:00:10Z");
    let down = (at("2025-01-06T09:21:00Z"), at("2025-01-06T09:48:00Z"));
    let mut last_fired = None;
    let mut fires = Vec::new();
    let mut now = created;
    while now <= at("2025-01-06T10:00:10Z") {
        if (now < down.0 || now >= down.1)
            && let Some(tick) = due(&schedule, last_fired, created, now)
        {
            fires.push((now, tick));
            last_fired = Some(tick);
        }
        now += Duration::seconds(15);
    }
    let ticks: Vec<_> = fires.iter().map(|(_, tick)| *tick).collect();
    let expected: Vec<_> = [
        "09:05", "09:10", "09:15", "09:20", "09:45", "09:50", "09:55", "10:00",
    ]
    .iter()
    .map(|hm| at(&format!("2025-01-06T{hm}:00Z")))
    .collect();
    assert_eq!(ticks, expected);
    // Each fire happened at the first poll at or after its tick, the catch-up at the restart.
    assert_eq!(fires[4].0, at("2025-01-06T09:48:10Z"));
    for (index, (polled, tick)) in fires.iter().enumerate() {
        if index != 4 {
            assert!(*polled >= *tick && *polled - *tick < Duration::seconds(15));
        }
    }
}

#[test]
fn a_clock_behind_the_last_fire_fires_nothing() {
    let schedule = every_five_minutes();
    let created = at("2025-01-06T08:00:00Z");
    let last = at("2025-01-06T09:10:00Z");
    assert_eq!(
        due(&schedule, Some(last), created, at("2025-01-06T09:07:00Z")),
        None
    );
}

#[test]
fn next_fire_is_the_due_tick_or_the_next_one() {
    let schedule = every_five_minutes();
    let created = at("2025-01-06T09:02:00Z");
    assert_eq!(
        next_fire(&schedule, None, created, at("2025-01-06T09:03:00Z")),
        Some(at("2025-01-06T09:05:00Z"))
    );
    // Overdue: the tick the scheduler will fire at its next poll.
    let last = at("2025-01-06T09:05:00Z");
    assert_eq!(
        next_fire(&schedule, Some(last), created, at("2025-01-06T12:07:30Z")),
        Some(at("2025-01-06T12:05:00Z"))
    );
    assert_eq!(
        next_fire(
            &schedule,
            Some(at("2025-01-06T12:05:00Z")),
            created,
            at("2025-01-06T12:07:30Z")
        ),
        Some(at("2025-01-06T12:10:00Z"))
    );
    // A last fire ahead of the clock: the tick after it.
    assert_eq!(
        next_fire(
            &schedule,
            Some(at("2025-01-06T12:10:00Z")),
            created,
            at("2025-01-06T12:07:00Z")
        ),
        Some(at("2025-01-06T12:15:00Z"))
    );
}
