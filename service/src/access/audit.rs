//! The audit log: [`record`] after every write the workbench's content or settings undergo;
//! [`list`] for admins. Traffic from production services (render, assign, serve, metric
//! values) is not a change to the workbench and is not recorded: it has its own counts.

use domain::access::{AuditFilter, AuditPage};
use domain::problem::Problem;

use crate::{App, Caller, Permission};

/// What a write acted on: a kind (`prompt`, `dataset`, `api_key`, ...), its id and its name.
pub struct Target<'a> {
    pub kind: &'a str,
    pub id: String,
    pub name: &'a str,
}

impl<'a> Target<'a> {
    pub fn new(kind: &'a str, id: impl ToString, name: &'a str) -> Target<'a> {
        Target {
            kind,
            id: id.to_string(),
            name,
        }
    }
}

/// Appends one entry. The write it describes has committed; if the entry cannot be written
/// the failure is logged, not sent to a caller whose change was made.
pub(crate) async fn record(app: &App, caller: &Caller, operation: &str, target: Target<'_>) {
    record_on(app.pool(), app.now(), caller, operation, target).await;
}

pub(crate) async fn record_on(
    pool: &db::Pool,
    at: chrono::DateTime<chrono::Utc>,
    caller: &Caller,
    operation: &str,
    target: Target<'_>,
) {
    let (actor_kind, actor_id, actor_name) = caller.actor();
    let entry = db::access::audit::NewAuditRow {
        at,
        actor_kind,
        actor_id,
        actor_name,
        operation,
        target_kind: target.kind,
        target_id: &target.id,
        target_name: target.name,
        address: caller.address(),
    };
    if let Err(error) = db::access::audit::record(pool, &entry).await {
        tracing::error!(%error, operation, "could not write the audit log");
    }
}

pub async fn list(caller: &Caller, app: &App, filter: AuditFilter) -> Result<AuditPage, Problem> {
    caller.require(Permission::Administer)?;
    let (entries, more) = db::access::audit::list(app.pool(), &filter).await?;
    let next_before = more.then(|| entries.last().map(|e| e.id)).flatten();
    Ok(AuditPage {
        entries,
        next_before,
    })
}
