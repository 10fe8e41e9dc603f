//! Timestamps as people read them. Absolute, so the server and the browser print the same.

use chrono::{DateTime, Utc};

pub fn when(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}
