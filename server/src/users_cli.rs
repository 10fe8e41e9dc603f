//! `llmops users`: the operator's accounts commands, run on the server's host against its
//! database (a shell account there already has the database), recorded in the audit log as
//! the operator's.

use std::io::BufRead;

use clap::{Args, Subcommand};
use db::DatabaseUrl;
use domain::access::{NewUser, Role, User, UserChange};

use crate::startup::StartupError;

#[derive(Debug, Clone, Args)]
pub struct UsersArgs {
    /// The database: a SQLite file path, `sqlite://…` or `postgres://…`.
    #[arg(long, env = "LLMOPS_DB", default_value = "llmops.db", global = true)]
    pub db: DatabaseUrl,
    #[command(subcommand)]
    pub command: UsersCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum UsersCommand {
    /// Create an account; the password comes from `LLMOPS_USER_PASSWORD` or the first line of
    /// standard input.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
        #[arg(long, default_value = "")]
        name: String,
    },
    /// List every account.
    List,
    /// Change an account's role (the last admin stays an admin).
    SetRole {
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
    /// Disable an account: its sessions and API keys stop working at once.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Enable a disabled account again.
    Enable {
        #[arg(long)]
        email: String,
    },
    /// Set a new password (from `LLMOPS_USER_PASSWORD` or standard input); ends the
    /// account's sessions.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
}

/// The problem's message and each field's, as one line for a terminal.
fn describe(problem: &domain::problem::Problem) -> String {
    let mut text = problem.message.clone();
    for detail in &problem.details {
        text.push_str(&format!("; {}: {}", detail.field, detail.message));
    }
    text
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::parse(text).ok_or_else(|| "must be admin, editor or viewer".to_owned())
}

#[derive(Debug, thiserror::Error)]
pub enum UsersError {
    #[error(transparent)]
    Startup(#[from] StartupError),
    #[error("{}", describe(.0))]
    Refused(domain::problem::Problem),
    #[error("could not read the password from standard input: {0}")]
    Password(std::io::Error),
}

pub async fn users(args: UsersArgs) -> Result<(), UsersError> {
    let pool = open(&args.db).await?;
    let refused = UsersError::Refused;
    use service::access::operator;
    match args.command {
        UsersCommand::Create { email, role, name } => {
            let password = password()?;
            let new = NewUser {
                email,
                display_name: name,
                password,
                role,
            };
            print_user(&operator::create_user(&pool, new).await.map_err(refused)?);
        }
        UsersCommand::List => {
            for user in operator::list_users(&pool).await.map_err(refused)? {
                print_user(&user);
            }
        }
        UsersCommand::SetRole { email, role } => {
            let change = UserChange {
                role: Some(role),
                ..UserChange::default()
            };
            print_user(
                &operator::update_user(&pool, &email, change)
                    .await
                    .map_err(refused)?,
            );
        }
        UsersCommand::Disable { email } => {
            let change = UserChange {
                disabled: Some(true),
                ..UserChange::default()
            };
            print_user(
                &operator::update_user(&pool, &email, change)
                    .await
                    .map_err(refused)?,
            );
        }
        UsersCommand::Enable { email } => {
            let change = UserChange {
                disabled: Some(false),
                ..UserChange::default()
            };
            print_user(
                &operator::update_user(&pool, &email, change)
                    .await
                    .map_err(refused)?,
            );
        }
        UsersCommand::ResetPassword { email } => {
            let change = UserChange {
                password: Some(password()?),
                ..UserChange::default()
            };
            print_user(
                &operator::update_user(&pool, &email, change)
                    .await
                    .map_err(refused)?,
            );
        }
    }
    pool.close().await;
    Ok(())
}

async fn open(url: &DatabaseUrl) -> Result<db::Pool, StartupError> {
    let failed = |source| StartupError::Database {
        url: url.clone(),
        source,
    };
    let settings = db::store::PoolSettings::for_backend(url.backend());
    let pool = db::store::connect_without_migrating(url, settings)
        .await
        .map_err(failed)?;
    crate::startup::require_current_schema(&pool, url).await?;
    Ok(pool)
}

fn password() -> Result<String, UsersError> {
    if let Ok(password) = std::env::var("LLMOPS_USER_PASSWORD") {
        return Ok(password);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(UsersError::Password)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn print_user(user: &User) {
    let status = if user.disabled { "disabled" } else { "active" };
    println!(
        "{}\t{}\t{}\t{}\t{}",
        user.id,
        user.email,
        user.role.as_str(),
        status,
        user.display_name
    );
}
