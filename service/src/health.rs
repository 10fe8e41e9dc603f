//! Health: the process is up and the database answers.

use domain::problem::Problem;

use crate::{App, Caller, Permission};

pub async fn check(caller: &Caller, app: &App) -> Result<(), Problem> {
    caller.require(Permission::View)?;
    Ok(db::pool::ping(app.pool()).await?)
}
