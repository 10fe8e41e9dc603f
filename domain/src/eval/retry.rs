//! When to call a model again after a 429, a 5xx or a timeout.
//!
//! Exponential backoff with "equal jitter": the n-th retry waits between half and all of
//! `BASE_DELAY_MS * 2^(n-1)`, capped at `MAX_DELAY_MS`, so retries spread out instead of
//! arriving together. A server's Retry-After wins when it asks for longer, up to
//! `MAX_RETRY_AFTER_MS`. The number of retries is the endpoint's `max_retries`.

use chrono::{DateTime, Utc};

pub const BASE_DELAY_MS: u64 = 250;
pub const MAX_DELAY_MS: u64 = 8_000;
pub const MAX_RETRY_AFTER_MS: u64 = 60_000;

/// The wait before retry number `retry` (1 for the first retry). `jitter` is uniform in [0, 1).
pub fn retry_delay_ms(retry: u32, retry_after_ms: Option<u64>, jitter: f64) -> u64 {
    let ceiling = BASE_DELAY_MS
        .saturating_mul(1u64 << retry.saturating_sub(1).min(20))
        .min(MAX_DELAY_MS);
    let jittered = ceiling / 2 + (ceiling as f64 / 2.0 * jitter.clamp(0.0, 1.0)) as u64;
    match retry_after_ms {
        Some(asked) => asked.min(MAX_RETRY_AFTER_MS).max(jittered.min(asked)),
        None => jittered,
    }
}

/// A Retry-After header in milliseconds: either delay-seconds or an HTTP date.
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then_some((seconds * 1000.0) as u64);
    }
    let at = DateTime::parse_from_rfc2822(value).ok()?;
    let wait = at.with_timezone(&Utc) - now;
    Some(wait.num_milliseconds().max(0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_within_their_jitter_band_up_to_the_cap() {
        assert_eq!(retry_delay_ms(1, None, 0.0), 125);
        assert_eq!(retry_delay_ms(1, None, 0.999), 249);
        assert_eq!(retry_delay_ms(2, None, 0.0), 250);
        assert_eq!(retry_delay_ms(3, None, 0.0), 500);
        assert_eq!(retry_delay_ms(10, None, 0.0), MAX_DELAY_MS / 2);
        assert!(retry_delay_ms(60, None, 0.999) < MAX_DELAY_MS);
    }

    #[test]
    fn retry_after_is_honoured_and_capped() {
        assert_eq!(retry_delay_ms(1, Some(2_000), 0.5), 2_000);
        assert_eq!(retry_delay_ms(1, Some(10_000_000), 0.5), MAX_RETRY_AFTER_MS);
        // Retry-After: 0 means "now": no extra wait is invented.
        assert_eq!(retry_delay_ms(4, Some(0), 0.5), 0);
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = DateTime::parse_from_rfc3339("2015-10-21T07:28:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(parse_retry_after("3", now), Some(3_000));
        assert_eq!(parse_retry_after(" 0.5 ", now), Some(500));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:05 GMT", now),
            Some(5_000)
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now),
            Some(0)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-1", now), None);
    }
}
