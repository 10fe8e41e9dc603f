//! `llmops`: the command line entry point.

// Leptos views are deeply nested types; release builds need more room than the default.
#![recursion_limit = "512"]

mod admin;
mod api;
mod cli;
mod delivery;
mod eval_cli;
mod guard;
mod startup;
mod telemetry;
mod users_cli;

use clap::Parser;

use crate::cli::{Cli, Command};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    telemetry::init(&cli.log_level);
    let outcome = match cli.command {
        Command::Serve(config) => startup::serve(config).await,
        Command::Eval(args) => return eval_cli::eval(*args).await,
        Command::Migrate(args) => admin::migrate(args).await,
        Command::Copy(args) => admin::copy(args).await,
        Command::Users(args) => {
            return match users_cli::users(args).await {
                Ok(()) => std::process::ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("error: {error}");
                    std::process::ExitCode::FAILURE
                }
            };
        }
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "llmops stopped with an error");
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
