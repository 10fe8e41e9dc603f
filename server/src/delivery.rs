//! How responses travel: compressed when the client accepts it, and cached by what they are.
//!
//! - Static files are precompressed at build time (`cargo leptos build --precompress` writes
//!   `.br` and `.gz` beside each file) and served from those copies; everything generated per
//!   request (HTML, JSON, exports) is compressed on the way out, brotli before gzip.
//! - Files under `/pkg/` whose names carry a content hash never change: a year, immutable. An
//!   unhashed one (a build without hashing) must be checked again every time, as must HTML.

use std::path::Path;

use axum::{
    extract::Request,
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};
use tower_http::compression::CompressionLayer;

/// The build's file hashes, written by cargo-leptos beside the binary.
const HASH_FILE: &str = "hash.txt";

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// True when the site was built with content-hashed file names: their hashes sit in
/// `hash.txt` beside the running binary, where Leptos reads them to name the files.
pub fn site_is_hashed() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(HASH_FILE)))
        .is_some_and(|file| file.is_file())
}

pub fn compression() -> CompressionLayer {
    CompressionLayer::new().br(true).gzip(true)
}

/// Sets `Cache-Control` from the path and the content type, unless the handler set one.
pub async fn cache_control(request: Request, next: Next) -> Response {
    let hashed_asset = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    if response.headers().contains_key(header::CACHE_CONTROL) {
        return response;
    }
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    let policy = if hashed_asset && response.status().is_success() {
        Some(IMMUTABLE)
    } else if is_html || hashed_asset {
        Some(REVALIDATE)
    } else {
        None
    };
    if let Some(policy) = policy {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// `/pkg/llmops.<hash>.wasm` and the like: a file name with a middle part that is a content
/// hash (cargo-leptos writes URL-safe base64 of at least 16 characters).
fn is_hashed_asset(path: &str) -> bool {
    let Some(name) = path.strip_prefix("/pkg/") else {
        return false;
    };
    let stem = Path::new(name).file_stem().and_then(|stem| stem.to_str());
    stem.and_then(|stem| stem.rsplit_once('.'))
        .is_some_and(|(_, hash)| {
            hash.len() >= 16
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn only_files_under_pkg_with_a_hash_in_their_name_are_immutable() {
        assert!(is_hashed_asset("/pkg/llmops.Xy3_fL0-abcdEFGH12.wasm"));
        assert!(is_hashed_asset("/pkg/llmops.Xy3_fL0-abcdEFGH12.css"));
        assert!(!is_hashed_asset("/pkg/llmops.wasm"));
        assert!(!is_hashed_asset("/pkg/llmops_bg.wasm"));
        assert!(!is_hashed_asset("/favicon.svg"));
        assert!(!is_hashed_asset("/pkg/llmops.short.js"));
        assert!(!is_hashed_asset("/prompts/a.b.cdefghijklmnopqrstu"));
    }
}
