//! Command line arguments; every setting can also come from an environment variable.

use std::{net::SocketAddr, path::PathBuf};

use db::DatabaseUrl;

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
    /// Apply the database's pending migrations and exit.
    Migrate(MigrateArgs),
    /// Copy every record of one database into another, empty one (e.g. from the embedded
    /// SQLite file to PostgreSQL), all or nothing, with the counts checked.
    Copy(CopyArgs),
    /// Manage accounts from the server's host: create, list, set-role, disable, enable,
    /// reset-password.
    Users(crate::users_cli::UsersArgs),
}

#[derive(Debug, Clone, Args)]
pub struct MigrateArgs {
    /// The database: a SQLite file path, `sqlite://…` or `postgres://…`.
    #[arg(long, env = "LLMOPS_DB", default_value = "llmops.db")]
    pub db: DatabaseUrl,
}

#[derive(Debug, Clone, Args)]
pub struct CopyArgs {
    /// The database to read, e.g. `sqlite://llmops.db`.
    #[arg(long)]
    pub from: DatabaseUrl,
    /// The database to write; it is migrated first and must hold no records.
    #[arg(long)]
    pub to: DatabaseUrl,
}

#[derive(Debug, Clone, Args)]
pub struct ServeConfig {
    /// Address to listen on; port 0 picks a free port (the chosen address is printed on stdout).
    #[arg(long, env = "LLMOPS_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// The database: a SQLite file path or `sqlite://…` (created with its schema when absent),
    /// or `postgres://…` shared by every node of a deployment.
    #[arg(long, env = "LLMOPS_DB", default_value = "llmops.db")]
    pub db: DatabaseUrl,

    /// On PostgreSQL, apply pending migrations before serving (SQLite always does). Without
    /// it a node refuses to start until `llmops migrate` has run.
    #[arg(long, env = "LLMOPS_MIGRATE")]
    pub migrate: bool,

    /// Connections this node keeps to the database.
    #[arg(long, env = "LLMOPS_DB_POOL_SIZE")]
    pub db_pool_size: Option<u32>,

    /// This node's name among the nodes of a deployment (health reports it; run leases name
    /// it); the host name and process id when unset.
    #[arg(long, env = "LLMOPS_NODE_ID")]
    pub node_id: Option<String>,

    /// How long a node's claim on a run lasts without renewal: the longest a run waits after
    /// its node died before another node resumes it.
    #[arg(long, env = "LLMOPS_RUN_LEASE_SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(2..=3600))]
    pub run_lease_secs: u64,

    /// Directory holding the compiled web assets (pkg/ with the wasm, js and css bundle).
    #[arg(long, env = "LLMOPS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Largest request body accepted, in bytes; larger ones get 413.
    #[arg(long, env = "LLMOPS_MAX_BODY_BYTES", default_value_t = 2 * 1024 * 1024)]
    pub max_body_bytes: usize,

    /// The server's address as its users reach it (e.g. `https://llmops.example.com`), for the
    /// links in webhook payloads, the host names it answers to and its cookies' `Secure`
    /// flag; `http://` and the bound address when unset, which is allowed only on loopback.
    #[arg(long, env = "LLMOPS_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// An environment variable endpoints may name as their API key, and the one origin it may
    /// be sent to, e.g. `OPENAI_API_KEY=https://api.openai.com`; repeat for more (or separate
    /// with commas in the variable). No other variable of the server's is ever sent anywhere.
    #[arg(long = "key-env", env = "LLMOPS_KEY_ENV", value_delimiter = ',')]
    pub key_env: Vec<String>,

    #[command(flatten)]
    pub init: InitArgs,
}

/// What start-up creates when absent, for automation and tests; the values are secrets and
/// are never printed.
#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// Email of an admin account to create at start-up if absent (with the password below).
    #[arg(long, env = "LLMOPS_INIT_ADMIN_EMAIL", hide_env_values = true)]
    pub init_admin_email: Option<String>,
    #[arg(long, env = "LLMOPS_INIT_ADMIN_PASSWORD", hide_env_values = true)]
    pub init_admin_password: Option<String>,
    /// An admin API key to create at start-up if absent, with exactly this secret (at least
    /// 16 characters), sent as `Authorization: Bearer <secret>`.
    #[arg(long, env = "LLMOPS_INIT_API_KEY", hide_env_values = true)]
    pub init_api_key: Option<String>,
}
