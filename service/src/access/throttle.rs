//! Slowing down password guessing: after [`MAX_FAILURES`] failed sign-ins for one account or
//! from one address within [`WINDOW`], further attempts for it are refused until the window
//! has passed, without checking the password. Counts live in the node's memory: an attacker
//! spreading guesses over N nodes gets N times the attempts, still five a minute per node.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

pub(crate) const MAX_FAILURES: usize = 5;
pub(crate) const WINDOW: Duration = Duration::seconds(60);
/// Past this many tracked keys the oldest windows are dropped, so a flood of made-up emails
/// cannot grow the map without bound.
const MAX_TRACKED: usize = 10_000;

#[derive(Default)]
pub(crate) struct LoginThrottle {
    failures: Mutex<HashMap<String, Vec<DateTime<Utc>>>>,
}

impl LoginThrottle {
    /// How long until `keys` may try again; None when they may now.
    pub(crate) fn wait(&self, keys: &[String], now: DateTime<Utc>) -> Option<Duration> {
        let failures = self
            .failures
            .lock()
            .expect("the throttle lock is not poisoned");
        keys.iter()
            .filter_map(|key| failures.get(key))
            .filter_map(|times| {
                let recent: Vec<_> = times.iter().filter(|t| now - **t < WINDOW).collect();
                (recent.len() >= MAX_FAILURES)
                    .then(|| WINDOW - (now - *recent[recent.len() - MAX_FAILURES]))
            })
            .max()
    }

    pub(crate) fn failed(&self, keys: &[String], now: DateTime<Utc>) {
        let mut failures = self
            .failures
            .lock()
            .expect("the throttle lock is not poisoned");
        if failures.len() > MAX_TRACKED {
            failures.retain(|_, times| times.iter().any(|t| now - *t < WINDOW));
        }
        for key in keys {
            let times = failures.entry(key.clone()).or_default();
            times.retain(|t| now - *t < WINDOW);
            times.push(now);
        }
    }

    pub(crate) fn succeeded(&self, keys: &[String]) {
        let mut failures = self
            .failures
            .lock()
            .expect("the throttle lock is not poisoned");
        for key in keys {
            failures.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_in_a_minute_make_the_sixth_wait() {
        let throttle = LoginThrottle::default();
        let keys = ["email:ada@example.com".to_string()];
        let start = DateTime::<Utc>::UNIX_EPOCH;
        for i in 0..MAX_FAILURES as i64 {
            assert_eq!(throttle.wait(&keys, start + Duration::seconds(i)), None);
            throttle.failed(&keys, start + Duration::seconds(i));
        }
        let wait = throttle.wait(&keys, start + Duration::seconds(5)).unwrap();
        assert_eq!(wait, Duration::seconds(55));
        assert_eq!(throttle.wait(&keys, start + Duration::seconds(61)), None);
        throttle.succeeded(&keys);
        assert_eq!(throttle.wait(&keys, start + Duration::seconds(6)), None);
    }
}
