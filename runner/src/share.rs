//! Creating share links: check that what is shared exists (and, for a comparison, that the two
//! runs can be compared), name it for the list of links, and draw an unguessable token.

use chrono::{DateTime, Utc};
use db::{DbError, SqlitePool};
use domain::eval::compare::{DEFAULT_CONFIDENCE_LEVEL, Side, compare_runs};
use domain::problem::{ErrorCode, Problem};
use domain::share::{NewShare, Share, ShareTarget};
use rand::RngCore;

use crate::compare::unknown_run;

/// Random bytes in a token: 256 bits, well over the 128 a guess would have to beat.
const TOKEN_BYTES: usize = 32;

pub async fn create_share(
    pool: &SqlitePool,
    new: NewShare,
    now: DateTime<Utc>,
) -> Result<Share, Problem> {
    let valid = new.validate(now)?;
    let title = title_of(pool, valid.target).await?;
    let token = new_token();
    let share = db::shares::create(
        pool,
        &db::shares::NewShareRow {
            token: &token,
            target: valid.target,
            title: &title,
            created_at: now,
            expires_at: valid.expires_at,
        },
    )
    .await?;
    Ok(share)
}

/// What the list of links calls the shared page; also proves that it exists.
async fn title_of(pool: &SqlitePool, target: ShareTarget) -> Result<String, Problem> {
    match target {
        ShareTarget::Run { run_id } => {
            let run = db::runs::get(pool, run_id)
                .await
                .map_err(|error| missing(error, "run_id", "run"))?;
            Ok(run.name)
        }
        ShareTarget::Comparison { base, candidate } => {
            let base = db::runs::get(pool, base).await.map_err(|error| {
                on_missing(error, || unknown_run(Side::Base, &base.to_string()))
            })?;
            let candidate = db::runs::get(pool, candidate).await.map_err(|error| {
                on_missing(error, || {
                    unknown_run(Side::Candidate, &candidate.to_string())
                })
            })?;
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

fn missing(error: DbError, field: &str, what: &str) -> Problem {
    on_missing(error, || {
        Problem::new(ErrorCode::NotFound, format!("no {what} with this id"))
            .with_field(field, "not found")
    })
}

fn on_missing(error: DbError, problem: impl FnOnce() -> Problem) -> Problem {
    match error {
        DbError::NotFound { .. } => problem(),
        other => other.into(),
    }
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
