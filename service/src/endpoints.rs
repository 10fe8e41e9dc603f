//! Model endpoints: list, read, create, replace, and test the connection.

use domain::error::FieldError;
use domain::eval::endpoint::ValidEndpoint;
use domain::eval::{
    connection::ConnectionReport,
    endpoint::{Endpoint, NewEndpoint},
};
use domain::problem::Problem;

use crate::access::audit::{self, Target};
use crate::{App, Caller, Permission};

pub async fn list(caller: &Caller, app: &App) -> Result<Vec<Endpoint>, Problem> {
    caller.require(Permission::View)?;
    Ok(db::endpoints::list(app.pool()).await?)
}

/// By name (or id).
pub async fn get(caller: &Caller, app: &App, name: &str) -> Result<Endpoint, Problem> {
    caller.require(Permission::View)?;
    Ok(db::endpoints::find(app.pool(), name).await?)
}

pub async fn create(caller: &Caller, app: &App, new: NewEndpoint) -> Result<Endpoint, Problem> {
    caller.require(Permission::Administer)?;
    let valid = new.validate()?;
    check_key_binding(app, &valid)?;
    let endpoint = db::endpoints::create(app.pool(), &valid).await?;
    audit::record(
        app,
        caller,
        "endpoint.create",
        Target::new("endpoint", endpoint.id, &endpoint.name),
    )
    .await;
    Ok(endpoint)
}

/// Replaces the endpoint's whole definition; runs already created keep what they pinned.
pub async fn replace(
    caller: &Caller,
    app: &App,
    name: &str,
    new: NewEndpoint,
) -> Result<Endpoint, Problem> {
    caller.require(Permission::Administer)?;
    let valid = new.validate()?;
    check_key_binding(app, &valid)?;
    let endpoint = db::endpoints::update(app.pool(), name, &valid).await?;
    audit::record(
        app,
        caller,
        "endpoint.replace",
        Target::new("endpoint", endpoint.id, &endpoint.name),
    )
    .await;
    Ok(endpoint)
}

/// One small call to the endpoint, reported as it went (a failed call is a report, not an
/// error).
pub async fn test_connection(
    caller: &Caller,
    app: &App,
    name: &str,
) -> Result<ConnectionReport, Problem> {
    caller.require(Permission::Administer)?;
    let endpoint = db::endpoints::find(app.pool(), name).await?;
    Ok(crate::connection::test_connection(app.worker().client(), &endpoint).await)
}

/// An endpoint may name only a key variable the operator bound to its origin.
fn check_key_binding(app: &App, endpoint: &ValidEndpoint) -> Result<(), Problem> {
    match &endpoint.api_key_env {
        Some(var) => app
            .worker()
            .client()
            .keys()
            .check(var, &endpoint.base_url)
            .map_err(|message| FieldError::new("api_key_env", message).into()),
        None => Ok(()),
    }
}
