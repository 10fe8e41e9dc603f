//! Every REST route against the policy, for a stranger, a `serve` key, a viewer, an editor
//! and an admin. The routes are read from the router's own source, so a route added without
//! a line in `POLICY` fails here until someone decides who may call it.

use std::collections::BTreeSet;

use reqwest::{Client, Method, StatusCode, header};
use serde_json::{Value, json};
use system_tests::{ADMIN_EMAIL, ADMIN_PASSWORD, TestServer, workspace_root};

use super::{Session, admin_session, key, session_of};
use crate::support::post;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Need {
    /// Anyone, without a credential.
    Open,
    /// Any credential (asking who it is).
    Credential,
    View,
    Edit,
    Admin,
    /// What production services call: editors and up, and `serve` keys.
    Serve,
}

use Need::*;

/// (method, route, who may call it, a body that a caller who may would send).
const POLICY: &[(&str, &str, Need, &str)] = &[
    ("GET", "/health", Open, ""),
    ("GET", "/ready", Open, ""),
    ("POST", "/auth/login", Open, "LOGIN"),
    (
        "POST",
        "/auth/setup",
        Open,
        r#"{"code": "x", "email": "late@example.com", "display_name": "Late", "password": "late password 123"}"#,
    ),
    ("GET", "/auth/me", Credential, ""),
    ("GET", "/prompts", View, ""),
    (
        "POST",
        "/prompts",
        Edit,
        r#"{"name": "policy-UNIQUE", "template": "Hi"}"#,
    ),
    ("GET", "/prompts/{name}", View, ""),
    (
        "POST",
        "/prompts/{name}/versions",
        Edit,
        r#"{"template": "Hello {{ input }}", "variables": [{"name": "input", "type": "string"}]}"#,
    ),
    ("GET", "/prompts/{name}/versions/{version}", View, ""),
    (
        "POST",
        "/prompts/{name}/versions/{version}/activate",
        Edit,
        "",
    ),
    (
        "PUT",
        "/prompts/{name}/labels/{label}",
        Edit,
        r#"{"version": "1.0.0"}"#,
    ),
    ("DELETE", "/prompts/{name}/labels/{label}", Edit, ""),
    (
        "POST",
        "/prompts/{name}/render",
        Serve,
        r#"{"variables": {"input": "hi"}}"#,
    ),
    ("GET", "/datasets", View, ""),
    (
        "POST",
        "/datasets",
        Edit,
        r#"{"name": "policy-UNIQUE", "type": "golden"}"#,
    ),
    ("GET", "/datasets/{id}", View, ""),
    ("GET", "/datasets/{id}/versions", View, ""),
    ("GET", "/datasets/{id}/samples", View, ""),
    (
        "POST",
        "/datasets/{id}/samples",
        Edit,
        r#"[{"input": "a", "expected_output": "a"}]"#,
    ),
    (
        "PUT",
        "/datasets/{id}/samples/{sample_id}",
        Edit,
        r#"{"input": "b", "expected_output": "b"}"#,
    ),
    ("DELETE", "/datasets/{id}/samples/{sample_id}", Edit, ""),
    ("POST", "/datasets/{id}/import", Edit, "NDJSON"),
    ("GET", "/datasets/{id}/export", View, ""),
    ("GET", "/endpoints", View, ""),
    (
        "POST",
        "/endpoints",
        Admin,
        r#"{"name": "policy-UNIQUE", "kind": "echo"}"#,
    ),
    ("GET", "/endpoints/{name}", View, ""),
    (
        "PUT",
        "/endpoints/{name}",
        Admin,
        r#"{"name": "policy-echo", "kind": "echo"}"#,
    ),
    ("POST", "/endpoints/{name}/test", Admin, ""),
    ("GET", "/runs", View, ""),
    (
        "POST",
        "/runs",
        Edit,
        r#"{"dataset": "policy", "prompt_name": "policy", "endpoint": "policy-echo", "metrics": ["exact_match"]}"#,
    ),
    ("GET", "/runs/{id}", View, ""),
    ("GET", "/runs/{id}/results", View, ""),
    ("POST", "/runs/{id}/start", Edit, ""),
    ("POST", "/runs/{id}/cancel", Edit, ""),
    ("GET", "/compare", View, ""),
    ("GET", "/shares", View, ""),
    (
        "POST",
        "/shares",
        Edit,
        r#"{"kind": "run", "run_id": "RUN"}"#,
    ),
    ("DELETE", "/shares/{token}", Edit, ""),
    ("GET", "/schedules", View, ""),
    (
        "POST",
        "/schedules",
        Edit,
        r#"{"name": "policy-UNIQUE", "cron": "0 3 * * *", "dataset": "policy", "prompt_name": "policy", "endpoint": "policy-echo", "metrics": ["exact_match"]}"#,
    ),
    ("GET", "/schedules/{id}", View, ""),
    ("PATCH", "/schedules/{id}", Edit, r#"{"enabled": false}"#),
    ("DELETE", "/schedules/{id}", Edit, ""),
    ("POST", "/schedules/{id}/run", Edit, ""),
    ("GET", "/schedules/{id}/runs", View, ""),
    ("GET", "/schedules/{id}/deliveries", View, ""),
    ("GET", "/experiments", View, ""),
    (
        "POST",
        "/experiments",
        Edit,
        r#"{"name": "policy-UNIQUE", "variants": [{"id": "control", "is_control": true}, {"id": "treatment"}], "traffic_split": {"control": 50, "treatment": 50}, "metrics": [{"name": "score", "kind": "mean"}], "target_metric": "score"}"#,
    ),
    ("GET", "/experiments/{id}", View, ""),
    ("POST", "/experiments/{id}/start", Edit, ""),
    ("POST", "/experiments/{id}/pause", Edit, ""),
    (
        "POST",
        "/experiments/{id}/complete",
        Edit,
        r#"{"winner": "control"}"#,
    ),
    ("POST", "/experiments/{id}/cancel", Edit, ""),
    (
        "POST",
        "/experiments/{id}/assign",
        Serve,
        r#"{"user_id": "u1"}"#,
    ),
    (
        "POST",
        "/experiments/{id}/serve",
        Serve,
        r#"{"user_id": "u1", "variables": {}}"#,
    ),
    (
        "POST",
        "/experiments/{id}/metrics",
        Serve,
        r#"{"variant_id": "control", "metric": "score", "value": 1.0}"#,
    ),
    ("GET", "/experiments/{id}/results", View, ""),
    ("GET", "/users", Admin, ""),
    (
        "POST",
        "/users",
        Admin,
        r#"{"email": "UNIQUE@example.com", "password": "a long password", "role": "viewer"}"#,
    ),
    (
        "PATCH",
        "/users/{id}",
        Admin,
        r#"{"display_name": "Renamed"}"#,
    ),
    ("GET", "/api-keys", Edit, ""),
    (
        "POST",
        "/api-keys",
        Edit,
        r#"{"name": "policy", "scope": "viewer"}"#,
    ),
    ("DELETE", "/api-keys/{id}", Edit, ""),
    ("GET", "/audit", Admin, ""),
    // Last: it ends the session it is sent with.
    ("POST", "/auth/logout", Open, ""),
];

/// `(method, path)` of every `.route(...)` in server/src/api.
fn routes_in_source() -> BTreeSet<(String, String)> {
    let mut routes = BTreeSet::new();
    let mut files = vec![workspace_root().join("server/src/api")];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        for call in source.split(".route(").skip(1) {
            let route = call.split('"').nth(1).unwrap().to_owned();
            let handlers = &call[..call
                .find("\n        .")
                .or_else(|| call.find("\n}"))
                .unwrap_or(call.len())];
            for method in ["get", "post", "put", "patch", "delete"] {
                let needle = format!("{method}(");
                let mentioned = handlers.match_indices(&needle).any(|(at, _)| {
                    at == 0
                        || !handlers.as_bytes()[at - 1].is_ascii_alphanumeric()
                            && handlers.as_bytes()[at - 1] != b'_'
                });
                if mentioned {
                    routes.insert((method.to_uppercase(), route.clone()));
                }
            }
        }
    }
    routes
}

#[test]
fn every_route_has_a_policy() {
    let declared: BTreeSet<_> = POLICY
        .iter()
        .map(|(m, p, _, _)| (m.to_string(), p.to_string()))
        .collect();
    let routes = routes_in_source();
    let missing: Vec<_> = routes.difference(&declared).collect();
    assert!(
        missing.is_empty(),
        "routes without a line in POLICY: {missing:?}"
    );
    let stale: Vec<_> = declared.difference(&routes).collect();
    assert!(stale.is_empty(), "POLICY lines without a route: {stale:?}");
}

/// The ids the routes' placeholders stand for, made by the admin key.
struct Fixture {
    dataset: String,
    sample: String,
    run: String,
    experiment: String,
    schedule: String,
    share: String,
    user: String,
    api_key: String,
}

async fn fixture(server: &TestServer) -> Fixture {
    let created = |value: (StatusCode, Value)| {
        assert!(value.0.is_success(), "{}", value.1);
        value.1
    };
    created(post(server, "/api/v1/prompts", json!({"name": "policy", "template": "{{ input }}", "variables": [{"name": "input", "type": "string"}]})).await);
    created(
        post(
            server,
            "/api/v1/endpoints",
            json!({"name": "policy-echo", "kind": "echo"}),
        )
        .await,
    );
    let dataset = created(
        post(
            server,
            "/api/v1/datasets",
            json!({"name": "policy", "type": "golden"}),
        )
        .await,
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    created(
        post(
            server,
            &format!("/api/v1/datasets/{dataset}/samples"),
            json!([{"input": "x", "expected_output": "x"}, {"input": "y", "expected_output": "y"}]),
        )
        .await,
    );
    let sample = system_tests::eval::sample_ids(server, &dataset).await[0]
        .0
        .clone();
    let run_body = json!({"dataset": "policy", "prompt_name": "policy", "endpoint": "policy-echo", "metrics": ["exact_match"]});
    let run = created(post(server, "/api/v1/runs", run_body).await)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let experiment = created(post(server, "/api/v1/experiments", json!({"name": "policy", "variants": [{"id": "control", "is_control": true}, {"id": "treatment"}], "traffic_split": {"control": 50, "treatment": 50}, "metrics": [{"name": "score", "kind": "mean"}], "target_metric": "score"})).await)["id"].as_str().unwrap().to_owned();
    created(
        crate::support::send(
            server,
            "POST",
            &format!("/api/v1/experiments/{experiment}/start"),
            None,
        )
        .await,
    );
    let schedule = created(post(server, "/api/v1/schedules", json!({"name": "policy", "cron": "0 3 * * *", "dataset": "policy", "prompt_name": "policy", "endpoint": "policy-echo", "metrics": ["exact_match"]})).await)["id"].as_str().unwrap().to_owned();
    let share = created(
        post(
            server,
            "/api/v1/shares",
            json!({"kind": "run", "run_id": run}),
        )
        .await,
    )["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let user = created(
        post(
            server,
            "/api/v1/users",
            json!({"email": "target@example.com", "password": "a long password", "role": "viewer"}),
        )
        .await,
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let api_key = created(
        post(
            server,
            "/api/v1/api-keys",
            json!({"name": "target", "scope": "viewer"}),
        )
        .await,
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    Fixture {
        dataset,
        sample,
        run,
        experiment,
        schedule,
        share,
        user,
        api_key,
    }
}

fn path_of(route: &str, ids: &Fixture) -> String {
    let id = if route.starts_with("/datasets") {
        &ids.dataset
    } else if route.starts_with("/runs") {
        &ids.run
    } else if route.starts_with("/experiments") {
        &ids.experiment
    } else if route.starts_with("/schedules") {
        &ids.schedule
    } else if route.starts_with("/users") {
        &ids.user
    } else {
        &ids.api_key
    };
    let name = if route.starts_with("/endpoints") {
        "policy-echo"
    } else {
        "policy"
    };
    let path = route
        .replace("{id}", id)
        .replace("{name}", name)
        .replace("{version}", "1.0.0")
        .replace("{label}", "staging")
        .replace("{sample_id}", &ids.sample)
        .replace("{token}", &ids.share);
    match route {
        "/compare" => format!("/api/v1/compare?base={}&candidate={}", ids.run, ids.run),
        _ => format!("/api/v1{path}"),
    }
}

enum Who {
    Stranger,
    ServeKey(Client),
    Browser(&'static str, Session),
}

impl Who {
    fn name(&self) -> &'static str {
        match self {
            Who::Stranger => "a stranger",
            Who::ServeKey(_) => "a serve key",
            Who::Browser(role, _) => role,
        }
    }

    fn may(&self, need: Need) -> bool {
        match (self, need) {
            (_, Open) => true,
            (Who::Stranger, _) => false,
            (_, Credential) => true,
            (Who::ServeKey(_), need) => need == Serve,
            (Who::Browser(role, _), need) => match need {
                View => true,
                Edit | Serve => *role != "viewer",
                Admin => *role == "admin",
                Open | Credential => true,
            },
        }
    }
}

#[tokio::test]
async fn every_route_answers_each_caller_as_the_policy_says() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let ids = fixture(&server).await;
    let callers = [
        Who::Stranger,
        Who::ServeKey(key(&server, "serve").await.1),
        Who::Browser(
            "viewer",
            session_of(&server, "viewer@example.com", "viewer").await,
        ),
        Who::Browser(
            "editor",
            session_of(&server, "editor@example.com", "editor").await,
        ),
        Who::Browser("admin", admin_session(&server).await),
    ];
    let mut unique = 0;
    let mut failures = Vec::new();
    for (method, route, need, body) in POLICY {
        for who in &callers {
            unique += 1;
            let url = server.url(&path_of(route, &ids));
            let method = Method::from_bytes(method.as_bytes()).unwrap();
            let plain = Client::new();
            let mut request = match who {
                Who::Stranger => plain.request(method.clone(), &url),
                Who::ServeKey(client) => client.request(method.clone(), &url),
                Who::Browser(_, session) => {
                    session.send(&server, plain.request(method.clone(), &url))
                }
            };
            request = match *body {
                "" => request,
                "LOGIN" => request.json(&json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})),
                "NDJSON" => request
                    .header(header::CONTENT_TYPE, "application/x-ndjson")
                    .body("{\"input\": \"n\", \"expected_output\": \"n\"}\n"),
                text => {
                    let text = text
                        .replace("UNIQUE", &unique.to_string())
                        .replace("RUN", &ids.run);
                    request.json(&serde_json::from_str::<Value>(&text).unwrap())
                }
            };
            let status = request.send().await.unwrap().status();
            let refused = matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN);
            let expected = if who.may(*need) {
                !refused
            } else if matches!(who, Who::Stranger) {
                status == StatusCode::UNAUTHORIZED
            } else {
                status == StatusCode::FORBIDDEN
            };
            if !expected {
                failures.push(format!(
                    "{method} {route} by {}: {status} (needs {need:?})",
                    who.name()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
