//! The scheduler's decisions, as pure functions of the schedule, its last fire and the time.
//!
//! The clock is always passed in, so tests (and a server catching up after a restart) decide
//! exactly as the running scheduler does.

use chrono::{DateTime, Utc};

use super::cron::CronSchedule;

/// The tick to fire now, or None when nothing is due.
///
/// A schedule is due when at least one tick fell in the window `(from, now]`, where `from` is
/// `last_fired` or, before the first fire, `created_at` (a tick exactly at creation does not
/// fire). However many ticks fell in the window, the schedule fires **once**, for the latest of
/// them: a server that was down for three hours fires an every-minute schedule once when it
/// comes back, not 180 times. The caller records the returned tick as `last_fired`, which moves
/// the window past every missed tick, so a second call at the same `now` returns None.
pub fn due(
    schedule: &CronSchedule,
    last_fired: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let from = last_fired.unwrap_or(created_at);
    if now <= from {
        return None;
    }
    schedule
        .latest_at_or_before(now)
        .filter(|tick| *tick > from)
}

/// When the schedule fires next, for the UI.
///
/// When a tick is due and not yet fired, that is the tick [`due`] returns (at or before `now`:
/// the scheduler fires it at its next poll); otherwise the first tick after both `now` and the
/// last fire. None when the expression has no later tick.
pub fn next_fire(
    schedule: &CronSchedule,
    last_fired: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    due(schedule, last_fired, created_at, now).or_else(|| {
        let from = last_fired.unwrap_or(created_at);
        schedule.next_after(from.max(now))
    })
}

#[cfg(test)]
#[path = "due_tests.rs"]
mod tests;
