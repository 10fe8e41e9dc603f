use chrono::{DateTime, Duration, Utc};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

use super::*;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn cron(expr: &str) -> CronSchedule {
    CronSchedule::parse(expr).unwrap_or_else(|error| panic!("{expr}: {error}"))
}

/// The first `count` ticks strictly after `start`.
fn ticks(expr: &str, start: &str, count: usize) -> Vec<DateTime<Utc>> {
    let schedule = cron(expr);
    let mut t = at(start);
    (0..count)
        .map(|_| {
            t = schedule.next_after(t).unwrap();
            t
        })
        .collect()
}

fn times(texts: &[&str]) -> Vec<DateTime<Utc>> {
    texts.iter().map(|text| at(text)).collect()
}

#[track_caller]
fn refused(expr: &str, message: &str) {
    let error = CronSchedule::parse(expr).unwrap_err();
    assert_eq!(error.field, "cron");
    assert_eq!(error.message, message, "for {expr:?}");
}

#[test]
fn every_five_minutes_fires_on_the_multiples_of_five() {
    assert_eq!(
        ticks("*/5 * * * *", "2025-01-06T09:31:10Z", 3),
        times(&[
            "2025-01-06T09:35:00Z",
            "2025-01-06T09:40:00Z",
            "2025-01-06T09:45:00Z"
        ])
    );
    let schedule = cron("*/5 * * * *");
    // Strictly after: a tick is not its own successor, but a nanosecond before it is.
    assert_eq!(
        schedule.next_after(at("2025-01-06T09:35:00Z")),
        Some(at("2025-01-06T09:40:00Z"))
    );
    assert_eq!(
        schedule.next_after(at("2025-01-06T09:34:59.999999999Z")),
        Some(at("2025-01-06T09:35:00Z"))
    );
    assert_eq!(
        schedule.next_after(at("2025-01-06T23:58:00Z")),
        Some(at("2025-01-07T00:00:00Z"))
    );
}

#[test]
fn half_past_nine_on_weekdays_skips_the_weekend() {
    // 2025-01-06 is a Monday.
    assert_eq!(
        ticks("30 9 * * MON-FRI", "2025-01-06T08:00:00Z", 6),
        times(&[
            "2025-01-06T09:30:00Z",
            "2025-01-07T09:30:00Z",
            "2025-01-08T09:30:00Z",
            "2025-01-09T09:30:00Z",
            "2025-01-10T09:30:00Z",
            "2025-01-13T09:30:00Z",
        ])
    );
    assert_eq!(
        ticks("30 9 * * 1-5", "2025-01-06T08:00:00Z", 6),
        ticks("30 9 * * mon-fri", "2025-01-06T08:00:00Z", 6)
    );
}

#[test]
fn the_first_of_the_month_crosses_years() {
    assert_eq!(
        ticks("0 0 1 * *", "2025-11-15T12:00:00Z", 3),
        times(&[
            "2025-12-01T00:00:00Z",
            "2026-01-01T00:00:00Z",
            "2026-02-01T00:00:00Z"
        ])
    );
    assert_eq!(
        ticks("@monthly", "2025-11-15T12:00:00Z", 3),
        ticks("0 0 1 * *", "2025-11-15T12:00:00Z", 3)
    );
}

#[test]
fn restricted_day_fields_match_either_day() {
    // The 13th and every Friday (Vixie cron's rule); 2025-01-03 is a Friday.
    assert_eq!(
        ticks("0 9 13 * FRI", "2025-01-01T00:00:00Z", 4),
        times(&[
            "2025-01-03T09:00:00Z",
            "2025-01-10T09:00:00Z",
            "2025-01-13T09:00:00Z",
            "2025-01-17T09:00:00Z",
        ])
    );
}

#[test]
fn a_day_field_starting_with_a_star_makes_days_match_both() {
    // Days 1, 11, 21, 31 that are Mondays: the first in 2025 is March 31.
    assert_eq!(
        ticks("0 9 */10 * MON", "2025-01-01T00:00:00Z", 1),
        times(&["2025-03-31T09:00:00Z"])
    );
}

#[test]
fn names_sunday_as_seven_and_steps_from_a_value() {
    // 2025-01-05 is a Sunday.
    assert_eq!(
        ticks("0 0 * * 7", "2025-01-01T00:00:00Z", 1),
        ticks("0 0 * * SUN", "2025-01-01T00:00:00Z", 1)
    );
    assert_eq!(
        ticks("0 0 * * FRI-SUN", "2025-01-01T00:00:00Z", 4),
        times(&[
            "2025-01-03T00:00:00Z",
            "2025-01-04T00:00:00Z",
            "2025-01-05T00:00:00Z",
            "2025-01-10T00:00:00Z",
        ])
    );
    assert_eq!(
        ticks("5/20 * * * *", "2025-01-01T00:00:00Z", 4),
        times(&[
            "2025-01-01T00:05:00Z",
            "2025-01-01T00:25:00Z",
            "2025-01-01T00:45:00Z",
            "2025-01-01T01:05:00Z",
        ])
    );
    assert_eq!(
        ticks("0 12 1 jan,Jul *", "2025-02-01T00:00:00Z", 2),
        times(&["2025-07-01T12:00:00Z", "2026-01-01T12:00:00Z"])
    );
    assert_eq!(
        ticks("0,30 8-10/2 * * *", "2025-01-01T00:00:00Z", 4),
        times(&[
            "2025-01-01T08:00:00Z",
            "2025-01-01T08:30:00Z",
            "2025-01-01T10:00:00Z",
            "2025-01-01T10:30:00Z",
        ])
    );
}

#[test]
fn february_the_29th_waits_for_a_leap_year() {
    assert_eq!(
        ticks("0 0 29 2 *", "2025-03-01T00:00:00Z", 1),
        times(&["2028-02-29T00:00:00Z"])
    );
}

#[test]
fn errors_say_why() {
    let fields = "minute hour day-of-month month day-of-week";
    refused("", &format!("is empty; expected 5 fields: {fields}"));
    refused("* * *", &format!("expected 5 fields ({fields}), found 3"));
    refused(
        "0 * * * * *",
        &format!("expected 5 fields ({fields}), found 6; seconds and years are not supported"),
    );
    refused("61 * * * *", "minute field: 61 is out of range 0-59");
    refused("* 24 * * *", "hour field: 24 is out of range 0-23");
    refused("* * 0 * *", "day-of-month field: 0 is out of range 1-31");
    refused("* * * 13 *", "month field: 13 is out of range 1-12");
    refused("* * * * 8", "day-of-week field: 8 is out of range 0-7");
    refused(
        "99999999999 * * * *",
        "minute field: 99999999999 is out of range 0-59",
    );
    refused("*/0 * * * *", "minute field: a step must be at least 1");
    refused(
        "*/x * * * *",
        "minute field: step \"x\" is not a whole number",
    );
    refused(
        "30-10 * * * *",
        "minute field: range 30-10 is backwards; write the smaller value first",
    );
    refused(
        "* * * FOO *",
        "month field: \"FOO\" is not a number or a month name (JAN-DEC)",
    );
    refused(
        "* * * * MONDAY",
        "day-of-week field: \"MONDAY\" is not a number or a weekday name (SUN-SAT)",
    );
    refused(
        "* * * MON *",
        "month field: \"MON\" is not a number or a month name (JAN-DEC)",
    );
    refused("* * L * *", "day-of-month field: \"L\" is not a number");
    refused(
        "* * * * 5#2",
        "day-of-week field: \"5#2\" is not a number or a weekday name (SUN-SAT)",
    );
    refused("1,,2 * * * *", "minute field: has an empty list item");
    refused(
        "5- * * * *",
        "minute field: a range needs a value on both sides of -",
    );
    refused(
        "/5 * * * *",
        "minute field: \"/5\" needs * or a range before the step, as in */15",
    );
    refused(
        "@every5m",
        "unknown shortcut @every5m; known: @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly",
    );
    refused(
        "0 0 30 2 *",
        "never fires: no month it names has the day of month it names",
    );
    refused(
        "0 0 31 4,6,9,11 *",
        "never fires: no month it names has the day of month it names",
    );
}

#[test]
fn keeps_the_expression_as_written() {
    let schedule = cron("  30 9 * * MON-FRI ");
    assert_eq!(schedule.as_str(), "30 9 * * MON-FRI");
    assert_eq!(schedule.to_string(), "30 9 * * MON-FRI");
    let json = serde_json::to_value(&schedule).unwrap();
    assert_eq!(json, serde_json::json!("30 9 * * MON-FRI"));
    assert_eq!(
        serde_json::from_value::<CronSchedule>(json).unwrap(),
        schedule
    );
    let error = serde_json::from_value::<CronSchedule>(serde_json::json!("61 * * * *"));
    assert!(
        error
            .unwrap_err()
            .to_string()
            .contains("minute field: 61 is out of range 0-59")
    );
}

/// The latest tick at or before t agrees with a forward search: it is a tick, it is not after
/// t, and no tick lies between it and t.
#[test]
fn the_latest_tick_agrees_with_the_forward_search() {
    let mut rng = SmallRng::seed_from_u64(7);
    let origin = at("2024-01-01T00:00:00Z");
    for expr in [
        "*/5 * * * *",
        "30 9 * * MON-FRI",
        "0 0 1 * *",
        "0 9 13 * FRI",
        "0 9 */10 * MON",
        "17 */3 * * *",
        "0 0 29 2 *",
    ] {
        let schedule = cron(expr);
        for _ in 0..200 {
            let t = origin + Duration::seconds(rng.random_range(0..3 * 366 * 86_400));
            let t = t + Duration::nanoseconds(rng.random_range(0..1_000_000_000));
            let latest = schedule.latest_at_or_before(t).unwrap();
            assert!(latest <= t, "{expr} at {t}");
            assert!(schedule.next_after(latest).unwrap() > t, "{expr} at {t}");
            assert_eq!(
                schedule.next_after(latest - Duration::seconds(1)),
                Some(latest),
                "{expr} at {t}"
            );
        }
    }
}

#[test]
fn edge_expressions_parse_as_cron_reads_them() {
    // A step longer than the field hits its first value only.
    assert_eq!(
        ticks("*/90 * * * *", "2025-01-01T00:00:00Z", 2),
        times(&["2025-01-01T01:00:00Z", "2025-01-01T02:00:00Z"])
    );
    // 0-7 is every day; the last minute of the year.
    assert_eq!(
        ticks("0 0 * * 0-7", "2025-01-01T00:00:00Z", 2),
        times(&["2025-01-02T00:00:00Z", "2025-01-03T00:00:00Z"])
    );
    assert_eq!(
        ticks("59 23 31 12 *", "2025-01-01T00:00:00Z", 1),
        times(&["2025-12-31T23:59:00Z"])
    );
    assert_eq!(
        ticks("@DAILY", "2025-01-01T00:00:00Z", 1),
        times(&["2025-01-02T00:00:00Z"])
    );
    // Every other day of the month at noon, whatever the weekday.
    assert_eq!(
        ticks("0 12 */2 * *", "2025-01-30T00:00:00Z", 3),
        times(&[
            "2025-01-31T12:00:00Z",
            "2025-02-01T12:00:00Z",
            "2025-02-03T12:00:00Z"
        ])
    );
}
