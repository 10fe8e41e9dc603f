//! Share links: create one (after checking that what is shared exists and, for a comparison,
//! that the two runs can be compared), list and revoke them, and open one by its token.

use chrono::{DateTime, Utc};
use db::{DbError, Pool};
use domain::eval::compare::{DEFAULT_CONFIDENCE_LEVEL, Side, compare_runs};
use domain::eval::{record::Run, summary::RunSummary};
use domain::experiment::record::{Experiment, ExperimentReport};
use domain::problem::{ErrorCode, Problem};
use domain::share::{NewShare, Share, ShareTarget};
use rand::RngCore;
use uuid::Uuid;

use crate::access::audit::{self, Target};
use crate::compare::{Compared, compare_stored, unknown_run};
use crate::{App, Caller, Permission};

/// Random bytes in a token: 256 bits, well over the 128 a guess would have to beat.
const TOKEN_BYTES: usize = 32;

/// What an open link shows, loaded; the page decides what of it to draw.
pub struct Opened {
    pub share: Share,
    pub content: SharedContent,
}

pub enum SharedContent {
    Run {
        run: Box<Run>,
        summary: RunSummary,
    },
    Comparison(Box<Compared>),
    Experiment {
        experiment: Box<Experiment>,
        report: Box<ExperimentReport>,
    },
}

pub async fn create(caller: &Caller, app: &App, new: NewShare) -> Result<Share, Problem> {
    caller.require(Permission::Edit)?;
    let now = app.now();
    let valid = new.validate(now)?;
    let title = title_of(app.pool(), valid.target).await?;
    let token = new_token();
    let share = db::shares::create(
        app.pool(),
        &db::shares::NewShareRow {
            token: &token,
            target: valid.target,
            title: &title,
            created_at: now,
            expires_at: valid.expires_at,
            created_by: Some(caller.actor().2),
        },
    )
    .await?;
    let hint = token_hint(&share.token);
    audit::record(
        app,
        caller,
        "share.create",
        Target::new("share", &hint, &share.title),
    )
    .await;
    Ok(share)
}

/// The links that are neither revoked nor expired, newest first.
pub async fn list(caller: &Caller, app: &App) -> Result<Vec<Share>, Problem> {
    caller.require(Permission::View)?;
    Ok(db::shares::list_active(app.pool(), app.now()).await?)
}

/// Revokes a link at once; revoking an unknown or revoked link is a 404.
pub async fn revoke(caller: &Caller, app: &App, token: &str) -> Result<(), Problem> {
    caller.require(Permission::Edit)?;
    db::shares::revoke(app.pool(), token, app.now()).await?;
    let hint = token_hint(token);
    audit::record(
        app,
        caller,
        "share.revoke",
        Target::new("share", &hint, &hint),
    )
    .await;
    Ok(())
}

/// How the audit log names a link: the token is a credential, so only its first 8 characters.
fn token_hint(token: &str) -> String {
    let start: String = token.chars().take(8).collect();
    format!("{start}…")
}

/// What the link behind `token` shows. An unknown, expired or revoked token, and a link whose
/// content is gone, are one and the same 404: the visitor learns nothing else.
pub async fn open(caller: &Caller, app: &App, token: &str) -> Result<Opened, Problem> {
    caller.require(Permission::FollowShareLink)?;
    let share = db::shares::get_active(app.pool(), token, app.now())
        .await
        .map_err(gone)?;
    let content = match share.target {
        ShareTarget::Run { run_id } => {
            let run = db::runs::get(app.pool(), run_id).await.map_err(gone)?;
            let summary = crate::runs::summary_of(app, &run).await?;
            SharedContent::Run {
                run: Box::new(run),
                summary,
            }
        }
        ShareTarget::Comparison { base, candidate } => SharedContent::Comparison(Box::new(
            compare_stored(app.pool(), base, candidate, DEFAULT_CONFIDENCE_LEVEL)
                .await
                .map_err(gone)?,
        )),
        ShareTarget::Experiment { experiment_id } => {
            let (experiment, report) = tokio::try_join!(
                db::experiments::get(app.pool(), experiment_id),
                db::experiments::report(app.pool(), experiment_id)
            )
            .map_err(gone)?;
            SharedContent::Experiment {
                experiment: Box::new(experiment),
                report: Box::new(report),
            }
        }
    };
    Ok(Opened { share, content })
}

/// Whatever is missing, the visitor learns only that the link does not work.
fn gone<E: Into<Problem>>(error: E) -> Problem {
    let problem: Problem = error.into();
    if problem.code == ErrorCode::NotFound {
        Problem::new(
            ErrorCode::NotFound,
            "this link does not exist, has expired or was revoked",
        )
    } else {
        problem
    }
}

/// What the list of links calls the shared page; also proves that it exists.
async fn title_of(pool: &Pool, target: ShareTarget) -> Result<String, Problem> {
    match target {
        ShareTarget::Run { run_id } => {
            let run = db::runs::get(pool, run_id)
                .await
                .map_err(|error| missing(error, "run_id", "run"))?;
            Ok(run.name)
        }
        ShareTarget::Comparison { base, candidate } => {
            let base = load_side(pool, Side::Base, base).await?;
            let candidate = load_side(pool, Side::Candidate, candidate).await?;
            compare_runs(&base, &[], &candidate, &[], DEFAULT_CONFIDENCE_LEVEL)?;
            Ok(format!("{} vs {}", candidate.name, base.name))
        }
        ShareTarget::Experiment { experiment_id } => {
            let experiment = db::experiments::get(pool, experiment_id)
                .await
                .map_err(|error| missing(error, "experiment_id", "experiment"))?;
            Ok(format!("{} results", experiment.name))
        }
    }
}

async fn load_side(pool: &Pool, side: Side, id: Uuid) -> Result<Run, Problem> {
    db::runs::get(pool, id).await.map_err(|error| match error {
        DbError::NotFound { .. } => unknown_run(side, &id.to_string()),
        other => other.into(),
    })
}

fn missing(error: DbError, field: &str, what: &str) -> Problem {
    match error {
        DbError::NotFound { .. } => {
            Problem::new(ErrorCode::NotFound, format!("no {what} with this id"))
                .with_field(field, "not found")
        }
        other => other.into(),
    }
}

/// The expiry `hours` from the service's clock, for forms that offer a duration.
pub fn expiry_after_hours(app: &App, hours: u32) -> Result<DateTime<Utc>, Problem> {
    app.now()
        .checked_add_signed(chrono::Duration::hours(i64::from(hours)))
        .ok_or_else(|| {
            Problem::new(ErrorCode::ValidationFailed, "the expiry is too far ahead")
                .with_field("expires_in_hours", "is too large")
        })
}

/// 256 bits from the thread's CSPRNG (ChaCha seeded by the operating system), as lower-case hex.
fn new_token() -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_long_and_different() {
        let (a, b) = (super::new_token(), super::new_token());
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
