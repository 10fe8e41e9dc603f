//! Schedules: list, read, create, enable or disable, delete, run now, and a schedule's runs
//! and webhook deliveries. Changes go through the scheduler so that it hears of them at once;
//! times are the scheduler's clock.

use domain::eval::record::Run;
use domain::page::{PageBounds, PageRequest};
use domain::problem::Problem;
use domain::schedule::{NewSchedule, Schedule, WebhookDelivery};
use uuid::Uuid;

use crate::access::audit::{self, Target};
use crate::scheduler::create_schedule;
use crate::{App, Caller, Permission};

/// Runs or deliveries of a schedule in one list when the caller does not say, and at most.
pub const SCHEDULE_LISTS: PageBounds = PageBounds::new(50, 1000);

/// Every schedule, newest first.
pub async fn list(caller: &Caller, app: &App) -> Result<Vec<Schedule>, Problem> {
    caller.require(Permission::View)?;
    let scheduler = app.scheduler();
    Ok(db::schedules::list(app.pool(), scheduler.now()).await?)
}

pub async fn get(caller: &Caller, app: &App, id: Uuid) -> Result<Schedule, Problem> {
    caller.require(Permission::View)?;
    Ok(db::schedules::get(app.pool(), id, app.scheduler().now()).await?)
}

/// Checks the schedule as a run is checked, stores it, and wakes the scheduler.
pub async fn create(caller: &Caller, app: &App, new: NewSchedule) -> Result<Schedule, Problem> {
    caller.require(Permission::Edit)?;
    let scheduler = app.scheduler();
    let schedule = create_schedule(app.pool(), new, scheduler.now()).await?;
    scheduler.wake();
    audit::record(
        app,
        caller,
        "schedule.create",
        Target::new("schedule", schedule.id, &schedule.name),
    )
    .await;
    Ok(schedule)
}

/// Enabled again, a schedule fires from its next tick on (missed ticks are not caught up).
pub async fn set_enabled(
    caller: &Caller,
    app: &App,
    id: Uuid,
    enabled: bool,
) -> Result<Schedule, Problem> {
    caller.require(Permission::Edit)?;
    let scheduler = app.scheduler();
    let schedule = db::schedules::set_enabled(app.pool(), id, enabled, scheduler.now()).await?;
    scheduler.wake();
    let operation = if enabled {
        "schedule.enable"
    } else {
        "schedule.disable"
    };
    audit::record(
        app,
        caller,
        operation,
        Target::new("schedule", schedule.id, &schedule.name),
    )
    .await;
    Ok(schedule)
}

/// Deletes a schedule and its pending deliveries; its runs stay.
pub async fn delete(caller: &Caller, app: &App, id: Uuid) -> Result<(), Problem> {
    caller.require(Permission::Edit)?;
    // Its name for the audit log, read first: once deleted it is gone. A failed read does not
    // stop the deletion (which reports a missing schedule itself); the entry shows the id.
    let name = match db::schedules::get(app.pool(), id, app.scheduler().now()).await {
        Ok(schedule) => schedule.name,
        Err(_) => id.to_string(),
    };
    db::schedules::delete(app.pool(), id).await?;
    audit::record(
        app,
        caller,
        "schedule.delete",
        Target::new("schedule", id, &name),
    )
    .await;
    Ok(())
}

/// Starts a run of the schedule now, unless its previous run is unfinished (409).
pub async fn run_now(caller: &Caller, app: &App, id: Uuid) -> Result<Run, Problem> {
    caller.require(Permission::Edit)?;
    let scheduler = app.scheduler();
    let run = scheduler.run_now(id, scheduler.now()).await?;
    audit::record(
        app,
        caller,
        "schedule.run_now",
        Target::new("run", run.id, &run.name),
    )
    .await;
    Ok(run)
}

/// The schedule's runs, newest first.
pub async fn runs(
    caller: &Caller,
    app: &App,
    id: Uuid,
    page: PageRequest,
) -> Result<Vec<Run>, Problem> {
    caller.require(Permission::View)?;
    let limit = page.first_page(SCHEDULE_LISTS)?;
    db::schedules::get(app.pool(), id, app.scheduler().now()).await?;
    Ok(db::schedules::runs(app.pool(), id, limit).await?)
}

/// The schedule's webhook deliveries, newest first.
pub async fn deliveries(
    caller: &Caller,
    app: &App,
    id: Uuid,
    page: PageRequest,
) -> Result<Vec<WebhookDelivery>, Problem> {
    caller.require(Permission::View)?;
    let limit = page.first_page(SCHEDULE_LISTS)?;
    db::schedules::get(app.pool(), id, app.scheduler().now()).await?;
    Ok(db::schedules::deliveries(app.pool(), id, limit).await?)
}
