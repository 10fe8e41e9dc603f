//! Health and readiness: the process is up, and whether this node can serve (the database
//! answers and its schema is the one this binary knows).

use db::store::SchemaState;
use domain::problem::{ErrorCode, Problem};
use serde::Serialize;

use crate::{App, Caller, Permission};

/// What `GET /api/v1/health` reports of this node.
#[derive(Debug, Clone, Serialize)]
pub struct NodeHealth {
    pub node_id: String,
    pub database: &'static str,
}

pub async fn check(caller: &Caller, app: &App) -> Result<NodeHealth, Problem> {
    caller.require(Permission::Probe)?;
    db::store::ping(app.pool()).await?;
    Ok(node_health(app))
}

/// Ready when the database answers and needs no migration; otherwise `Unavailable` saying why.
pub async fn ready(caller: &Caller, app: &App) -> Result<NodeHealth, Problem> {
    caller.require(Permission::Probe)?;
    let state = db::store::schema_state(app.pool()).await.map_err(|error| {
        tracing::warn!(%error, "readiness: the database does not answer");
        Problem::new(ErrorCode::Unavailable, "the database does not answer")
    })?;
    match state {
        SchemaState::Current => Ok(node_health(app)),
        SchemaState::Pending(versions) => Err(Problem::new(
            ErrorCode::Unavailable,
            format!("migrations {versions:?} are pending: run `llmops migrate`"),
        )),
        SchemaState::Newer(versions) => Err(Problem::new(
            ErrorCode::Unavailable,
            format!("the schema is newer than this binary (versions {versions:?})"),
        )),
    }
}

fn node_health(app: &App) -> NodeHealth {
    NodeHealth {
        node_id: app.node().id.clone(),
        database: db::Backend::of(app.pool()).name(),
    }
}
