use chrono::{DateTime, Duration, Utc};
use serde_json::Map;
use uuid::Uuid;

use super::*;
use crate::eval::metric::MetricName;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn schedule(cron: &str, created: &str) -> Schedule {
    Schedule {
        id: Uuid::from_u128(1),
        name: "nightly".into(),
        cron: cron.into(),
        dataset: "golden".into(),
        dataset_version: None,
        prompt_name: "support".into(),
        prompt_version: None,
        endpoint: "echo".into(),
        metrics: vec![MetricSpec::new(MetricName::ExactMatch)],
        parameters: Map::new(),
        min_pass_rate: None,
        webhook_url: None,
        enabled: true,
        created_at: at(created),
        updated_at: at(created),
        enabled_at: at(created),
        last_fired_at: None,
        next_fire_at: None,
        last_run: None,
        last_delivery: None,
        last_error: None,
    }
}

#[test]
fn fires_the_latest_missed_tick_once() {
    let mut every_minute = schedule("* * * * *", "2026-01-05T10:00:30Z");
    let now = at("2026-01-05T13:00:30Z");
    let tick = every_minute.due(now).unwrap();
    assert_eq!(tick, at("2026-01-05T13:00:00Z"));
    every_minute.last_fired_at = Some(tick);
    assert_eq!(every_minute.due(now), None);
}

#[test]
fn ticks_that_fell_while_disabled_do_not_fire_on_enabling() {
    let mut hourly = schedule("0 * * * *", "2026-01-05T09:30:00Z");
    hourly.last_fired_at = Some(at("2026-01-05T10:00:00Z"));
    hourly.enabled_at = at("2026-01-05T12:10:00Z");
    assert_eq!(hourly.due(at("2026-01-05T12:59:59Z")), None);
    assert_eq!(
        hourly.due(at("2026-01-05T13:00:00Z")),
        Some(at("2026-01-05T13:00:00Z"))
    );
}

#[test]
fn next_fire_is_computed_for_enabled_schedules_only() {
    let hourly = schedule("0 * * * *", "2026-01-05T09:30:00Z");
    let now = at("2026-01-05T09:45:00Z");
    assert_eq!(
        hourly.clone().with_next_fire(now).next_fire_at,
        Some(at("2026-01-05T10:00:00Z"))
    );
    let mut disabled = hourly;
    disabled.enabled = false;
    assert_eq!(disabled.with_next_fire(now).next_fire_at, None);
}

#[test]
fn the_run_request_leaves_open_what_the_schedule_leaves_open() {
    let mut nightly = schedule("0 2 * * *", "2026-01-05T09:30:00Z");
    let tick = at("2026-01-06T02:00:00Z");
    let request = nightly.run_request(nightly.run_name_at(tick)).unwrap();
    assert_eq!(
        request.name.as_deref(),
        Some("nightly 2026-01-06 02:00 UTC")
    );
    assert_eq!(request.prompt_version, VersionSelector::Active);
    assert_eq!(request.dataset_version, None);
    assert!(request.start);

    nightly.prompt_version = Some("staging".into());
    nightly.dataset_version = Some(3);
    let request = nightly.run_request("x".into()).unwrap();
    assert_eq!(request.prompt_version.to_string(), "staging");
    assert_eq!(request.dataset_version, Some(3));
    assert_eq!(
        nightly.manual_run_name(tick + Duration::seconds(5)),
        "nightly (run now) 2026-01-06 02:00:05 UTC"
    );
}
