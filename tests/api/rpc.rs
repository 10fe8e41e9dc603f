//! The server functions under /rpc against the real binary: for a write in every area, the
//! /rpc door gives the same result as the REST door (compared by what matters: names, versions,
//! statuses, settings; not ids or times) and refuses the same requests with the same problem.
//!
//! Each server function is served at `/rpc/{function name}` by POST. Those declared with
//! `input = Json` take their arguments as one JSON object by name; the others take them
//! form-urlencoded. A failure has the problem's own HTTP status, and its body is the problem
//! itself (`{"code", "message", "details"}`) where REST sends `{"error": problem}`.

use chrono::{DateTime, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};
use system_tests::TestServer;
use system_tests::compare::crafted_runs;
use system_tests::eval::{
    create_dataset, create_endpoint, create_prompt, create_run, echo_samples, wait_for_run,
};

use crate::support::{decode, fields, get, post, send};

/// An id no record has.
const UNKNOWN_ID: &str = "00000000-0000-4000-8000-000000000000";

/// Calls the server function `name` at its fixed URL `/rpc/{name}` with its arguments as one
/// JSON object by name (the functions declared with `input = Json`).
async fn rpc_json(server: &TestServer, name: &str, args: Value) -> (StatusCode, Value) {
    let response = server
        .client
        .post(server.url(&format!("/rpc/{name}")))
        .header("accept", "application/json")
        .json(&args)
        .send()
        .await
        .expect("the server answers");
    decode(response).await
}

/// Calls the server function `name` at `/rpc/{name}` with its arguments form-urlencoded (the
/// functions declared without an input encoding).
async fn rpc_form(server: &TestServer, name: &str, args: &[(&str, &str)]) -> (StatusCode, Value) {
    let response = server
        .client
        .post(server.url(&format!("/rpc/{name}")))
        .header("accept", "application/json")
        .form(args)
        .send()
        .await
        .expect("the server answers");
    decode(response).await
}

/// The problem in a REST error body (`{"error": problem}`).
fn rest_problem(body: &Value) -> &Value {
    assert!(body["error"].is_object(), "not a REST error body: {body}");
    &body["error"]
}

/// `value` with what differs between two otherwise equal records replaced by placeholders:
/// ids (UUIDs) by `<id>`, RFC 3339 timestamps by `<time>`, and each of `names` (the records'
/// own names) by `<name>`; so that a record made through /rpc compares equal to its twin made
/// through REST.
fn comparable(value: &Value, names: &[&str]) -> Value {
    match value {
        Value::String(text) if names.contains(&text.as_str()) => Value::from("<name>"),
        Value::String(text) if is_uuid(text) => Value::from("<id>"),
        Value::String(text) if DateTime::parse_from_rfc3339(text).is_ok() => Value::from("<time>"),
        Value::Array(items) => items.iter().map(|item| comparable(item, names)).collect(),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(key, item)| (key.clone(), comparable(item, names)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn is_uuid(text: &str) -> bool {
    text.len() == 36
        && text.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Asserts that REST refused `case` with `status` naming `field`, and that /rpc refused it with
/// the same status and exactly REST's problem: code, message and details.
fn assert_same_refusal(
    case: &str,
    rest: &(StatusCode, Value),
    rpc: &(StatusCode, Value),
    status: StatusCode,
    field: &str,
) {
    assert_eq!(rest.0, status, "{case}: REST answered {}", rest.1);
    assert!(
        fields(&rest.1).iter().any(|f| f == field),
        "{case}: REST should name {field}: {}",
        rest.1
    );
    assert_eq!(rpc.0, rest.0, "{case}: /rpc answered {}", rpc.1);
    assert_eq!(
        &rpc.1,
        rest_problem(&rest.1),
        "{case}: the /rpc problem differs from REST's"
    );
}

/// The answer of a server function that succeeded.
fn ok(name: &str, (status, body): (StatusCode, Value)) -> Value {
    assert_eq!(status, StatusCode::OK, "/rpc/{name}: {body}");
    body
}

async fn rest_get(server: &TestServer, path: &str) -> Value {
    let (status, body) = get(server, path).await;
    assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
    body
}

async fn count(server: &TestServer, path: &str, key: &str) -> usize {
    rest_get(server, path).await[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key} in GET {path}"))
        .len()
}

fn first_version() -> Value {
    json!({
        "template": "Hello {{ name }}!{% if excited %} 🎉{% endif %}",
        "variables": [
            {"name": "name", "type": "string"},
            {"name": "excited", "type": "boolean", "required": false, "default": false}
        ],
        "model_config": {"model": "gpt-4o-mini", "temperature": 0.2},
        "commit_message": "first draft"
    })
}

/// The REST body of "create a prompt": the name and description beside the first version.
fn rest_prompt(name: &str, first: &Value) -> Value {
    let mut body = first.clone();
    body["name"] = json!(name);
    body["description"] = json!("Says hello");
    body
}

fn rpc_prompt(name: &str, first: &Value) -> Value {
    json!({"name": name, "description": "Says hello", "first": first})
}

#[tokio::test]
async fn prompts_and_versions_made_through_rpc_match_rest() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let (status, created) = post(
        &server,
        "/api/v1/prompts",
        rest_prompt("rest-greeting", &first_version()),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let name = ok(
        "create_prompt",
        rpc_json(
            &server,
            "create_prompt",
            rpc_prompt("rpc-greeting", &first_version()),
        )
        .await,
    );
    assert_eq!(name, "rpc-greeting");
    let same_prompts = |step: &'static str| {
        let server = &server;
        async move {
            let rest = rest_get(server, "/api/v1/prompts/rest-greeting").await;
            let rpc = rest_get(server, "/api/v1/prompts/rpc-greeting").await;
            assert_eq!(
                comparable(&rpc, &["rpc-greeting"]),
                comparable(&rest, &["rest-greeting"]),
                "after {step}"
            );
            rpc
        }
    };
    let prompt = same_prompts("create_prompt").await;
    assert_eq!(prompt["active_version"], "1.0.0");

    let second =
        json!({"template": "Hi {{ name }}", "variables": [{"name": "name", "type": "string"}]});
    let mut rest_second = second.clone();
    rest_second["activate"] = json!(true);
    let (status, rest_version) = post(
        &server,
        "/api/v1/prompts/rest-greeting/versions",
        rest_second,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{rest_version}");
    let rpc_version = ok(
        "create_version",
        rpc_json(
            &server,
            "create_version",
            json!({"name": "rpc-greeting", "draft": second, "activate": true}),
        )
        .await,
    );
    assert_eq!(rpc_version, rest_version["version"]);
    assert_eq!(rpc_version, "1.1.0");
    let prompt = same_prompts("create_version").await;
    assert_eq!(prompt["active_version"], "1.1.0");

    // A form-encoded function: roll back to the first version.
    let (status, rolled_back) = post(
        &server,
        "/api/v1/prompts/rest-greeting/versions/1.0.0/activate",
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{rolled_back}");
    let activated = ok(
        "activate_version",
        rpc_form(
            &server,
            "activate_version",
            &[("name", "rpc-greeting"), ("version", "1.0.0")],
        )
        .await,
    );
    assert_eq!(activated, rolled_back["version"]);
    let prompt = same_prompts("activate_version").await;
    assert_eq!(prompt["active_version"], "1.0.0");

    // Refusals: a taken name, templates and variables that do not check out.
    let with = |change: &dyn Fn(&mut Value)| {
        let mut first = first_version();
        change(&mut first);
        first
    };
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    let cases: Vec<(&str, &str, Value, StatusCode, &str)> = vec![
        (
            "a taken name",
            "rest-greeting",
            first_version(),
            StatusCode::CONFLICT,
            "name",
        ),
        ("a bad name", "my prompt!", first_version(), invalid, "name"),
        (
            "an unclosed tag",
            "broken",
            with(&|f| f["template"] = json!("Hello {{ name ")),
            invalid,
            "template",
        ),
        (
            "an undeclared variable",
            "broken",
            with(&|f| f["template"] = json!("Hello {{ nobody }}")),
            invalid,
            "template",
        ),
        (
            "a default of the wrong type",
            "broken",
            with(&|f| {
                f["template"] = json!("{{ n }}");
                f["variables"] = json!([{"name": "n", "type": "integer", "default": "ten"}]);
            }),
            invalid,
            "variables[0].default",
        ),
        (
            "a temperature out of range",
            "broken",
            with(&|f| f["model_config"] = json!({"temperature": 7})),
            invalid,
            "model_config.temperature",
        ),
    ];
    for (case, name, first, status, field) in cases {
        let rest = post(&server, "/api/v1/prompts", rest_prompt(name, &first)).await;
        let rpc = rpc_json(&server, "create_prompt", rpc_prompt(name, &first)).await;
        assert_same_refusal(case, &rest, &rpc, status, field);
    }

    let cases: Vec<(&str, &str, Value, StatusCode, &str)> = vec![
        (
            "an unclosed tag",
            "rest-greeting",
            json!({"template": "Hello {{ name "}),
            invalid,
            "template",
        ),
        (
            "an undeclared variable",
            "rest-greeting",
            json!({"template": "Hello {{ nobody }}"}),
            invalid,
            "template",
        ),
        (
            "a bad variable name",
            "rest-greeting",
            json!({"template": "x", "variables": [{"name": "not an identifier", "type": "string"}]}),
            invalid,
            "variables[0].name",
        ),
        (
            "a version that is not semantic",
            "rest-greeting",
            json!({"template": "x", "version": "one"}),
            invalid,
            "version",
        ),
        (
            "a version that exists",
            "rest-greeting",
            json!({"template": "x", "version": "1.0.0"}),
            StatusCode::CONFLICT,
            "version",
        ),
        (
            "an unknown prompt",
            "missing",
            json!({"template": "x"}),
            StatusCode::NOT_FOUND,
            "prompt",
        ),
    ];
    for (case, name, draft, status, field) in cases {
        let rest = post(
            &server,
            &format!("/api/v1/prompts/{name}/versions"),
            draft.clone(),
        )
        .await;
        let rpc = rpc_json(
            &server,
            "create_version",
            json!({"name": name, "draft": draft, "activate": false}),
        )
        .await;
        assert_same_refusal(case, &rest, &rpc, status, field);
    }
    let rest = post(
        &server,
        "/api/v1/prompts/rest-greeting/versions/9.9.9/activate",
        json!({}),
    )
    .await;
    let rpc = rpc_form(
        &server,
        "activate_version",
        &[("name", "rest-greeting"), ("version", "9.9.9")],
    )
    .await;
    assert_eq!(rest.0, StatusCode::NOT_FOUND, "{}", rest.1);
    assert_eq!(rpc.0, rest.0, "{}", rpc.1);
    assert_eq!(&rpc.1, rest_problem(&rest.1));

    assert_eq!(count(&server, "/api/v1/prompts", "prompts").await, 2);
    same_prompts("the refusals").await;
}

#[tokio::test]
async fn datasets_and_samples_made_through_rpc_match_rest() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let new = |name: &str| json!({"name": name, "type": "golden", "description": "test set"});
    let (status, rest) = post(&server, "/api/v1/datasets", new("rest-qa")).await;
    assert_eq!(status, StatusCode::CREATED, "{rest}");
    let rpc = ok(
        "create_dataset",
        rpc_json(&server, "create_dataset", json!({"new": new("rpc-qa")})).await,
    );
    assert_eq!(
        comparable(&rpc, &["rpc-qa"]),
        comparable(&rest, &["rest-qa"])
    );
    assert_eq!(
        (&rpc["type"], &rpc["version"]),
        (&json!("golden"), &json!(0))
    );
    let (rest_id, rpc_id) = (rest["id"].as_str().unwrap(), rpc["id"].as_str().unwrap());

    let refused = [
        (
            "an unknown type",
            json!({"name": "x", "type": "gold"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "type",
        ),
        (
            "an empty name",
            json!({"name": "", "type": "golden"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "name",
        ),
        (
            "a taken name",
            json!({"name": "rest-qa", "type": "golden"}),
            StatusCode::CONFLICT,
            "name",
        ),
    ];
    for (case, body, status, field) in refused {
        let rest = post(&server, "/api/v1/datasets", body.clone()).await;
        let rpc = rpc_json(&server, "create_dataset", json!({"new": body})).await;
        assert_same_refusal(case, &rest, &rpc, status, field);
    }
    assert_eq!(count(&server, "/api/v1/datasets", "datasets").await, 2);

    let sample = json!({"input": "2+2", "expected_output": "4", "context": "sums", "metadata": {"topic": "math"}});
    let (status, added) = post(
        &server,
        &format!("/api/v1/datasets/{rest_id}/samples"),
        json!([sample]),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    let version = ok(
        "add_sample",
        rpc_json(
            &server,
            "add_sample",
            json!({"id": rpc_id, "sample": sample}),
        )
        .await,
    );
    assert_eq!(
        comparable(&version, &[]),
        comparable(&added["version"], &[])
    );
    assert_eq!(
        (&version["version"], &version["added"]),
        (&json!(1), &json!(1))
    );
    let rest_samples = rest_get(&server, &format!("/api/v1/datasets/{rest_id}/samples")).await;
    let rpc_samples = rest_get(&server, &format!("/api/v1/datasets/{rpc_id}/samples")).await;
    assert_eq!(
        comparable(&rpc_samples, &[]),
        comparable(&rest_samples, &[])
    );
    assert_eq!(
        rpc_samples["samples"][0]["metadata"],
        json!({"topic": "math"})
    );

    // One sample through /rpc is `sample`; REST takes a list, so its fields are
    // `samples[0].<field>`. The same rule refuses both, with the same code and reason.
    for (case, bad) in [
        ("a blank input", json!({"input": "   "})),
        (
            "an empty input",
            json!({"input": "", "expected_output": "x"}),
        ),
        ("an input too long", json!({"input": "x".repeat(70 * 1024)})),
    ] {
        let (rest_status, rest) = post(
            &server,
            &format!("/api/v1/datasets/{rest_id}/samples"),
            json!([bad]),
        )
        .await;
        let (rpc_status, rpc) =
            rpc_json(&server, "add_sample", json!({"id": rpc_id, "sample": bad})).await;
        assert_eq!(
            rest_status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{case}: {rest}"
        );
        assert_eq!(rpc_status, rest_status, "{case}: {rpc}");
        let rest = rest_problem(&rest);
        assert_eq!(rpc["code"], rest["code"], "{case}: {rpc}");
        let details = |problem: &Value, prefix: &str| -> Vec<(String, Value)> {
            problem["details"]
                .as_array()
                .unwrap_or_else(|| panic!("{case}: no details in {problem}"))
                .iter()
                .map(|d| {
                    let field = d["field"].as_str().unwrap();
                    (format!("{prefix}{field}"), d["message"].clone())
                })
                .collect()
        };
        assert_eq!(
            details(&rpc, "samples[0]."),
            details(rest, ""),
            "{case}: {rpc} against {rest}"
        );
        assert_eq!(details(&rpc, "")[0].0, "input", "{case}");
    }
    let rest = post(
        &server,
        &format!("/api/v1/datasets/{UNKNOWN_ID}/samples"),
        json!([sample]),
    )
    .await;
    let rpc = rpc_json(
        &server,
        "add_sample",
        json!({"id": UNKNOWN_ID, "sample": sample}),
    )
    .await;
    assert_eq!(rest.0, StatusCode::NOT_FOUND, "{}", rest.1);
    assert_eq!(rpc.0, rest.0, "{}", rpc.1);
    assert_eq!(&rpc.1, rest_problem(&rest.1));
    for id in [rest_id, rpc_id] {
        let dataset = rest_get(&server, &format!("/api/v1/datasets/{id}")).await;
        assert_eq!(dataset["version"], 1, "refusals made no version: {dataset}");
    }
}

#[tokio::test]
async fn endpoints_made_through_rpc_match_rest() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start_with(&["--key-env", "SOME_API_KEY=http://127.0.0.1:9"]);
    let openai = |name: &str| {
        json!({"name": name, "kind": "openai", "base_url": "http://127.0.0.1:9/v1/",
               "model": "m", "api_key_env": "SOME_API_KEY", "max_concurrency": 2,
               "timeout_ms": 5000, "max_retries": 1, "default_parameters": {"temperature": 0}})
    };
    let echo = |name: &str| json!({"name": name, "kind": "echo"});
    for (rest_name, rpc_name, body) in [
        (
            "rest-openai",
            "rpc-openai",
            &openai as &dyn Fn(&str) -> Value,
        ),
        ("rest-echo", "rpc-echo", &echo),
    ] {
        let rest = create_endpoint(&server, body(rest_name)).await;
        let rpc = ok(
            "create_endpoint",
            rpc_json(&server, "create_endpoint", json!({"new": body(rpc_name)})).await,
        );
        assert_eq!(
            comparable(&rpc, &[rpc_name]),
            comparable(&rest, &[rest_name])
        );
    }
    let (_, shown) = get(&server, "/api/v1/endpoints/rpc-openai").await;
    assert_eq!(
        shown["base_url"], "http://127.0.0.1:9/v1",
        "the trailing slash is trimmed"
    );

    let with = |key: &str, value: Value| {
        let mut body = openai("bad");
        body[key] = value;
        body
    };
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    let refused = [
        (
            "an ftp base_url",
            with("base_url", json!("ftp://host/v1")),
            invalid,
            "base_url",
        ),
        (
            "a base_url without a host",
            with("base_url", json!("http:///v1")),
            invalid,
            "base_url",
        ),
        (
            "a port out of range",
            with("base_url", json!("http://h:99999/v1")),
            invalid,
            "base_url",
        ),
        (
            "no concurrency",
            with("max_concurrency", json!(0)),
            invalid,
            "max_concurrency",
        ),
        (
            "an unknown kind",
            with("kind", json!("sorcery")),
            invalid,
            "kind",
        ),
        (
            "a taken name",
            with("name", json!("rest-openai")),
            StatusCode::CONFLICT,
            "name",
        ),
    ];
    for (case, body, status, field) in refused {
        let rest = post(&server, "/api/v1/endpoints", body.clone()).await;
        let rpc = rpc_json(&server, "create_endpoint", json!({"new": body})).await;
        assert_same_refusal(case, &rest, &rpc, status, field);
    }
    assert_eq!(count(&server, "/api/v1/endpoints", "endpoints").await, 4);
}

#[tokio::test]
async fn runs_made_through_rpc_match_rest() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    create_dataset(&server, "qa", echo_samples(3)).await;
    create_prompt(&server, "qa", json!("{{ input }}")).await;
    create_endpoint(&server, json!({"name": "echo", "kind": "echo"})).await;
    let run = json!({"name": "twin", "dataset": "qa", "prompt_name": "qa", "endpoint": "echo",
                     "metrics": [{"name": "exact_match", "threshold": 1}, "levenshtein"]});

    let rest = create_run(&server, run.clone()).await;
    let rpc = ok(
        "create_run",
        rpc_json(&server, "create_run", json!({"new": run})).await,
    );
    assert_eq!(comparable(&rpc, &[]), comparable(&rest, &[]));
    assert_eq!(rpc["status"], "pending", "{rpc}");
    let (rest_id, rpc_id) = (rest["id"].as_str().unwrap(), rpc["id"].as_str().unwrap());

    // Started: REST by its route, /rpc by the form-encoded start_run.
    let (status, started) =
        post(&server, &format!("/api/v1/runs/{rest_id}/start"), json!({})).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{started}");
    let queued = ok(
        "start_run",
        rpc_form(&server, "start_run", &[("id", rpc_id)]).await,
    );
    assert_eq!(queued["id"], rpc_id);
    assert!(queued["queued_at"].is_string(), "{queued}");
    let rest = wait_for_run(&server, rest_id).await;
    let rpc = wait_for_run(&server, rpc_id).await;
    assert_eq!(rpc["status"], "completed", "{rpc}");
    for key in [
        "status",
        "progress",
        "dataset_version",
        "prompt_version",
        "metrics",
    ] {
        assert_eq!(rpc[key], rest[key], "{key}: {rpc} against {rest}");
    }
    for key in ["total", "passed", "failed", "errored", "pass_rate"] {
        assert_eq!(rpc["results"][key], rest["results"][key], "results.{key}");
    }
    assert_eq!(rpc["progress"]["passed"], 3);

    let with = |key: &str, value: Value| {
        let mut body = run.clone();
        body[key] = value;
        body
    };
    let (not_found, invalid) = (StatusCode::NOT_FOUND, StatusCode::UNPROCESSABLE_ENTITY);
    let refused = [
        (
            "an unknown dataset",
            with("dataset", json!("nope")),
            not_found,
            "dataset",
        ),
        (
            "an unknown dataset version",
            with("dataset_version", json!(9)),
            not_found,
            "dataset_version",
        ),
        (
            "an unknown prompt",
            with("prompt_name", json!("nope")),
            not_found,
            "prompt_name",
        ),
        (
            "an unknown prompt version",
            with("prompt_version", json!("9.9.9")),
            not_found,
            "prompt_version",
        ),
        (
            "an unknown endpoint",
            with("endpoint", json!("nope")),
            not_found,
            "endpoint",
        ),
        (
            "an unknown metric",
            with("metrics", json!(["bogus"])),
            invalid,
            "metrics[0]",
        ),
        (
            "a threshold out of range",
            with(
                "metrics",
                json!([{"name": "levenshtein", "threshold": 1.5}]),
            ),
            invalid,
            "metrics[0].threshold",
        ),
    ];
    for (case, body, status, field) in refused {
        let rest = post(&server, "/api/v1/runs", body.clone()).await;
        let rpc = rpc_json(&server, "create_run", json!({"new": body})).await;
        assert_same_refusal(case, &rest, &rpc, status, field);
    }

    // Form-encoded refusals: a finished run cannot be cancelled, an unknown one not started.
    let rest = post(
        &server,
        &format!("/api/v1/runs/{rest_id}/cancel"),
        json!({}),
    )
    .await;
    let rpc = rpc_form(&server, "cancel_run", &[("id", rest_id)]).await;
    assert_eq!(rest.0, StatusCode::CONFLICT, "{}", rest.1);
    assert_eq!(rpc.0, rest.0, "{}", rpc.1);
    assert_eq!(&rpc.1, rest_problem(&rest.1));
    let rest = post(
        &server,
        &format!("/api/v1/runs/{UNKNOWN_ID}/start"),
        json!({}),
    )
    .await;
    let rpc = rpc_form(&server, "start_run", &[("id", UNKNOWN_ID)]).await;
    assert_eq!(rest.0, StatusCode::NOT_FOUND, "{}", rest.1);
    assert_eq!(rpc.0, rest.0, "{}", rpc.1);
    assert_eq!(&rpc.1, rest_problem(&rest.1));

    assert_eq!(count(&server, "/api/v1/runs", "runs").await, 2);
}

#[tokio::test]
async fn schedules_made_through_rpc_match_rest() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    create_dataset(&server, "qa", echo_samples(3)).await;
    create_prompt(&server, "reply", json!("{{ input }}")).await;
    create_endpoint(&server, json!({"name": "echo", "kind": "echo"})).await;
    // Once a year: it never fires during the test.
    let schedule = |name: &str| {
        json!({"name": name, "cron": "0 3 1 1 *", "dataset": "qa", "prompt_name": "reply",
               "endpoint": "echo", "metrics": [{"name": "exact_match", "threshold": 1}],
               "min_pass_rate": 0.9, "webhook_url": "https://hooks.example.com/x"})
    };
    let (status, rest) = post(&server, "/api/v1/schedules", schedule("rest-nightly")).await;
    assert_eq!(status, StatusCode::CREATED, "{rest}");
    let rpc = ok(
        "create_schedule",
        rpc_json(
            &server,
            "create_schedule",
            json!({"new": schedule("rpc-nightly")}),
        )
        .await,
    );
    assert_eq!(
        comparable(&rpc, &["rpc-nightly"]),
        comparable(&rest, &["rest-nightly"])
    );
    assert_eq!(
        (&rpc["enabled"], &rpc["cron"]),
        (&json!(true), &json!("0 3 1 1 *"))
    );
    let (rest_id, rpc_id) = (rest["id"].as_str().unwrap(), rpc["id"].as_str().unwrap());

    let with = |key: &str, value: Value| {
        let mut body = schedule("refused");
        body[key] = value;
        body
    };
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    let refused = [
        (
            "a minute of 61",
            with("cron", json!("61 * * * *")),
            invalid,
            "cron",
        ),
        (
            "three cron fields",
            with("cron", json!("* * *")),
            invalid,
            "cron",
        ),
        (
            "an ftp webhook",
            with("webhook_url", json!("ftp://example.com/hook")),
            invalid,
            "webhook_url",
        ),
        (
            "a pass rate over 1",
            with("min_pass_rate", json!(2)),
            invalid,
            "min_pass_rate",
        ),
        (
            "an unknown dataset",
            with("dataset", json!("nope")),
            StatusCode::NOT_FOUND,
            "dataset",
        ),
        (
            "a taken name",
            with("name", json!("rest-nightly")),
            StatusCode::CONFLICT,
            "name",
        ),
    ];
    for (case, body, status, field) in refused {
        let rest = post(&server, "/api/v1/schedules", body.clone()).await;
        let rpc = rpc_json(&server, "create_schedule", json!({"new": body})).await;
        assert_same_refusal(case, &rest, &rpc, status, field);
    }
    assert_eq!(count(&server, "/api/v1/schedules", "schedules").await, 2);

    // Form-encoded: disable, then delete.
    let (status, rest) = send(
        &server,
        "PATCH",
        &format!("/api/v1/schedules/{rest_id}"),
        Some(json!({"enabled": false})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{rest}");
    let rpc = ok(
        "set_schedule_enabled",
        rpc_form(
            &server,
            "set_schedule_enabled",
            &[("id", rpc_id), ("enabled", "false")],
        )
        .await,
    );
    assert_eq!(
        comparable(&rpc, &["rpc-nightly"]),
        comparable(&rest, &["rest-nightly"])
    );
    assert_eq!(
        (&rpc["enabled"], &rpc["next_fire_at"]),
        (&json!(false), &Value::Null)
    );

    let (status, _) = send(
        &server,
        "DELETE",
        &format!("/api/v1/schedules/{rest_id}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let deleted = ok(
        "delete_schedule",
        rpc_form(&server, "delete_schedule", &[("id", rpc_id)]).await,
    );
    assert_eq!(deleted, Value::Null);
    assert_eq!(count(&server, "/api/v1/schedules", "schedules").await, 0);
    let rest = send(
        &server,
        "DELETE",
        &format!("/api/v1/schedules/{rest_id}"),
        None,
    )
    .await;
    let rpc = rpc_form(&server, "delete_schedule", &[("id", rest_id)]).await;
    assert_eq!(rest.0, StatusCode::NOT_FOUND, "{}", rest.1);
    assert_eq!(rpc.0, rest.0, "{}", rpc.1);
    assert_eq!(&rpc.1, rest_problem(&rest.1));
}

fn experiment(name: &str) -> Value {
    json!({
        "name": name,
        "description": "shorter replies",
        "variants": [
            {"id": "control", "is_control": true},
            {"id": "treatment", "name": "Shorter", "model_name": "gpt-4o-mini",
             "parameters": {"temperature": 0.3}}
        ],
        "traffic_split": {"control": 50, "treatment": 50},
        "metrics": [
            {"name": "score", "kind": "mean"},
            {"name": "converted", "kind": "proportion"}
        ],
        "target_metric": "score"
    })
}

#[tokio::test]
async fn experiments_made_through_rpc_match_rest() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    create_prompt(&server, "reply", json!("{{ input }}")).await;
    let (status, rest) = post(&server, "/api/v1/experiments", experiment("rest-exp")).await;
    assert_eq!(status, StatusCode::CREATED, "{rest}");
    let rpc = ok(
        "create_experiment",
        rpc_json(
            &server,
            "create_experiment",
            json!({"new": experiment("rpc-exp")}),
        )
        .await,
    );
    assert_eq!(
        comparable(&rpc, &["rpc-exp"]),
        comparable(&rest, &["rest-exp"])
    );
    assert_eq!(rpc["status"], "draft", "{rpc}");
    let (rest_id, rpc_id) = (rest["id"].as_str().unwrap(), rpc["id"].as_str().unwrap());

    // The prompt checks need the store: /rpc must make them as REST does, with the same
    // code, message and details (REST answers 422 naming `variants[0].prompt_name`).
    let with = |change: &dyn Fn(&mut Value)| {
        let mut body = experiment("refused");
        change(&mut body);
        body
    };
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    let refused = [
        (
            "a variant naming a prompt that does not exist",
            with(&|b| b["variants"][0]["prompt_name"] = json!("missing")),
            invalid,
            "variants[0].prompt_name",
        ),
        (
            "a variant naming a version that does not exist",
            with(&|b| {
                b["variants"][1]["prompt_name"] = json!("reply");
                b["variants"][1]["prompt_version"] = json!("9.9.9");
            }),
            invalid,
            "variants[1].prompt_version",
        ),
        (
            "no control",
            with(&|b| b["variants"][0]["is_control"] = json!(false)),
            invalid,
            "variants",
        ),
        (
            "splits summing to 99.9",
            with(&|b| b["traffic_split"] = json!({"control": 50, "treatment": 49.9})),
            invalid,
            "traffic_split",
        ),
        (
            "a target that is not a metric",
            with(&|b| b["target_metric"] = json!("revenue")),
            invalid,
            "target_metric",
        ),
        (
            "a taken name",
            with(&|b| b["name"] = json!("rest-exp")),
            StatusCode::CONFLICT,
            "name",
        ),
    ];
    for (case, body, status, field) in refused {
        let rest = post(&server, "/api/v1/experiments", body.clone()).await;
        let rpc = rpc_json(&server, "create_experiment", json!({"new": body})).await;
        assert_same_refusal(case, &rest, &rpc, status, field);
    }
    assert_eq!(
        count(&server, "/api/v1/experiments", "experiments").await,
        2,
        "a refused experiment was stored"
    );

    let (status, rest) = send(
        &server,
        "POST",
        &format!("/api/v1/experiments/{rest_id}/start"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{rest}");
    let rpc = ok(
        "change_experiment",
        rpc_json(
            &server,
            "change_experiment",
            json!({"id": rpc_id, "action": "start", "winner": null}),
        )
        .await,
    );
    assert_eq!(
        comparable(&rpc, &["rpc-exp"]),
        comparable(&rest, &["rest-exp"])
    );
    assert_eq!(rpc["status"], "running", "{rpc}");
}

#[tokio::test]
async fn share_links_made_through_rpc_match_rest() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let runs = crafted_runs(&server, 4, 1).await;
    let (base, candidate) = (
        runs.base["id"].as_str().unwrap(),
        runs.candidate["id"].as_str().unwrap(),
    );
    let run_name = runs.base["name"].as_str().unwrap();

    // The same link: REST takes an expiry time, /rpc a number of hours from now.
    let tomorrow = (Utc::now() + chrono::Duration::hours(24)).to_rfc3339();
    let (status, rest) = post(
        &server,
        "/api/v1/shares",
        json!({"kind": "run", "run_id": base, "expires_at": tomorrow}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{rest}");
    let rpc = ok(
        "create_share_link",
        rpc_json(
            &server,
            "create_share_link",
            json!({"target": {"kind": "run", "run_id": base}, "expires_in_hours": 24}),
        )
        .await,
    );
    let token = rpc["token"].as_str().unwrap().to_owned();
    assert!(
        token.len() >= 32 && token.bytes().all(|b| b.is_ascii_hexdigit()),
        "{token}"
    );
    assert_ne!(rpc["token"], rest["token"]);
    assert_eq!(rpc["path"], format!("/s/{token}"));
    let without_token = |share: &Value| {
        let mut share = share.clone();
        let fields = share.as_object_mut().unwrap();
        fields.remove("token");
        fields.remove("path");
        comparable(&share, &[])
    };
    assert_eq!(without_token(&rpc), without_token(&rest));
    assert_eq!(
        (&rpc["kind"], &rpc["run_id"]),
        (&json!("run"), &json!(base))
    );
    let expiry = |share: &Value| {
        DateTime::parse_from_rfc3339(share["expires_at"].as_str().unwrap())
            .unwrap_or_else(|e| panic!("{share}: {e}"))
    };
    let apart = (expiry(&rpc) - expiry(&rest)).num_seconds().abs();
    assert!(
        apart < 60,
        "the expiries are {apart} s apart: {rpc} against {rest}"
    );

    let page = server
        .client
        .get(server.url(&format!("/s/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        page.text().await.unwrap().contains(run_name),
        "the shared run is shown"
    );

    // A comparison that lasts until revoked.
    let (status, rest_comparison) = post(
        &server,
        "/api/v1/shares",
        json!({"kind": "comparison", "base": base, "candidate": candidate}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{rest_comparison}");
    let rpc_comparison = ok(
        "create_share_link",
        rpc_json(
            &server,
            "create_share_link",
            json!({"target": {"kind": "comparison", "base": base, "candidate": candidate},
                   "expires_in_hours": null}),
        )
        .await,
    );
    assert_eq!(
        without_token(&rpc_comparison),
        without_token(&rest_comparison)
    );
    assert_eq!(rpc_comparison["expires_at"], Value::Null);
    assert_eq!(count(&server, "/api/v1/shares", "shares").await, 4);

    let refused = [
        (
            "an unknown run",
            json!({"kind": "run", "run_id": UNKNOWN_ID}),
            StatusCode::NOT_FOUND,
            "run_id",
        ),
        (
            "a run compared with itself",
            json!({"kind": "comparison", "base": base, "candidate": base}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "candidate",
        ),
        (
            "an unknown experiment",
            json!({"kind": "experiment", "experiment_id": UNKNOWN_ID}),
            StatusCode::NOT_FOUND,
            "experiment_id",
        ),
    ];
    for (case, target, status, field) in refused {
        let rest = post(&server, "/api/v1/shares", target.clone()).await;
        let rpc = rpc_json(
            &server,
            "create_share_link",
            json!({"target": target, "expires_in_hours": null}),
        )
        .await;
        assert_same_refusal(case, &rest, &rpc, status, field);
    }
    assert_eq!(count(&server, "/api/v1/shares", "shares").await, 4);

    // Revoked through the form-encoded function: gone, and revoking again is REST's 404.
    let revoked = ok(
        "revoke_share_link",
        rpc_form(&server, "revoke_share_link", &[("token", &token)]).await,
    );
    assert_eq!(revoked, Value::Null);
    let page = server
        .client
        .get(server.url(&format!("/s/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    let rest = send(&server, "DELETE", &format!("/api/v1/shares/{token}"), None).await;
    let rpc = rpc_form(&server, "revoke_share_link", &[("token", &token)]).await;
    assert_eq!(rest.0, StatusCode::NOT_FOUND, "{}", rest.1);
    assert_eq!(rpc.0, rest.0, "{}", rpc.1);
    assert_eq!(&rpc.1, rest_problem(&rest.1));
    assert_eq!(count(&server, "/api/v1/shares", "shares").await, 3);
}
