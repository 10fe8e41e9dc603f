//! Arguments of `llmops eval`.

use std::path::PathBuf;

use clap::Args;
use serde_json::{Map, Value, json};

#[derive(Debug, Clone, Args)]
pub struct EvalArgs {
    /// The llmops server to run on.
    #[arg(long, env = "LLMOPS_SERVER", default_value = "http://127.0.0.1:3000")]
    pub server: String,

    /// An API key (editor scope or above) sent as `Authorization: Bearer`.
    #[arg(long, env = "LLMOPS_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,

    /// Dataset name or id.
    #[arg(long)]
    pub dataset: String,

    /// Dataset version; the latest when omitted.
    #[arg(long)]
    pub dataset_version: Option<i64>,

    /// Prompt name.
    #[arg(long)]
    pub prompt: String,

    /// Prompt version, label, `latest` or `active` (the default).
    #[arg(long)]
    pub prompt_version: Option<String>,

    /// Model endpoint name or id.
    #[arg(long)]
    pub endpoint: String,

    /// A metric, optionally with a threshold: `exact_match`, `levenshtein=0.8`,
    /// `latency=2000`. Repeat for several.
    #[arg(long = "metric", value_name = "NAME[=THRESHOLD]")]
    pub metrics: Vec<String>,

    /// A metric as JSON, for metrics with options:
    /// `{"name": "regex", "pattern": "^\\d+$", "threshold": 1}`.
    #[arg(long = "metric-json", value_name = "JSON")]
    pub metric_json: Vec<String>,

    /// A call parameter, `key=value` (value read as JSON when it parses, else as text).
    #[arg(long = "param", value_name = "KEY=VALUE")]
    pub params: Vec<String>,

    /// Run name.
    #[arg(long)]
    pub name: Option<String>,

    /// Exit with status 1 when the pass rate is below this (0 to 1).
    #[arg(long)]
    pub min_pass_rate: Option<f64>,

    /// Compare the finished run with this completed run of the same dataset and exit with
    /// status 1 on a significant regression.
    #[arg(long, value_name = "RUN_ID")]
    pub baseline: Option<uuid::Uuid>,

    /// Write the run and every per-sample result as JSON to this file.
    #[arg(long)]
    pub json: Option<PathBuf>,

    /// Write a JUnit XML report (one test case per sample) to this file.
    #[arg(long)]
    pub junit: Option<PathBuf>,

    /// Do not draw the progress bar.
    #[arg(long)]
    pub no_progress: bool,
}

impl EvalArgs {
    /// The body of `POST /api/v1/runs`; bad metric or parameter syntax is reported here.
    pub fn run_request(&self) -> Result<Value, String> {
        if let Some(rate) = self.min_pass_rate
            && !(0.0..=1.0).contains(&rate)
        {
            return Err("--min-pass-rate must be between 0 and 1".to_owned());
        }
        let mut metrics = Vec::new();
        for spec in &self.metrics {
            metrics.push(match spec.split_once('=') {
                None => json!(spec.trim()),
                Some((name, threshold)) => {
                    let threshold: f64 = threshold.trim().parse().map_err(|_| {
                        format!("--metric {spec}: the threshold `{threshold}` is not a number")
                    })?;
                    json!({"name": name.trim(), "threshold": threshold})
                }
            });
        }
        for raw in &self.metric_json {
            metrics.push(
                serde_json::from_str(raw)
                    .map_err(|error| format!("--metric-json {raw}: {error}"))?,
            );
        }
        if metrics.is_empty() {
            return Err("name at least one --metric or --metric-json".to_owned());
        }
        let mut parameters = Map::new();
        for param in &self.params {
            let (key, value) = param
                .split_once('=')
                .ok_or_else(|| format!("--param {param}: expected KEY=VALUE"))?;
            let value = serde_json::from_str(value).unwrap_or_else(|_| json!(value));
            parameters.insert(key.trim().to_owned(), value);
        }
        let mut body = json!({
            "dataset": self.dataset,
            "prompt_name": self.prompt,
            "endpoint": self.endpoint,
            "metrics": metrics,
            "parameters": parameters,
            "start": true,
        });
        if let Some(version) = self.dataset_version {
            body["dataset_version"] = json!(version);
        }
        if let Some(version) = &self.prompt_version {
            body["prompt_version"] = json!(version);
        }
        if let Some(name) = &self.name {
            body["name"] = json!(name);
        }
        Ok(body)
    }
}
