use super::*;

#[test]
fn accepts_http_and_https_urls_with_paths_and_queries() {
    for url in [
        "https://hooks.slack.com/services/T000/B000/XXXX",
        "http://127.0.0.1:8080/hook?token=abc&x=1",
        "HTTPS://Example.com",
        "http://[::1]:9000/x",
        "https://example.com#fragment",
        "http://localhost",
        "https://example.com?only=query",
        "http://ci_runner.internal:80/",
    ] {
        assert_eq!(check_webhook_url(url), Ok(()), "{url}");
    }
}

#[test]
fn refuses_anything_else_saying_why() {
    let cases = [
        ("ftp://example.com/x", "must be an http(s) URL"),
        ("example.com/hook", "must be an http(s) URL"),
        ("javascript:alert(1)", "must be an http(s) URL"),
        ("http://", "must be an http(s) URL with a host"),
        ("http:///path", "must be an http(s) URL with a host"),
        ("https://?q=1", "must be an http(s) URL with a host"),
        (
            "http://user:pw@example.com/",
            "must be an http(s) URL without credentials before the host; put a secret in the path or the query",
        ),
        (
            "http://example.com:0/",
            "must be an http(s) URL with a port between 1 and 65535, not \"0\"",
        ),
        (
            "http://example.com:99999/",
            "must be an http(s) URL with a port between 1 and 65535, not \"99999\"",
        ),
        (
            "http://example.com:/",
            "must be an http(s) URL with a port between 1 and 65535, not \"\"",
        ),
        (
            "http://exa mple.com",
            "must be an http(s) URL without spaces",
        ),
        (
            "http://exa$mple.com",
            "must be an http(s) URL with a valid host, not \"exa$mple.com\"",
        ),
        (
            "http://[::1/",
            "must be an http(s) URL with a valid host, not \"[::1\"",
        ),
    ];
    for (url, message) in cases {
        assert_eq!(check_webhook_url(url), Err(message.to_owned()), "{url}");
    }
    let long = format!("https://example.com/{}", "a".repeat(MAX_WEBHOOK_URL_CHARS));
    assert_eq!(
        check_webhook_url(&long),
        Err("must be an http(s) URL of at most 2000 characters".to_owned())
    );
}
