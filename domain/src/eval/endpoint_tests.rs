use super::*;

fn openai(base_url: &str) -> NewEndpoint {
    NewEndpoint {
        name: "local-llama".into(),
        kind: "openai".into(),
        base_url: base_url.into(),
        model: "smollm2".into(),
        api_key_env: None,
        max_concurrency: None,
        timeout_ms: None,
        max_retries: None,
        default_parameters: Map::new(),
    }
}

fn fields(error: ValidationError) -> Vec<String> {
    error.details.into_iter().map(|d| d.field).collect()
}

#[test]
fn an_openai_endpoint_gets_defaults_and_loses_its_trailing_slash() {
    let valid = openai("http://127.0.0.1:8080/v1/").validate().unwrap();
    assert_eq!(valid.base_url, "http://127.0.0.1:8080/v1");
    assert_eq!(valid.max_concurrency, DEFAULT_MAX_CONCURRENCY);
    assert_eq!(valid.timeout_ms, DEFAULT_TIMEOUT_MS);
    assert_eq!(valid.max_retries, DEFAULT_MAX_RETRIES);
}

#[test]
fn invalid_urls_are_refused_naming_base_url() {
    for url in [
        "",
        "ftp://example.com",
        "localhost:8080",
        "http://",
        "http://host:notaport/v1",
        "http://exa mple.com",
        "https://example.com/v1?x=1",
    ] {
        let error = openai(url).validate().unwrap_err();
        assert_eq!(fields(error), ["base_url"], "{url}");
    }
    for url in [
        "https://api.openai.com/v1",
        "http://localhost:11434/v1",
        "http://[::1]:8080/v1",
    ] {
        assert!(openai(url).validate().is_ok(), "{url}");
    }
}

#[test]
fn the_key_is_named_never_given() {
    let mut endpoint = openai("https://api.openai.com/v1");
    endpoint.api_key_env = Some("sk-abc123-secret".into());
    assert_eq!(fields(endpoint.validate().unwrap_err()), ["api_key_env"]);
    let mut endpoint = openai("https://api.openai.com/v1");
    endpoint.api_key_env = Some("sk_live_51HxQ2abcDEF".into());
    assert_eq!(fields(endpoint.validate().unwrap_err()), ["api_key_env"]);
    let mut endpoint = openai("https://api.openai.com/v1");
    endpoint.api_key_env = Some("OPENAI_API_KEY".into());
    assert_eq!(
        endpoint.validate().unwrap().api_key_env.as_deref(),
        Some("OPENAI_API_KEY")
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut endpoint = openai("nope");
    endpoint.name = "bad name".into();
    endpoint.model = String::new();
    endpoint.max_concurrency = Some(0);
    endpoint.timeout_ms = Some(10);
    endpoint.max_retries = Some(11);
    endpoint
        .default_parameters
        .insert("model".into(), Value::from("x"));
    assert_eq!(
        fields(endpoint.validate().unwrap_err()),
        [
            "name",
            "base_url",
            "model",
            "max_concurrency",
            "timeout_ms",
            "max_retries",
            "default_parameters.model"
        ]
    );
}

#[test]
fn echo_needs_no_url_or_model() {
    let echo = NewEndpoint {
        kind: "echo".into(),
        base_url: String::new(),
        model: String::new(),
        ..openai("")
    };
    let valid = echo.validate().unwrap();
    assert_eq!(valid.kind, EndpointKind::Echo);
    assert_eq!(valid.model, "echo");
    let unknown = NewEndpoint {
        kind: "anthropic".into(),
        ..openai("http://x")
    };
    assert_eq!(fields(unknown.validate().unwrap_err()), ["kind"]);
}
