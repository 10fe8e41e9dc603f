//! Harness for system tests: starts the real `llmops` binary on a free port with a fresh
//! database (`database`: SQLite or PostgreSQL), and stops it when the test ends; an in-process OpenAI-compatible stub
//! (`model_stub`), the real model server (`model_server`), the evaluation helpers (`eval`) and
//! a webhook receiver (`webhook`).

pub mod compare;
pub mod database;
pub mod eval;
pub mod model_server;
pub mod model_stub;
pub mod webhook;

use std::{
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::Arc,
};

pub use database::TestDatabase;

/// The admin API key every test server starts with (`LLMOPS_INIT_API_KEY`); the server's
/// `client` sends it on every request.
pub const API_KEY: &str = "llmops_system_tests_admin_key_0123456789";
/// The admin account every test server starts with (`LLMOPS_INIT_ADMIN_EMAIL`, `..._PASSWORD`).
pub const ADMIN_EMAIL: &str = "admin@example.com";
pub const ADMIN_PASSWORD: &str = "system tests password";

/// A running server with its database; killed on drop.
pub struct TestServer {
    child: Child,
    pub base_url: String,
    pub client: reqwest::Client,
    /// The database the server uses; dropped with the last server on it.
    pub database: Arc<TestDatabase>,
    /// The code of the setup link a server without accounts printed.
    pub setup_code: Option<String>,
}

impl TestServer {
    pub fn start() -> TestServer {
        TestServer::start_with(&[])
    }

    /// Starts the server with extra `serve` arguments, e.g. a smaller body limit.
    pub fn start_with(extra_args: &[&str]) -> TestServer {
        TestServer::start_on_with(&Arc::new(TestDatabase::fresh()), extra_args)
    }

    /// Starts a server on a database another server uses or used, so that a test can kill a
    /// server and start another on the same data, or run several nodes on it.
    pub fn start_on(database: &Arc<TestDatabase>) -> TestServer {
        TestServer::start_on_with(database, &[])
    }

    pub fn start_on_with(database: &Arc<TestDatabase>, extra_args: &[&str]) -> TestServer {
        TestServer::spawn(database, extra_args, true)
    }

    /// A server on a fresh database with no account and no key: it prints the one-time
    /// setup link (its code is `setup_code`), as a new installation does.
    pub fn start_fresh_for_setup() -> TestServer {
        TestServer::spawn(&Arc::new(TestDatabase::fresh()), &[], false)
    }

    fn spawn(database: &Arc<TestDatabase>, extra_args: &[&str], initialized: bool) -> TestServer {
        let mut command = Command::new(binary());
        command.current_dir(workspace_root()).args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--db",
            &database.url,
        ]);
        if database.is_postgres() {
            command.arg("--migrate");
        }
        command.args(extra_args).env("LLMOPS_LOG", "warn");
        if initialized {
            command
                .env("LLMOPS_INIT_API_KEY", API_KEY)
                .env("LLMOPS_INIT_ADMIN_EMAIL", ADMIN_EMAIL)
                .env("LLMOPS_INIT_ADMIN_PASSWORD", ADMIN_PASSWORD)
                .stderr(Stdio::inherit());
        } else {
            command
                .env_remove("LLMOPS_INIT_API_KEY")
                .env_remove("LLMOPS_INIT_ADMIN_EMAIL")
                .env_remove("LLMOPS_INIT_ADMIN_PASSWORD")
                .stderr(Stdio::piped());
        }
        let mut child = command
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{} could not start: {e}", binary().display()));
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut first_line = String::new();
        BufReader::new(stdout)
            .read_line(&mut first_line)
            .expect("the server prints its address");
        let base_url = first_line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line from the server: {first_line:?}"))
            .to_string();
        let setup_code = child.stderr.take().map(read_setup_code);
        TestServer {
            child,
            base_url,
            client: authenticated_client(API_KEY),
            database: database.clone(),
            setup_code: setup_code.flatten(),
        }
    }

    /// A client that sends no credential.
    pub fn anonymous(&self) -> reqwest::Client {
        reqwest::Client::new()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Kills the server with SIGKILL (no graceful shutdown) and waits until it is gone.
    pub fn kill(&mut self) {
        self.child.kill().expect("the server can be killed");
        self.child.wait().expect("the killed server can be reaped");
    }

    /// Stops the server as a signal would (it hands its run leases back) and waits for it.
    pub fn stop(&mut self) {
        let pid = self.child.id().to_string();
        let signalled = Command::new("kill").args(["-TERM", &pid]).status();
        assert!(
            signalled.is_ok_and(|s| s.success()),
            "SIGTERM reaches the server"
        );
        let status = self.child.wait().expect("the stopped server can be reaped");
        assert!(status.success(), "the server stopped cleanly: {status}");
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads the server's stderr up to its setup link (printed before it listens) and returns the
/// code; the rest of stderr is passed on to the test's, so the pipe never fills.
fn read_setup_code(stderr: std::process::ChildStderr) -> Option<String> {
    let mut lines = BufReader::new(stderr).lines();
    let code = lines.by_ref().map_while(Result::ok).find_map(|line| {
        line.split("/setup?code=")
            .nth(1)
            .map(|code| code.trim().to_owned())
    });
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            eprintln!("{line}");
        }
    });
    code
}

/// A client that sends `key` as `Authorization: Bearer` on every request.
pub fn authenticated_client(key: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    let value = reqwest::header::HeaderValue::from_str(&format!("Bearer {key}"))
        .expect("keys are header-safe");
    headers.insert(reqwest::header::AUTHORIZATION, value);
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("a client builds")
}

/// The binary under test: `LLMOPS_BIN` when set, else the release build (what `make test`
/// builds), else the debug build.
pub fn binary() -> PathBuf {
    if let Ok(path) = std::env::var("LLMOPS_BIN") {
        return PathBuf::from(path);
    }
    let target = workspace_root().join("target");
    ["release", "debug"]
        .iter()
        .map(|profile| target.join(profile).join("llmops"))
        .find(|path| path.exists())
        .unwrap_or_else(|| {
            panic!(
                "build the server first: no llmops binary under {}",
                target.display()
            )
        })
}

pub fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate lives inside the workspace")
}
