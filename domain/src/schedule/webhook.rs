//! The webhook a schedule posts to when a scheduled run regresses.

pub const MAX_WEBHOOK_URL_CHARS: usize = 2_000;

/// Checks a webhook URL: `http://` or `https://` (any case), a host (a name, an IPv4 address
/// or a bracketed IPv6 address) with an optional port 1-65535, then any path, query and
/// fragment. No spaces or control characters, no `user:password@` before the host (a secret
/// belongs in the path or the query, as Slack and Teams put it), at most
/// [`MAX_WEBHOOK_URL_CHARS`] characters. Every message starts with "must be an http(s) URL".
pub fn check_webhook_url(url: &str) -> Result<(), String> {
    let fail = |why: &str| Err(format!("must be an http(s) URL{why}"));
    if url.chars().count() > MAX_WEBHOOK_URL_CHARS {
        return fail(&format!(" of at most {MAX_WEBHOOK_URL_CHARS} characters"));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return fail(" without spaces");
    }
    let Some(rest) = strip_scheme(url) else {
        return fail("");
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    if authority.contains('@') {
        return fail(" without credentials before the host; put a secret in the path or the query");
    }
    let (host, port) = split_port(authority);
    if host.is_empty() {
        return fail(" with a host");
    }
    let host_ok = if let Some(inner) = host.strip_prefix('[') {
        inner.strip_suffix(']').is_some_and(|address| {
            !address.is_empty()
                && address
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'))
        })
    } else {
        host.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
            && !host.starts_with(['.', '-'])
    };
    if !host_ok {
        return fail(&format!(" with a valid host, not \"{host}\""));
    }
    if let Some(port) = port
        && !matches!(port.parse::<u16>(), Ok(p) if p > 0 && port.bytes().all(|b| b.is_ascii_digit()))
    {
        return fail(&format!(" with a port between 1 and 65535, not \"{port}\""));
    }
    Ok(())
}

fn strip_scheme(url: &str) -> Option<&str> {
    ["http://", "https://"].into_iter().find_map(|scheme| {
        url.get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .map(|_| &url[scheme.len()..])
    })
}

/// `host[:port]`, where an IPv6 host is bracketed and may itself contain colons.
fn split_port(authority: &str) -> (&str, Option<&str>) {
    let host_end = if authority.starts_with('[') {
        authority.find(']').map_or(authority.len(), |i| i + 1)
    } else {
        authority.find(':').unwrap_or(authority.len())
    };
    let (host, tail) = authority.split_at(host_end);
    (
        host,
        tail.strip_prefix(':').or(match tail {
            "" => None,
            other => Some(other),
        }),
    )
}

#[cfg(test)]
#[path = "webhook_tests.rs"]
mod tests;
