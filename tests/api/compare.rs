//! CompareRuns over REST against the real binary: crafted runs with known regressions, the
//! figures checked against values computed by hand, and the bad inputs.

use reqwest::StatusCode;
use serde_json::{Value, json};
use system_tests::TestServer;
use system_tests::compare::crafted_runs;
use system_tests::eval::{create_run, wait_until};

use crate::support::{fields, get};

fn id(run: &Value) -> &str {
    run["id"].as_str().unwrap()
}

#[tokio::test]
async fn crafted_regressions_are_found_and_tested() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let runs = crafted_runs(&server, 30, 10).await;
    let (status, c) = get(
        &server,
        &format!(
            "/api/v1/compare?base={}&candidate={}",
            id(&runs.base),
            id(&runs.candidate)
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{c}");
    assert_eq!(
        (c["base_id"].as_str(), c["candidate_id"].as_str()),
        (Some(id(&runs.base)), Some(id(&runs.candidate)))
    );
    assert_eq!(c["paired"], 30);
    assert_eq!(c["base_only"]["count"], 0);
    assert_eq!(c["base_pass_rate"], 1.0);
    assert!((c["candidate_pass_rate"].as_f64().unwrap() - 20.0 / 30.0).abs() < 1e-12);
    assert!((c["pass_rate_change"].as_f64().unwrap() + 10.0 / 30.0).abs() < 1e-12);
    assert_eq!(
        c["transitions"],
        json!({"pass_pass": 20, "pass_fail": 10, "fail_pass": 0, "fail_fail": 0})
    );
    // McNemar exact: b = 10, c = 0, p = 2 · P(X ≤ 0), X ~ Bin(10, ½) = 2 / 1024.
    assert_eq!(
        (&c["mcnemar"]["b"], &c["mcnemar"]["c"]),
        (&json!(10), &json!(0))
    );
    assert!((c["mcnemar"]["p_value"].as_f64().unwrap() - 0.001_953_125).abs() < 1e-15);
    assert_eq!(c["mcnemar"]["verdict"], "significant_regression");
    assert_eq!(c["verdict"], "significant_regression");
    assert_eq!(c["significance"]["significant"], true);
    assert!(
        c["significance"]["method"]
            .as_str()
            .unwrap()
            .contains("Wilcoxon")
    );

    let exact = &c["metrics"][0];
    assert_eq!(
        (&exact["metric"], &exact["n"]),
        (&json!("exact_match"), &json!(30))
    );
    assert!((exact["mean_change"].as_f64().unwrap() + 10.0 / 30.0).abs() < 1e-12);
    // Wilcoxon: ten tied differences of −1: W⁺ = 0, mean 27.5, variance 96.25 − 990/48 =
    // 75.625, z = (0 − 27.5 + ½)/√75.625, p = 2Φ(z) (scipy.stats.wilcoxon, correction=True).
    assert!(
        (exact["wilcoxon_p_value"].as_f64().unwrap() - 0.001_904_195_043).abs() < 1e-9,
        "{exact}"
    );
    assert_eq!(exact["verdict"], "significant_regression");

    let regressions = c["regressions"].as_array().unwrap();
    let inputs: Vec<&str> = regressions
        .iter()
        .map(|r| r["input"].as_str().unwrap())
        .collect();
    assert_eq!(inputs, runs.regressed_inputs);
    let first = &regressions[0];
    assert_eq!(first["base_output"], "question 20");
    assert_eq!(first["candidate_output"], "changed question 20");
    assert!(c["improvements"].as_array().unwrap().is_empty());
    let notes: Vec<&str> = c["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["field"].as_str().unwrap())
        .collect();
    assert!(
        notes.contains(&"prompt_version"),
        "the prompt version changed: {c}"
    );

    // Swapped, the same samples are improvements.
    let (_, swapped) = get(
        &server,
        &format!(
            "/api/v1/compare?base={}&candidate={}",
            id(&runs.candidate),
            id(&runs.base)
        ),
    )
    .await;
    assert_eq!(swapped["verdict"], "significant_improvement");
    assert_eq!(swapped["improvements"].as_array().unwrap().len(), 10);
}

#[tokio::test]
async fn runs_that_cannot_be_compared_are_refused() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let runs = crafted_runs(&server, 6, 2).await;
    let base = id(&runs.base);

    let (status, body) = get(&server, &format!("/api/v1/compare?base={base}")).await;
    assert_eq!(
        (status, fields(&body)),
        (StatusCode::BAD_REQUEST, vec!["candidate".to_string()])
    );
    let (status, body) = get(
        &server,
        &format!("/api/v1/compare?base={base}&candidate=nope"),
    )
    .await;
    assert_eq!(
        (status, fields(&body)),
        (StatusCode::NOT_FOUND, vec!["candidate".to_string()])
    );
    let unknown = uuid_like();
    let (status, body) = get(
        &server,
        &format!("/api/v1/compare?base={unknown}&candidate={base}"),
    )
    .await;
    assert_eq!(
        (status, fields(&body)),
        (StatusCode::NOT_FOUND, vec!["base".to_string()])
    );
    let (status, body) = get(
        &server,
        &format!(
            "/api/v1/compare?base={base}&candidate={}&confidence_level=2",
            id(&runs.candidate)
        ),
    )
    .await;
    assert_eq!(
        (status, fields(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            vec!["confidence_level".to_string()]
        )
    );

    // A run of another dataset.
    let other = system_tests::eval::create_dataset(
        &server,
        "other",
        json!([{"input": "x", "expected_output": "x", "metadata": {"keep": "yes"}}]),
    )
    .await;
    let other_run = create_run(
        &server,
        json!({"dataset": other, "prompt_name": "crafted", "endpoint": "echo",
               "metrics": ["exact_match"], "start": true}),
    )
    .await;
    let other_run = wait_until(&server, id(&other_run), "completed", |r| {
        r["status"] == "completed"
    })
    .await;
    let (status, body) = get(
        &server,
        &format!("/api/v1/compare?base={base}&candidate={}", id(&other_run)),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), vec!["candidate".to_string()]);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("different datasets")
    );

    // An unfinished run.
    let pending = create_run(
        &server,
        json!({"dataset": runs.dataset_id, "prompt_name": "crafted", "endpoint": "echo",
               "metrics": ["exact_match"]}),
    )
    .await;
    let (status, body) = get(
        &server,
        &format!("/api/v1/compare?base={base}&candidate={}", id(&pending)),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), vec!["candidate".to_string()]);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("pending")
    );
}

fn uuid_like() -> &'static str {
    "00000000-0000-4000-8000-000000000000"
}

#[tokio::test]
async fn the_cli_fails_on_a_significant_regression_against_its_baseline() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let runs = crafted_runs(&server, 30, 10).await;
    let eval = |version: &'static str, baseline: String| {
        let base_url = server.base_url.clone();
        async move {
            tokio::process::Command::new(system_tests::binary())
                .env("LLMOPS_API_KEY", system_tests::API_KEY)
                .args([
                    "eval",
                    "--server",
                    &base_url,
                    "--no-progress",
                    "--dataset",
                    "crafted",
                ])
                .args([
                    "--prompt",
                    "crafted",
                    "--prompt-version",
                    version,
                    "--endpoint",
                    "echo",
                ])
                .args(["--metric", "exact_match=1", "--baseline", &baseline])
                .output()
                .await
                .expect("llmops eval runs")
        }
    };
    let regressed = eval("1.1.0", id(&runs.base).to_owned()).await;
    let stdout = String::from_utf8_lossy(&regressed.stdout);
    assert_eq!(
        regressed.status.code(),
        Some(1),
        "{stdout}\n{}",
        String::from_utf8_lossy(&regressed.stderr)
    );
    assert!(
        stdout.contains("10 regressions") && stdout.contains("significant regression"),
        "{stdout}"
    );
    let same = eval("1.0.0", id(&runs.base).to_owned()).await;
    let stdout = String::from_utf8_lossy(&same.stdout);
    assert_eq!(same.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("no significant change"), "{stdout}");
}
