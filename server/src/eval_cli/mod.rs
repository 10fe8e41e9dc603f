//! `llmops eval`: create and start a run on a server, follow it with a progress bar, print a
//! summary, write reports, and exit non-zero when the run falls short. Made for CI.

mod args;
mod report;

use std::process::ExitCode;
use std::time::Duration;

use domain::eval::{
    compare::{RunComparison, Verdict},
    record::{ResultPage, Run},
    result::SampleResult,
    status::RunStatus,
};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::Value;

pub use args::EvalArgs;

/// How often the run's progress is read.
const POLL: Duration = Duration::from_millis(250);
const RESULTS_PAGE: i64 = 1000;

/// Exit status: 0 the run completed at or above --min-pass-rate; 1 it completed below it, or
/// failed, or was cancelled; 2 the run could not be created or followed.
pub async fn eval(args: EvalArgs) -> ExitCode {
    match follow(&args).await {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

async fn follow(args: &EvalArgs) -> Result<ExitCode, String> {
    let body = args.run_request()?;
    let api = Api::new(&args.server, args.api_key.as_deref());
    let run: Run = api.post("/runs", &body).await?;
    eprintln!("run {} created: {}", run.id, run.name);
    let bar = progress_bar(args.no_progress, run.progress.total);
    let run_path = format!("/runs/{}", run.id);
    let run = loop {
        let run: Run = tokio::select! {
            run = api.get(&run_path) => run?,
            _ = tokio::signal::ctrl_c() => {
                let _: Result<Run, _> = api.post(&format!("/runs/{}/cancel", run.id), &Value::Null).await;
                bar.abandon_with_message("cancelled");
                return Ok(ExitCode::from(130));
            }
        };
        bar.set_position(run.progress.done);
        bar.set_message(format!(
            "{} passed, {} errored",
            run.progress.passed, run.progress.errored
        ));
        if run.status.is_finished() {
            bar.finish_and_clear();
            break run;
        }
        tokio::time::sleep(POLL).await;
    };
    let results = if args.json.is_some() || args.junit.is_some() {
        all_results(&api, &run).await?
    } else {
        Vec::new()
    };
    print!("{}", report::summary_text(&run));
    if let Some(path) = &args.json {
        report::write_json(path, &run, &results)?;
        eprintln!("wrote {}", path.display());
    }
    if let Some(path) = &args.junit {
        report::write_junit(path, &run, &results)?;
        eprintln!("wrote {}", path.display());
    }
    let code = verdict(&run, args.min_pass_rate);
    match args.baseline {
        Some(baseline) if run.status == RunStatus::Completed => {
            let comparison: RunComparison = api
                .get(&format!("/compare?base={baseline}&candidate={}", run.id))
                .await?;
            print!("{}", report::comparison_text(&comparison));
            if comparison.verdict == Verdict::SignificantRegression {
                eprintln!("significant regression against the baseline run {baseline}");
                return Ok(ExitCode::FAILURE);
            }
            Ok(code)
        }
        _ => Ok(code),
    }
}

fn verdict(run: &Run, min_pass_rate: Option<f64>) -> ExitCode {
    if run.status != RunStatus::Completed {
        eprintln!("the run is {}", run.status.as_str());
        return ExitCode::FAILURE;
    }
    let pass_rate = run.results.as_ref().map_or(0.0, |r| r.pass_rate);
    match min_pass_rate {
        Some(min) if pass_rate < min => {
            eprintln!(
                "pass rate {:.1}% is below the minimum {:.1}%",
                pass_rate * 100.0,
                min * 100.0
            );
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

fn progress_bar(hidden: bool, total: u64) -> ProgressBar {
    if hidden {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template("{bar:40.cyan/blue} {pos}/{len} samples · {msg} · {elapsed}")
            .expect("the template is valid")
            .progress_chars("█▉▊▋▌▍▎▏ "),
    );
    bar
}

async fn all_results(api: &Api, run: &Run) -> Result<Vec<SampleResult>, String> {
    let mut results = Vec::new();
    loop {
        let page: ResultPage = api
            .get(&format!(
                "/runs/{}/results?offset={}&limit={RESULTS_PAGE}",
                run.id,
                results.len()
            ))
            .await?;
        let fetched = page.results.len();
        results.extend(page.results);
        if fetched == 0 || results.len() as i64 >= page.total {
            return Ok(results);
        }
    }
}

/// The REST API of one server; failures become one readable line.
struct Api {
    http: reqwest::Client,
    base: String,
}

impl Api {
    fn new(server: &str, api_key: Option<&str>) -> Api {
        let mut headers = reqwest::header::HeaderMap::new();
        if let Some(value) = api_key
            .and_then(|key| reqwest::header::HeaderValue::from_str(&format!("Bearer {key}")).ok())
        {
            headers.insert(reqwest::header::AUTHORIZATION, value);
        }
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .build()
            .unwrap_or_default();
        Api {
            http,
            base: format!("{}/api/v1", server.trim_end_matches('/')),
        }
    }

    async fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T, String> {
        self.read(self.http.get(format!("{}{path}", self.base)))
            .await
    }

    async fn post<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: &Value,
    ) -> Result<T, String> {
        let request = self.http.post(format!("{}{path}", self.base));
        let request = if body.is_null() {
            request
        } else {
            request.json(body)
        };
        self.read(request).await
    }

    async fn read<T: serde::de::DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, String> {
        let response = request
            .send()
            .await
            .map_err(|error| format!("cannot reach {}: {error}", self.base))?;
        let status = response.status();
        let body: Value = response
            .json()
            .await
            .map_err(|error| format!("the server's answer is not JSON: {error}"))?;
        if !status.is_success() {
            return Err(describe_problem(status, &body));
        }
        serde_json::from_value(body).map_err(|error| format!("unexpected answer: {error}"))
    }
}

fn describe_problem(status: reqwest::StatusCode, body: &Value) -> String {
    let error = &body["error"];
    let mut text = format!(
        "{status}: {}",
        error["message"].as_str().unwrap_or("request failed")
    );
    for detail in error["details"].as_array().into_iter().flatten() {
        text.push_str(&format!(
            "\n  {}: {}",
            detail["field"].as_str().unwrap_or("?"),
            detail["message"].as_str().unwrap_or("?")
        ));
    }
    text
}
