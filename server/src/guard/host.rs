//! Which `Host` headers the server answers: its public URL's host, and loopback names. Anything
//! else is a request meant for another site, such as a page whose DNS name was rebound to
//! this server's address.

use axum::http::{HeaderMap, header};

#[derive(Debug, Clone)]
pub struct AllowedHosts {
    /// The public URL's origin (`https://llmops.example.com`) and host (with its port, if any).
    public_origin: Option<String>,
    public_host: Option<String>,
}

impl AllowedHosts {
    pub fn new(public_url: Option<&str>) -> AllowedHosts {
        let public_origin = public_url.map(|url| url.trim_end_matches('/').to_ascii_lowercase());
        let public_host = public_origin.as_deref().and_then(|origin| {
            let rest = origin.split_once("://")?.1;
            Some(rest.split('/').next().unwrap_or(rest).to_owned())
        });
        AllowedHosts {
            public_origin,
            public_host,
        }
    }

    pub fn allows(&self, headers: &HeaderMap) -> bool {
        let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
            // HTTP/1.0 without Host, or HTTP/2 with :authority only: nothing to rebind.
            return true;
        };
        self.allows_host(&host.to_ascii_lowercase())
    }

    fn allows_host(&self, host: &str) -> bool {
        self.public_host.as_deref() == Some(host) || is_loopback(host)
    }

    /// Whether `origin` (as a browser sends it: `scheme://host[:port]`) is this server's.
    pub fn is_own_origin(&self, origin: &str, request_host: Option<&str>) -> bool {
        let origin = origin.to_ascii_lowercase();
        if self.public_origin.as_deref() == Some(origin.as_str()) {
            return true;
        }
        let host = origin.split_once("://").map(|(_, host)| host);
        host.is_some_and(|host| request_host.is_some_and(|own| own.eq_ignore_ascii_case(host)))
    }
}

fn is_loopback(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(v6),
        None => host.rsplit_once(':').map_or(host, |(name, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                name
            } else {
                host
            }
        }),
    };
    name == "localhost"
        || name.ends_with(".localhost")
        || name == "::1"
        || name
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_host_and_loopback_names_are_allowed() {
        let hosts = AllowedHosts::new(Some("https://llmops.example.com"));
        for host in [
            "llmops.example.com",
            "localhost:3000",
            "127.0.0.1:8080",
            "[::1]:3000",
            "127.1.2.3",
        ] {
            assert!(hosts.allows_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "llmops.example.com.evil.example",
            "10.0.0.5:3000",
            "localhost.evil.example",
        ] {
            assert!(!hosts.allows_host(host), "{host}");
        }
    }

    #[test]
    fn an_origin_is_own_when_it_is_the_public_url_or_the_host_asked_for() {
        let hosts = AllowedHosts::new(Some("https://llmops.example.com/"));
        assert!(hosts.is_own_origin("https://llmops.example.com", None));
        assert!(hosts.is_own_origin("http://127.0.0.1:3000", Some("127.0.0.1:3000")));
        assert!(!hosts.is_own_origin("https://evil.example", Some("127.0.0.1:3000")));
    }
}
