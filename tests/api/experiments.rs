//! The A/B experiments REST API over HTTP against the real binary with a fresh database:
//! validation, the lifecycle, assignment, serving, metric recording and results.

use reqwest::StatusCode;
use serde_json::{Value, json};
use system_tests::TestServer;

use crate::support::{fields, get, post, send};

fn definition(name: &str) -> Value {
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
            {"name": "converted", "kind": "proportion"},
            {"name": "latency_ms", "kind": "mean", "direction": "lower_is_better"}
        ],
        "target_metric": "score"
    })
}

async fn create(server: &TestServer, body: Value) -> String {
    let (status, created) = post(server, "/api/v1/experiments", body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["id"].as_str().unwrap().to_owned()
}

async fn act(server: &TestServer, id: &str, action: &str) -> (StatusCode, Value) {
    send(
        server,
        "POST",
        &format!("/api/v1/experiments/{id}/{action}"),
        None,
    )
    .await
}

async fn running(server: &TestServer, name: &str) -> String {
    let id = create(server, definition(name)).await;
    let (status, body) = act(server, &id, "start").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    id
}

async fn assign(server: &TestServer, id: &str, user: &str) -> (StatusCode, Value) {
    post(
        server,
        &format!("/api/v1/experiments/{id}/assign"),
        json!({"user_id": user}),
    )
    .await
}

async fn record(server: &TestServer, id: &str, body: Value) -> (StatusCode, Value) {
    post(server, &format!("/api/v1/experiments/{id}/metrics"), body).await
}

async fn results(server: &TestServer, id: &str) -> Value {
    let (status, body) = get(server, &format!("/api/v1/experiments/{id}/results")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn experiment(server: &TestServer, id: &str) -> Value {
    let (status, body) = get(server, &format!("/api/v1/experiments/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// Counts of every (metric, variant), in declaration order.
fn counts(results: &Value) -> Vec<u64> {
    results["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["variants"].as_array().unwrap().iter())
        .map(|v| v["count"].as_u64().unwrap())
        .collect()
}

fn close(actual: &Value, expected: f64) -> bool {
    actual
        .as_f64()
        .is_some_and(|a| (a - expected).abs() < 1e-9 * (1.0 + expected.abs()))
}

async fn assert_no_experiments(server: &TestServer) {
    let (status, list) = get(server, "/api/v1/experiments").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        list["experiments"],
        json!([]),
        "a refused request stored something"
    );
}

#[tokio::test]
async fn every_validation_rule_names_its_field_and_stores_nothing() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let with = |change: &dyn Fn(&mut Value)| {
        let mut body = definition("invalid");
        change(&mut body);
        body
    };
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "fewer than two variants",
            with(&|b| {
                b["variants"] = json!([{"id": "control", "is_control": true}]);
                b["traffic_split"] = json!({"control": 100});
            }),
            "variants",
        ),
        (
            "duplicate ids",
            with(&|b| {
                b["variants"][1]["id"] = json!("control");
                b["traffic_split"] = json!({"control": 100});
            }),
            "variants[1].id",
        ),
        (
            "two controls",
            with(&|b| b["variants"][1]["is_control"] = json!(true)),
            "variants",
        ),
        (
            "no control",
            with(&|b| b["variants"][0]["is_control"] = json!(false)),
            "variants",
        ),
        (
            "missing split entry",
            with(&|b| b["traffic_split"] = json!({"control": 100})),
            "traffic_split.treatment",
        ),
        (
            "splits summing to 99.9",
            with(&|b| b["traffic_split"] = json!({"control": 50, "treatment": 49.9})),
            "traffic_split",
        ),
        ("no metrics", with(&|b| b["metrics"] = json!([])), "metrics"),
        (
            "target not among the metrics",
            with(&|b| b["target_metric"] = json!("revenue")),
            "target_metric",
        ),
        (
            "confidence level too high",
            with(&|b| b["confidence_level"] = json!(1.0)),
            "confidence_level",
        ),
        (
            "confidence level too low",
            with(&|b| b["confidence_level"] = json!(0.5)),
            "confidence_level",
        ),
        (
            "unknown prompt",
            with(&|b| b["variants"][0]["prompt_name"] = json!("missing")),
            "variants[0].prompt_name",
        ),
        (
            "wrong type",
            with(&|b| b["sequential"] = json!("yes")),
            "sequential",
        ),
    ];
    for (case, body, field) in cases {
        let (status, error) = post(&server, "/api/v1/experiments", body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{case}: {error}");
        assert!(
            fields(&error).iter().any(|f| f == field),
            "{case}: expected {field} in {error}"
        );
    }
    // Every problem at once.
    let (status, error) = post(
        &server,
        "/api/v1/experiments",
        with(&|b| {
            b["name"] = json!("");
            b["metrics"] = json!([]);
            b["confidence_level"] = json!(2);
        }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let named = fields(&error);
    for field in ["name", "metrics", "target_metric", "confidence_level"] {
        assert!(named.iter().any(|f| f == field), "{field} in {named:?}");
    }
    assert_no_experiments(&server).await;
}

#[tokio::test]
async fn experiments_are_created_read_and_listed_by_status() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let (status, created) = post(&server, "/api/v1/experiments", definition("shorter")).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap();
    assert_eq!(created["status"], "draft");
    assert_eq!(created["seed"], id);
    assert_eq!(created["variants"][0]["name"], "control");
    assert_eq!(created["variants"][1]["name"], "Shorter");
    assert_eq!(
        created["traffic_split"],
        json!({"control": 50, "treatment": 50})
    );
    assert_eq!(created["confidence_level"], 0.95);
    assert_eq!(created["allowed_actions"], json!(["start", "cancel"]));
    assert_eq!(created["status_history"], json!([]));
    assert_eq!(experiment(&server, id).await, created);

    let (status, conflict) = post(&server, "/api/v1/experiments", definition("shorter")).await;
    assert_eq!(status, StatusCode::CONFLICT, "{conflict}");
    assert_eq!(fields(&conflict), vec!["name"]);

    let second = running(&server, "second").await;
    let (_, all) = get(&server, "/api/v1/experiments").await;
    let ids: Vec<&str> = all["experiments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec![second.as_str(), id]);
    let (_, drafts) = get(&server, "/api/v1/experiments?status=draft").await;
    assert_eq!(drafts["experiments"].as_array().unwrap().len(), 1);
    assert_eq!(drafts["experiments"][0]["id"], id);
    let (status, bad) = get(&server, "/api/v1/experiments?status=done").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(fields(&bad), vec!["status"]);

    for path in [
        "/api/v1/experiments/not-a-uuid".to_owned(),
        "/api/v1/experiments/01890000-0000-7000-8000-000000000000".to_owned(),
        "/api/v1/experiments/not-a-uuid/results".to_owned(),
    ] {
        let (status, body) = get(&server, &path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
        assert_eq!(fields(&body), vec!["experiment"]);
    }
}

#[tokio::test]
async fn the_lifecycle_allows_only_the_documented_transitions() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();

    // Asserts `action` is refused with 409 naming the current status, and changes nothing.
    async fn refused(server: &TestServer, id: &str, action: &str, current: &str) {
        let before = experiment(server, id).await;
        let (status, error) = act(server, id, action).await;
        assert_eq!(
            status,
            StatusCode::CONFLICT,
            "{action} on {current}: {error}"
        );
        assert_eq!(fields(&error), vec!["status"]);
        let message = error["error"]["message"].as_str().unwrap();
        assert_eq!(
            message,
            format!("cannot {action} an experiment that is {current}")
        );
        assert_eq!(experiment(server, id).await, before, "{action} changed it");
    }

    let id = create(&server, definition("life")).await;
    refused(&server, &id, "pause", "draft").await;
    refused(&server, &id, "complete", "draft").await;
    let (status, started) = act(&server, &id, "start").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(started["status"], "running");
    assert!(started["started_at"].is_string());
    refused(&server, &id, "start", "running").await;
    let (_, paused) = act(&server, &id, "pause").await;
    assert_eq!(paused["status"], "paused");
    assert!(paused["paused_at"].is_string());
    refused(&server, &id, "pause", "paused").await;
    let (_, resumed) = act(&server, &id, "start").await;
    assert_eq!(resumed["status"], "running");
    assert!(resumed["resumed_at"].is_string());
    assert_eq!(resumed["started_at"], started["started_at"]);

    // The winner must be one of the variants; nothing changes otherwise.
    let (status, error) = post(
        &server,
        &format!("/api/v1/experiments/{id}/complete"),
        json!({"winner": "nobody"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert_eq!(fields(&error), vec!["winner"]);
    assert_eq!(experiment(&server, &id).await["status"], "running");

    let (status, completed) = post(
        &server,
        &format!("/api/v1/experiments/{id}/complete"),
        json!({"winner": "treatment"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{completed}");
    assert_eq!(completed["status"], "completed");
    assert_eq!(completed["winner"], "treatment");
    assert!(completed["completed_at"].is_string());
    assert_eq!(completed["allowed_actions"], json!([]));
    let history: Vec<(String, String, String)> = completed["status_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["action"].as_str().unwrap().to_owned(),
                c["from"].as_str().unwrap().to_owned(),
                c["to"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("start", "draft", "running"),
        ("pause", "running", "paused"),
        ("start", "paused", "running"),
        ("complete", "running", "completed"),
    ];
    assert_eq!(
        history,
        expected
            .iter()
            .map(|(a, f, t)| ((*a).to_owned(), (*f).to_owned(), (*t).to_owned()))
            .collect::<Vec<_>>()
    );
    for action in ["start", "pause", "complete", "cancel"] {
        refused(&server, &id, action, "completed").await;
    }

    // Cancel from draft, running and paused; nothing after.
    for steps in [&[][..], &["start"][..], &["start", "pause"][..]] {
        let id = create(&server, definition(&format!("cancel-{}", steps.len()))).await;
        for step in steps {
            assert_eq!(act(&server, &id, step).await.0, StatusCode::OK);
        }
        let (status, cancelled) = act(&server, &id, "cancel").await;
        assert_eq!(status, StatusCode::OK, "{cancelled}");
        assert_eq!(cancelled["status"], "cancelled");
        assert!(cancelled["cancelled_at"].is_string());
        for action in ["start", "pause", "complete", "cancel"] {
            refused(&server, &id, action, "cancelled").await;
        }
    }

    // Completing without a body (or with `{}`) names no winner.
    let id = running(&server, "no-winner").await;
    let (status, completed) = act(&server, &id, "complete").await;
    assert_eq!(status, StatusCode::OK, "{completed}");
    assert_eq!(completed["winner"], Value::Null);

    let (status, _) = act(&server, "01890000-0000-7000-8000-000000000000", "start").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn assignment_is_sticky_and_follows_growthbook_hashing() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let id = running(&server, "sticky").await;
    let mut seen = [0usize; 2];
    for i in 0..200 {
        let user = format!("user-{i}");
        let (status, first) = assign(&server, &id, &user).await;
        assert_eq!(status, StatusCode::OK, "{first}");
        assert_eq!(first["in_experiment"], true);
        assert_eq!(first["status"], "running");
        assert_eq!(first["user_id"], user.as_str());
        assert_eq!(first["variant"]["id"], first["variant_id"]);
        let (_, again) = assign(&server, &id, &user).await;
        assert_eq!(again["variant_id"], first["variant_id"], "{user}");
        seen[usize::from(first["variant_id"] == "treatment")] += 1;
    }
    assert!(seen[0] > 60 && seen[1] > 60, "{seen:?}");
    // Each user is counted once, however often assigned.
    let observed = results(&server, &id).await["srm"]["observed"].clone();
    assert_eq!(observed, json!([seen[0], seen[1]]));

    // GrowthBook's hash v2 of user "b" with seed "seed" is 0.2696 (its cases.json): inside
    // the first 27% but not the first 26%. User "a" hashes to 0.0505.
    for (control_percent, expected) in [(27, "control"), (26, "treatment")] {
        let mut body = definition(&format!("gb-{control_percent}"));
        body["seed"] = json!("seed");
        body["traffic_split"] =
            json!({"control": control_percent, "treatment": 100 - control_percent});
        let id = create(&server, body).await;
        act(&server, &id, "start").await;
        assert_eq!(assign(&server, &id, "b").await.1["variant_id"], expected);
        assert_eq!(assign(&server, &id, "a").await.1["variant_id"], "control");
    }

    let (status, error) = assign(&server, &id, "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&error), vec!["user_id"]);
    let (status, error) = post(
        &server,
        &format!("/api/v1/experiments/{id}/assign"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&error), vec!["user_id"]);
}

#[tokio::test]
async fn paused_and_completed_experiments_serve_outside_the_experiment() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let id = running(&server, "outside").await;
    // A user the hash puts in the treatment.
    let mut treated = None;
    for i in 0..100 {
        let user = format!("user-{i}");
        if assign(&server, &id, &user).await.1["variant_id"] == "treatment" {
            treated = Some(user);
            break;
        }
    }
    let treated = treated.expect("some user lands in the treatment");
    let exposures = results(&server, &id).await["srm"]["observed"].clone();

    act(&server, &id, "pause").await;
    for user in [treated.as_str(), "newcomer"] {
        let (status, paused) = assign(&server, &id, user).await;
        assert_eq!(status, StatusCode::OK, "{paused}");
        assert_eq!(paused["variant_id"], "control");
        assert_eq!(paused["in_experiment"], false);
        assert_eq!(paused["status"], "paused");
    }
    assert_eq!(results(&server, &id).await["srm"]["observed"], exposures);

    act(&server, &id, "start").await;
    assert_eq!(
        assign(&server, &id, &treated).await.1["variant_id"],
        "treatment"
    );
    let (_, completed) = post(
        &server,
        &format!("/api/v1/experiments/{id}/complete"),
        json!({"winner": "treatment"}),
    )
    .await;
    assert_eq!(completed["status"], "completed");
    let (status, served) = assign(&server, &id, "someone-else").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(served["variant_id"], "treatment");
    assert_eq!(served["in_experiment"], false);
    assert_eq!(results(&server, &id).await["srm"]["observed"], exposures);

    // Completed without a winner: the control.
    let other = running(&server, "no-winner").await;
    act(&server, &other, "complete").await;
    let (_, served) = assign(&server, &other, &treated).await;
    assert_eq!(served["variant_id"], "control");
    assert_eq!(served["in_experiment"], false);

    // Drafts and cancelled experiments assign nobody.
    let draft = create(&server, definition("draft")).await;
    let (status, error) = assign(&server, &draft, "u").await;
    assert_eq!(status, StatusCode::CONFLICT, "{error}");
    assert_eq!(fields(&error), vec!["status"]);
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("draft")
    );
    act(&server, &draft, "cancel").await;
    let (status, error) = assign(&server, &draft, "u").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("cancelled")
    );
    assert_eq!(
        results(&server, &draft).await["srm"]["observed"],
        json!([0, 0])
    );

    let (status, _) = assign(&server, "01890000-0000-7000-8000-000000000000", "u").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn serve_renders_the_assigned_variants_prompt_with_its_model_settings() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let (status, prompt) = post(
        &server,
        "/api/v1/prompts",
        json!({
            "name": "reply",
            "template": "Dear {{ name }}, thanks.",
            "variables": [{"name": "name", "type": "string"}],
            "model_config": {"model": "gpt-4o", "temperature": 0.7, "max_tokens": 200}
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{prompt}");
    let (status, version) = post(
        &server,
        "/api/v1/prompts/reply/versions",
        json!({"template": "Hi {{ name }}!", "variables": [{"name": "name", "type": "string"}]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{version}");

    let mut body = definition("serve");
    body["variants"] = json!([
        {"id": "control", "is_control": true, "prompt_name": "reply", "prompt_version": "1.0.0"},
        {"id": "treatment", "prompt_name": "reply", "prompt_version": "1.1.0",
         "model_name": "gpt-4o-mini", "parameters": {"temperature": 0.2, "seed": 7}}
    ]);
    let (status, error) = post(&server, "/api/v1/experiments", {
        let mut wrong = body.clone();
        wrong["name"] = json!("wrong-version");
        wrong["variants"][1]["prompt_version"] = json!("9.9.9");
        wrong
    })
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert_eq!(fields(&error), vec!["variants[1].prompt_version"]);

    let id = create(&server, body).await;
    act(&server, &id, "start").await;
    let mut served_both = [false; 2];
    for i in 0..40 {
        let user = format!("user-{i}");
        let (status, served) = post(
            &server,
            &format!("/api/v1/experiments/{id}/serve"),
            json!({"user_id": user, "variables": {"name": "Ada"}}),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{served}");
        assert_eq!(served["in_experiment"], true);
        let assigned = assign(&server, &id, &user).await.1;
        assert_eq!(served["variant_id"], assigned["variant_id"]);
        if served["variant_id"] == "control" {
            served_both[0] = true;
            assert_eq!(served["prompt"]["version"], "1.0.0");
            assert_eq!(served["prompt"]["text"], "Dear Ada, thanks.");
            assert_eq!(served["model"]["model_name"], "gpt-4o");
            assert_eq!(
                served["model"]["parameters"],
                json!({"temperature": 0.7, "max_tokens": 200})
            );
        } else {
            served_both[1] = true;
            assert_eq!(served["prompt"]["name"], "reply");
            assert_eq!(served["prompt"]["version"], "1.1.0");
            assert_eq!(served["prompt"]["text"], "Hi Ada!");
            assert_eq!(served["model"]["model_name"], "gpt-4o-mini");
            assert_eq!(served["model"]["parameters"]["temperature"], 0.2);
            assert_eq!(served["model"]["parameters"]["seed"], 7);
        }
    }
    assert_eq!(served_both, [true, true]);
    let exposed: u64 = results(&server, &id).await["srm"]["observed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(exposed, 40);

    // A render error is the render endpoint's 422, and the user is not counted.
    let (status, error) = post(
        &server,
        &format!("/api/v1/experiments/{id}/serve"),
        json!({"user_id": "no-variables", "variables": {}}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert_eq!(fields(&error), vec!["variables.name"]);
    let after: u64 = results(&server, &id).await["srm"]["observed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(after, 40);

    // A variant without a prompt serves model settings only.
    let plain = running(&server, "plain").await;
    let (status, served) = post(
        &server,
        &format!("/api/v1/experiments/{plain}/serve"),
        json!({"user_id": "u1"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{served}");
    assert_eq!(served["prompt"], Value::Null);
}

#[tokio::test]
async fn bad_metric_values_are_refused_whole_and_record_nothing() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let id = running(&server, "metrics").await;
    let event = |variant: &str, metric: &str, value: Value| json!({"variant_id": variant, "metric": metric, "value": value});
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "a string value",
            event("control", "score", json!("7")),
            "value",
        ),
        (
            "a null value",
            event("control", "score", Value::Null),
            "value",
        ),
        (
            "a proportion of 0.5",
            event("control", "converted", json!(0.5)),
            "value",
        ),
        (
            "an undeclared metric",
            event("control", "revenue", json!(1)),
            "metric",
        ),
        (
            "an unknown variant",
            event("nobody", "score", json!(1)),
            "variant_id",
        ),
        (
            "an empty user id",
            json!({"variant_id": "control", "metric": "score", "value": 1, "user_id": ""}),
            "user_id",
        ),
        (
            "a missing field",
            json!({"variant_id": "control", "value": 1}),
            "metric",
        ),
        (
            "the middle of three is bad",
            json!([
                event("control", "score", json!(1)),
                event("treatment", "converted", json!(2)),
                event("treatment", "score", json!(3))
            ]),
            "[1].value",
        ),
        (
            "a missing field in a batch",
            json!([event("control", "score", json!(1)), {"variant_id": "control", "value": 1}]),
            "[1].metric",
        ),
    ];
    for (case, body, field) in cases {
        let (status, error) = record(&server, &id, body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{case}: {error}");
        assert_eq!(fields(&error), vec![field], "{case}");
    }
    // NaN and Infinity are not JSON: the body itself is refused.
    let response = server
        .client
        .post(server.url(&format!("/api/v1/experiments/{id}/metrics")))
        .header("content-type", "application/json")
        .body(r#"{"variant_id": "control", "metric": "score", "value": NaN}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    // More than 10,000 values in one request.
    let many: Vec<Value> = (0..10_001)
        .map(|_| event("control", "score", json!(1)))
        .collect();
    let (status, error) = record(&server, &id, Value::Array(many)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{error}");
    assert_eq!(fields(&error), vec!["body"]);

    assert!(counts(&results(&server, &id).await).iter().all(|c| *c == 0));

    // Good values: one, a batch, a boolean for a proportion; also while paused.
    let (status, recorded) = record(&server, &id, event("control", "score", json!(4))).await;
    assert_eq!(status, StatusCode::OK, "{recorded}");
    assert_eq!(recorded["recorded"], 1);
    let (status, recorded) = record(
        &server,
        &id,
        json!([
            event("treatment", "converted", json!(true)),
            {"variant_id": "treatment", "metric": "latency_ms", "value": 120.5, "user_id": "u1"}
        ]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{recorded}");
    assert_eq!(recorded["recorded"], 2);
    act(&server, &id, "pause").await;
    let (status, _) = record(&server, &id, event("control", "score", json!(6))).await;
    assert_eq!(status, StatusCode::OK);
    let report = results(&server, &id).await;
    assert_eq!(counts(&report), vec![2, 0, 0, 1, 0, 1]);
    assert_eq!(report["metrics"][0]["variants"][0]["mean"], 5.0);

    // Drafts, completed and cancelled experiments refuse values, naming their status.
    act(&server, &id, "complete").await;
    let draft = create(&server, definition("draft")).await;
    let cancelled = create(&server, definition("cancelled")).await;
    act(&server, &cancelled, "cancel").await;
    for (experiment_id, status_name) in [
        (&id, "completed"),
        (&draft, "draft"),
        (&cancelled, "cancelled"),
    ] {
        let (status, error) =
            record(&server, experiment_id, event("control", "score", json!(1))).await;
        assert_eq!(status, StatusCode::CONFLICT, "{status_name}: {error}");
        assert_eq!(fields(&error), vec!["status"]);
        assert!(
            error["error"]["message"]
                .as_str()
                .unwrap()
                .ends_with(&format!("it is {status_name}")),
            "{error}"
        );
    }
    assert_eq!(counts(&results(&server, &id).await), vec![2, 0, 0, 1, 0, 1]);
    assert!(
        counts(&results(&server, &draft).await)
            .iter()
            .all(|c| *c == 0)
    );
}

#[tokio::test]
async fn results_match_values_computed_by_hand() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let id = running(&server, "by-hand").await;
    let mut events = Vec::new();
    for (variant, values) in [("control", [1, 2, 3, 4]), ("treatment", [2, 3, 4, 5])] {
        for value in values {
            events.push(json!({"variant_id": variant, "metric": "score", "value": value}));
        }
    }
    let (status, body) = record(&server, &id, Value::Array(events)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let report = results(&server, &id).await;
    assert_eq!(report["experiment_id"], id.as_str());
    assert_eq!(report["status"], "running");
    assert_eq!(report["control_id"], "control");
    assert_eq!(report["target_metric"], "score");
    let score = &report["metrics"][0];
    assert_eq!(score["metric"], "score");
    let (control, treatment) = (&score["variants"][0], &score["variants"][1]);
    assert_eq!(control["count"], 4);
    assert!(close(&control["mean"], 2.5));
    assert!(close(&treatment["mean"], 3.5));
    // s² = ((1.5² + 0.5²) · 2) / 3 = 5/3 in both variants.
    assert!(close(&control["std_dev"], (5.0f64 / 3.0).sqrt()));
    let comparison = &score["comparisons"][0];
    assert_eq!(comparison["variant_id"], "treatment");
    assert!(close(&comparison["absolute_lift"], 1.0));
    assert!(close(&comparison["relative_lift"], 0.4));
    // SE = sqrt(2 · (5/3) / 4); Welch's df = 6 with equal variances and sizes.
    let se = (2.0 * (5.0 / 3.0) / 4.0f64).sqrt();
    assert!(close(&comparison["std_error"], se));
    assert!(close(&comparison["degrees_of_freedom"], 6.0));
    // t = 1 / SE = 1.0954; two-sided p with 6 df (scipy: 0.31526).
    let p = comparison["p_value"].as_f64().unwrap();
    assert!((p - 0.315_26).abs() < 1e-4, "{p}");
    assert_eq!(comparison["adjusted_p_value"], comparison["p_value"]);
    let chance = comparison["chance_to_beat_control"].as_f64().unwrap();
    assert!((chance - 0.8633).abs() < 1e-3, "{chance}");
    assert_eq!(comparison["significant"], false);
    assert_eq!(comparison["outcome"], "inconclusive");
    assert_eq!(report["recommended_winner"], Value::Null);

    let timeline = report["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 2);
    assert_eq!(timeline[0]["variant_id"], "control");
    let last = timeline[1]["points"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["count"], 4);
    assert!(close(&last["mean"], 3.5));
    assert!(last["at"].as_str().unwrap().ends_with('Z'));
}

#[tokio::test]
async fn a_clear_improvement_is_recommended_and_frozen_at_completion() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let id = running(&server, "clear").await;
    let events: Vec<Value> = (0..400)
        .map(|i| {
            let variant = if i % 2 == 0 { "control" } else { "treatment" };
            let base = if i % 2 == 0 { 10.0 } else { 12.0 };
            json!({"variant_id": variant, "metric": "score", "value": base + (i % 10) as f64})
        })
        .collect();
    record(&server, &id, Value::Array(events)).await;
    let report = results(&server, &id).await;
    assert_eq!(report["recommended_winner"], "treatment");
    assert_eq!(report["metrics"][0]["comparisons"][0]["outcome"], "better");
    let (_, completed) = post(
        &server,
        &format!("/api/v1/experiments/{id}/complete"),
        json!({"winner": "treatment"}),
    )
    .await;
    assert!(completed["significance"].as_f64().unwrap() < 0.001);
    assert!(completed["confidence"].as_f64().unwrap() > 0.999);
    assert_eq!(results(&server, &id).await["winner"], "treatment");
}

#[tokio::test]
async fn skewed_exposures_are_flagged_as_a_sample_ratio_mismatch() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let with_seed = |name: &str| {
        let mut body = definition(name);
        body["seed"] = json!("shared-seed");
        body
    };
    // The oracle assigns 600 users evenly by the hash: no mismatch there.
    let oracle = create(&server, with_seed("oracle")).await;
    act(&server, &oracle, "start").await;
    let mut controls = Vec::new();
    for i in 0..600 {
        let user = format!("user-{i}");
        if assign(&server, &oracle, &user).await.1["variant_id"] == "control" {
            controls.push(user);
        }
    }
    let balanced = results(&server, &oracle).await["srm"].clone();
    assert_eq!(balanced["mismatch"], false, "{balanced}");
    assert!(balanced["p_value"].as_f64().unwrap() > 0.001);

    // Same seed, same split: only the users the hash puts in the control are sent, so every
    // exposure lands in the control, against an expected 50/50.
    let skewed = create(&server, with_seed("skewed")).await;
    act(&server, &skewed, "start").await;
    for user in &controls {
        assert_eq!(
            assign(&server, &skewed, user).await.1["variant_id"],
            "control"
        );
    }
    let srm = results(&server, &skewed).await["srm"].clone();
    let n = controls.len() as f64;
    assert_eq!(srm["observed"], json!([controls.len(), 0]));
    assert_eq!(srm["expected_fractions"], json!([0.5, 0.5]));
    assert!(close(&srm["expected"][0], n / 2.0));
    // χ² = (n - n/2)² / (n/2) · 2 = n.
    assert!(close(&srm["chi_square"], n), "{srm}");
    assert_eq!(srm["degrees_of_freedom"], 1);
    assert!(srm["p_value"].as_f64().unwrap() < 1e-10);
    assert_eq!(srm["mismatch"], true);
}

#[tokio::test]
async fn parallel_clients_keep_exact_counts() {
    let _machine = crate::machine::shared().await;
    const CLIENTS: usize = 8;
    const BATCHES: usize = 25;
    const PER_BATCH: usize = 40;
    let server = TestServer::start();
    let id = running(&server, "parallel").await;
    let url = server.url(&format!("/api/v1/experiments/{id}/metrics"));
    let assign_url = server.url(&format!("/api/v1/experiments/{id}/assign"));
    let mut tasks = Vec::new();
    for client in 0..CLIENTS {
        let http = server.client.clone();
        let (url, assign_url) = (url.clone(), assign_url.clone());
        tasks.push(tokio::spawn(async move {
            for batch in 0..BATCHES {
                let events: Vec<Value> = (0..PER_BATCH)
                    .map(|i| {
                        let variant = if i % 2 == 0 { "control" } else { "treatment" };
                        json!({"variant_id": variant, "metric": "score",
                               "value": ((client + batch + i) % 5) as f64})
                    })
                    .collect();
                let response = http.post(&url).json(&events).send().await.unwrap();
                assert_eq!(response.status(), StatusCode::OK);
                // Every client assigns the same 100 users: each is counted once.
                let user = format!("user-{}", (batch * 4 + client) % 100);
                let response = http
                    .post(&assign_url)
                    .json(&json!({"user_id": user}))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), StatusCode::OK);
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let mut sums = [0.0f64; 2];
    for client in 0..CLIENTS {
        for batch in 0..BATCHES {
            for i in 0..PER_BATCH {
                sums[i % 2] += ((client + batch + i) % 5) as f64;
            }
        }
    }
    let report = results(&server, &id).await;
    let per_variant = (CLIENTS * BATCHES * PER_BATCH / 2) as u64;
    for (v, sum) in sums.iter().enumerate() {
        let summary = &report["metrics"][0]["variants"][v];
        assert_eq!(summary["count"], per_variant);
        let total = summary["mean"].as_f64().unwrap() * per_variant as f64;
        assert!((total - sum).abs() < 1e-6, "{total} vs {sum}");
    }
    let exposures: u64 = report["srm"]["observed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(exposures, 100);
}
