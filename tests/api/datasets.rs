//! The datasets REST API over HTTP against the real binary: versions, samples, import, export.

use reqwest::StatusCode;
use serde_json::{Value, json};
use system_tests::TestServer;

use crate::support::{decode, fields, get, post, send};

async fn create(server: &TestServer, name: &str) -> String {
    let (status, body) = post(
        server,
        "/api/v1/datasets",
        json!({"name": name, "type": "golden", "description": "test set"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["id"].as_str().unwrap().to_string()
}

async fn upload(
    server: &TestServer,
    id: &str,
    content_type: &str,
    body: impl Into<reqwest::Body>,
) -> (StatusCode, Value) {
    let response = server
        .client
        .post(server.url(&format!("/api/v1/datasets/{id}/import")))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    decode(response).await
}

async fn export(server: &TestServer, id: &str, query: &str) -> (StatusCode, String) {
    let response = server
        .client
        .get(server.url(&format!("/api/v1/datasets/{id}/export?{query}")))
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

fn inputs(page: &Value) -> Vec<&str> {
    page["samples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["input"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn samples_are_versioned_and_old_versions_stay_readable() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let id = create(&server, "qa").await;
    let (status, added) = post(
        &server,
        &format!("/api/v1/datasets/{id}/samples"),
        json!([
            {"input": "2+2", "expected_output": "4"},
            {"input": "capital of France", "expected_output": "Paris", "metadata": {"topic": "geo"}}
        ]),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    assert_eq!(added["version"]["version"], 1);

    let (_, v1) = get(&server, &format!("/api/v1/datasets/{id}/samples")).await;
    let first = v1["samples"][0]["id"].as_str().unwrap().to_string();
    let (status, edited) = send(
        &server,
        "PUT",
        &format!("/api/v1/datasets/{id}/samples/{first}"),
        Some(json!({"input": "2+2=?", "expected_output": "4", "message": "clearer"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!(edited["version"]["version"], 2);
    let (status, _) = send(
        &server,
        "DELETE",
        &format!("/api/v1/datasets/{id}/samples/{first}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    let (_, dataset) = get(&server, &format!("/api/v1/datasets/{id}")).await;
    assert_eq!(
        (
            dataset["version"].as_i64(),
            dataset["sample_count"].as_i64()
        ),
        (Some(3), Some(1))
    );
    let (_, at1) = get(&server, &format!("/api/v1/datasets/{id}/samples?version=1")).await;
    assert_eq!(inputs(&at1), ["2+2", "capital of France"]);
    let (_, at2) = get(&server, &format!("/api/v1/datasets/{id}/samples?version=2")).await;
    assert_eq!(inputs(&at2), ["2+2=?", "capital of France"]);
    let (_, at3) = get(
        &server,
        &format!("/api/v1/datasets/{id}/samples?version=3&limit=1&offset=0"),
    )
    .await;
    assert_eq!(inputs(&at3), ["capital of France"]);
    assert_eq!(at3["total"], 1);

    let (_, history) = get(&server, &format!("/api/v1/datasets/{id}/versions")).await;
    let summary: Vec<(i64, i64, i64, i64)> = history["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["version"].as_i64().unwrap(),
                v["added"].as_i64().unwrap(),
                v["changed"].as_i64().unwrap(),
                v["removed"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [(3, 0, 0, 1), (2, 0, 1, 0), (1, 2, 0, 0), (0, 0, 0, 0)]
    );
}

#[tokio::test]
async fn jsonl_and_csv_round_trip_every_field_exactly() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let id = create(&server, "tricky").await;
    let tricky = [
        json!({"input": "comma, \"quotes\" and\nnewlines\r\nhere", "expected_output": "ünïcødé 🎉 日本語", "context": "tab\there", "metadata": {"b": 1, "a": [1, 2], "nested": {"x": null}}}),
        json!({"input": "plain", "expected_output": "", "context": "", "metadata": {}}),
    ];
    let file: String = tricky.iter().map(|s| format!("{s}\n")).collect();
    let (status, imported) = upload(&server, &id, "application/x-ndjson", file).await;
    assert_eq!(status, StatusCode::CREATED, "{imported}");
    assert_eq!(imported["imported"], 2);

    let (status, jsonl) = export(&server, &id, "format=jsonl").await;
    assert_eq!(status, StatusCode::OK);
    let exported: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for (original, back) in tricky.iter().zip(&exported) {
        for field in ["input", "expected_output", "context", "metadata"] {
            assert_eq!(original[field], back[field], "{field}");
        }
    }

    let (status, csv) = export(&server, &id, "format=csv").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        csv.starts_with("input,expected_output,context,metadata\n"),
        "{csv}"
    );
    let copy = create(&server, "copy").await;
    let (status, imported) = upload(&server, &copy, "text/csv", csv.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{imported}");
    let (_, again) = export(&server, &copy, "format=csv").await;
    assert_eq!(again, csv, "a CSV export re-imports to the same bytes");
    let (_, copied) = get(&server, &format!("/api/v1/datasets/{copy}/samples")).await;
    assert_eq!(copied["samples"][0]["input"], tricky[0]["input"]);
    assert_eq!(copied["samples"][0]["metadata"], tricky[0]["metadata"]);
}

#[tokio::test]
async fn a_bad_import_names_every_bad_line_and_changes_nothing() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let id = create(&server, "qa").await;
    let file = "{\"input\": \"fine\"}\n{\"input\": \n{\"expected_output\": \"x\"}\n{\"input\": 5}\n{\"input\": \"ok\", \"metadata\": [1]}\n";
    let (status, body) = upload(&server, &id, "application/x-ndjson", file).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), ["line 2", "line 3", "line 4", "line 5"]);

    let huge = format!(
        "{{\"input\": \"ok\"}}\n{{\"input\": \"{}\"}}\n{{\"input\": \"also ok\"}}\n",
        "x".repeat(2 << 20)
    );
    let (status, body) = upload(&server, &id, "application/x-ndjson", huge).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), ["line 2"]);

    let csv = "input,expected_output\n\"unclosed,quote\nfine,ok\n";
    let (status, body) = upload(&server, &id, "text/csv", csv).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = upload(&server, &id, "text/csv", "expected_output\nx\n").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), ["line 1"]);
    let (status, body) = upload(&server, &id, "text/plain", "x").await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");

    let (_, dataset) = get(&server, &format!("/api/v1/datasets/{id}")).await;
    assert_eq!(
        (
            dataset["version"].as_i64(),
            dataset["sample_count"].as_i64()
        ),
        (Some(0), Some(0))
    );
}

#[tokio::test]
async fn bad_dataset_input_is_refused_naming_the_field() {
    let _machine = crate::machine::shared().await;
    let server = TestServer::start();
    let id = create(&server, "qa").await;
    let other = create(&server, "other").await;
    post(
        &server,
        &format!("/api/v1/datasets/{other}/samples"),
        json!([{"input": "theirs"}]),
    )
    .await;
    let (_, their_page) = get(&server, &format!("/api/v1/datasets/{other}/samples")).await;
    let foreign = their_page["samples"][0]["id"].as_str().unwrap().to_string();

    let (status, body) = post(
        &server,
        "/api/v1/datasets",
        json!({"name": "x", "type": "gold"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&body), ["type"]);
    let (status, body) = post(
        &server,
        "/api/v1/datasets",
        json!({"name": "", "type": "golden"}),
    )
    .await;
    assert_eq!(
        (status, fields(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, vec!["name".to_string()])
    );
    let (status, body) = post(
        &server,
        "/api/v1/datasets",
        json!({"name": "qa", "type": "golden"}),
    )
    .await;
    assert_eq!(
        (status, fields(&body)),
        (StatusCode::CONFLICT, vec!["name".to_string()])
    );

    let samples = format!("/api/v1/datasets/{id}/samples");
    let (status, body) = post(
        &server,
        &samples,
        json!([{"input": "ok"}, {"expected_output": "no input"}]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = post(
        &server,
        &samples,
        json!([{"input": "ok", "metadata": "not an object"}]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = post(&server, &samples, json!([{"input": "x".repeat(70 * 1024)}])).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), ["samples[0].input"]);
    let (status, _) = send(&server, "DELETE", &format!("{samples}/{foreign}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get(&server, &format!("{samples}?version=9")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get(&server, "/api/v1/datasets/not-a-uuid").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = get(&server, &format!("{samples}?limit=5000")).await;
    assert_eq!(
        (status, fields(&body)),
        (StatusCode::BAD_REQUEST, vec!["limit".to_string()])
    );

    let (_, dataset) = get(&server, &format!("/api/v1/datasets/{id}")).await;
    assert_eq!(dataset["version"], 0, "refused requests made no version");
}
