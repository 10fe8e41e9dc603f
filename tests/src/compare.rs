//! Two crafted runs of one dataset on the echo endpoint, with known regressions: the base
//! prompt echoes every input (each sample passes exact_match), the candidate prefixes
//! `changed ` to the samples whose metadata says `keep: "no"` (each of those fails).

use serde_json::{Value, json};

use crate::TestServer;
use crate::eval::{call, create_dataset, create_endpoint, create_run, wait_for_run};

pub struct CraftedRuns {
    pub dataset_id: String,
    pub base: Value,
    pub candidate: Value,
    /// Inputs of the samples that regress, in dataset order.
    pub regressed_inputs: Vec<String>,
}

/// `n` samples, of which `regressed` (the last ones) go from pass to fail.
pub async fn crafted_runs(server: &TestServer, n: usize, regressed: usize) -> CraftedRuns {
    let samples: Vec<Value> = (0..n)
        .map(|i| {
            let keep = if i < n - regressed { "yes" } else { "no" };
            json!({"input": format!("question {i}"), "expected_output": format!("question {i}"),
                   "metadata": {"keep": keep}})
        })
        .collect();
    let dataset_id = create_dataset(server, "crafted", Value::Array(samples)).await;
    let variables =
        json!([{"name": "input", "type": "string"}, {"name": "keep", "type": "string"}]);
    let (status, body) = call(
        server,
        "POST",
        "/api/v1/prompts",
        Some(json!({"name": "crafted", "template": "{{ input }}", "variables": variables})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = call(
        server,
        "POST",
        "/api/v1/prompts/crafted/versions",
        Some(json!({
            "template": "{% if keep == 'yes' %}{{ input }}{% else %}changed {{ input }}{% endif %}",
            "variables": variables
        })),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    create_endpoint(server, json!({"name": "echo", "kind": "echo"})).await;
    let run = |version: &str| {
        json!({"dataset": dataset_id, "prompt_name": "crafted", "prompt_version": version,
               "endpoint": "echo", "metrics": [{"name": "exact_match", "threshold": 1}, "levenshtein"], "start": true})
    };
    let base = create_run(server, run("1.0.0")).await;
    let base = wait_for_run(server, base["id"].as_str().unwrap()).await;
    let candidate = create_run(server, run("1.1.0")).await;
    let candidate = wait_for_run(server, candidate["id"].as_str().unwrap()).await;
    assert_eq!(
        (&base["status"], &candidate["status"]),
        (&json!("completed"), &json!("completed"))
    );
    CraftedRuns {
        dataset_id,
        base,
        candidate,
        regressed_inputs: (n - regressed..n)
            .map(|i| format!("question {i}"))
            .collect(),
    }
}
