//! Writes made with the session cookie must come from the app's own pages. Browsers send
//! `Origin` with every POST and `Sec-Fetch-Site` with every request, so a form or script on
//! another site is recognized by either; a request that carries neither (no browser sends
//! such a write) must at least be JSON, which a cross-site form cannot send.

use axum::http::{HeaderMap, header};
use domain::problem::{ErrorCode, Problem};

use super::host::AllowedHosts;

pub fn check(headers: &HeaderMap, hosts: &AllowedHosts) -> Result<(), Problem> {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &axum::http::HeaderValue| v.to_str().ok())
    };
    let request_host = text(header::HOST);
    let origin = text(header::ORIGIN).filter(|origin| *origin != "null");
    let fetch_site = text(axum::http::HeaderName::from_static("sec-fetch-site"));
    let cross = |reason: &str| {
        Err(Problem::new(
            ErrorCode::Forbidden,
            format!("cross-site request refused: {reason}"),
        ))
    };
    if let Some(site) = fetch_site
        && !matches!(site, "same-origin" | "none")
    {
        return cross("it came from another site");
    }
    match origin {
        Some(origin) if hosts.is_own_origin(origin, request_host) => Ok(()),
        Some(_) => cross("its Origin is not this server"),
        None if fetch_site.is_some() => Ok(()),
        None => {
            let json =
                text(header::CONTENT_TYPE).is_some_and(|ct| ct.starts_with("application/json"));
            if json {
                Ok(())
            } else {
                cross("send it from the app, or as JSON")
            }
        }
    }
}
