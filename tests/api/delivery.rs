//! How responses travel: static files under content-hashed names, served from their brotli or
//! gzip copies made at build time and cached for a year; pages and JSON compressed on the way
//! out and never cached as they are.

use reqwest::StatusCode;
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE};
use serde_json::json;
use system_tests::TestServer;

use crate::support::post;

async fn fetch(server: &TestServer, path: &str, encoding: Option<&str>) -> reqwest::Response {
    let mut request = server.client.get(server.url(path));
    if let Some(encoding) = encoding {
        request = request.header(ACCEPT_ENCODING, encoding);
    }
    request.send().await.expect("the server answers")
}

fn header(response: &reqwest::Response, name: reqwest::header::HeaderName) -> Option<String> {
    response
        .headers()
        .get(name)
        .map(|value| value.to_str().unwrap().to_owned())
}

/// The `/pkg/...` files the page links, from its HTML.
fn linked_assets(html: &str) -> Vec<String> {
    let mut assets: Vec<String> = html
        .split('"')
        .filter(|part| part.starts_with("/pkg/"))
        .map(str::to_owned)
        .collect();
    assets.sort();
    assets.dedup();
    assets
}

#[tokio::test]
async fn the_bundle_has_hashed_names_and_is_sent_precompressed_and_kept_for_a_year() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let page = fetch(&server, "/", None).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    let assets = linked_assets(&html);
    for kind in [".js", ".wasm", ".css"] {
        assert!(
            assets.iter().any(|asset| asset.ends_with(kind)),
            "no {kind} linked: {assets:?}"
        );
    }
    for asset in &assets {
        let name = asset.trim_start_matches("/pkg/");
        assert!(
            name.split('.').count() == 3 && name.split('.').nth(1).unwrap().len() >= 16,
            "{asset} has no content hash in its name"
        );
        let plain = fetch(&server, asset, None).await;
        assert_eq!(plain.status(), StatusCode::OK, "{asset}");
        assert_eq!(header(&plain, CONTENT_ENCODING), None);
        let plain_length = plain.bytes().await.unwrap().len();
        for encoding in ["br", "gzip"] {
            let compressed = fetch(&server, asset, Some(encoding)).await;
            assert_eq!(compressed.status(), StatusCode::OK, "{asset} {encoding}");
            assert_eq!(
                header(&compressed, CONTENT_ENCODING).as_deref(),
                Some(encoding),
                "{asset}"
            );
            assert_eq!(
                header(&compressed, CACHE_CONTROL).as_deref(),
                Some("public, max-age=31536000, immutable"),
                "{asset}"
            );
            let length = compressed.bytes().await.unwrap().len();
            assert!(
                length < plain_length,
                "{asset} as {encoding}: {length} bytes, plain {plain_length}"
            );
        }
    }
    let unknown = fetch(
        &server,
        "/pkg/llmops.AAAAAAAAAAAAAAAAAAAAAA.wasm",
        Some("br"),
    )
    .await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert_ne!(
        header(&unknown, CACHE_CONTROL).as_deref(),
        Some("public, max-age=31536000, immutable"),
        "a missing file is not kept"
    );
}

#[tokio::test]
async fn pages_and_json_are_compressed_and_pages_are_revalidated() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let (status, _) = post(
        &server,
        "/api/v1/prompts",
        json!({"name": "compressed", "description": "a prompt long enough to be worth compressing",
               "template": "Hello {{ name }}, this is a greeting of some length.",
               "variables": [{"name": "name", "type": "string"}]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);

    for encoding in ["br", "gzip"] {
        let page = fetch(&server, "/prompts/compressed", Some(encoding)).await;
        assert_eq!(page.status(), StatusCode::OK);
        assert!(
            header(&page, CONTENT_TYPE)
                .unwrap()
                .starts_with("text/html")
        );
        assert_eq!(header(&page, CONTENT_ENCODING).as_deref(), Some(encoding));
        assert_eq!(header(&page, CACHE_CONTROL).as_deref(), Some("no-cache"));

        let json = fetch(&server, "/api/v1/prompts/compressed", Some(encoding)).await;
        assert_eq!(json.status(), StatusCode::OK);
        assert_eq!(header(&json, CONTENT_ENCODING).as_deref(), Some(encoding));
    }
    let plain = fetch(&server, "/api/v1/prompts/compressed", None).await;
    assert_eq!(header(&plain, CONTENT_ENCODING), None);
    let body: serde_json::Value = plain.json().await.unwrap();
    assert_eq!(body["name"], "compressed");
}
