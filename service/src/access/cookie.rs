//! The session cookie: `llmops_session`, HttpOnly, SameSite=Lax, Secure when users reach the
//! server over https, for the whole site, lasting as long as the session may. Both doors set
//! and read it, so its name and attributes live here once.

use chrono::{DateTime, Utc};

pub const NAME: &str = "llmops_session";

/// The session token in a `Cookie` header's value.
pub fn token_in(cookie_header: &str) -> Option<&str> {
    cookie_header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == NAME)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

/// The `Set-Cookie` value for a new session.
pub fn set(token: &str, expires_at: DateTime<Utc>, now: DateTime<Utc>, secure: bool) -> String {
    let max_age = (expires_at - now).num_seconds().max(0);
    format!(
        "{NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        flag(secure)
    )
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear(secure: bool) -> String {
    format!(
        "{NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        flag(secure)
    )
}

fn flag(secure: bool) -> &'static str {
    if secure { "; Secure" } else { "" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_found_among_other_cookies() {
        assert_eq!(token_in("a=1; llmops_session=abc; b=2"), Some("abc"));
        assert_eq!(token_in("llmops_session="), None);
        assert_eq!(token_in("other=abc"), None);
        assert!(clear(true).ends_with("Max-Age=0; Secure"));
    }
}
