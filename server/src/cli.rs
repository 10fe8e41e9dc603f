//! Command line arguments; every setting can also come from an environment variable.

use std::{net::SocketAddr, path::PathBuf};

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "llmops",
    version,
    about = "Self-hosted LLMOps workbench: versioned prompts, datasets, evaluations and A/B experiments"
)]
pub struct Cli {
    /// Log filter in tracing's syntax, e.g. `info` or `llmops=debug,tower_http=info`.
    #[arg(long, env = "LLMOPS_LOG", default_value = "info", global = true)]
    pub log_level: String,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app and the REST API.
    Serve(ServeConfig),
    /// Run an evaluation on a server and wait for it; exits 1 when it falls short (for CI).
    Eval(Box<crate::eval_cli::EvalArgs>),
}

#[derive(Debug, Clone, Args)]
pub struct ServeConfig {
    /// Address to listen on; port 0 picks a free port (the chosen address is printed on stdout).
    #[arg(long, env = "LLMOPS_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// SQLite database file, created with its schema when absent.
    #[arg(long, env = "LLMOPS_DB", default_value = "llmops.db")]
    pub db: PathBuf,

    /// Directory holding the compiled web assets (pkg/ with the wasm, js and css bundle).
    #[arg(long, env = "LLMOPS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Largest request body accepted, in bytes; larger ones get 413.
    #[arg(long, env = "LLMOPS_MAX_BODY_BYTES", default_value_t = 2 * 1024 * 1024)]
    pub max_body_bytes: usize,

    /// The server's address as its users reach it (e.g. `https://llmops.example.com`), for the
    /// links in webhook payloads; `http://` and the bound address when unset.
    #[arg(long, env = "LLMOPS_PUBLIC_URL")]
    pub public_url: Option<String>,
}
