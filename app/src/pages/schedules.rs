//! Scheduled runs: when each fires next, how its last run went (with the regression check and
//! the webhook delivery), and enable/disable, run now, delete.

use std::time::Duration;

use domain::access::Role;
use domain::schedule::{
    Schedule, ScheduledRun,
    delivery::{DeliveryStatus, WebhookDelivery},
};
use leptos::prelude::*;

use crate::components::can::IfCan;
use leptos_meta::Title;

use crate::{
    AppError,
    components::{
        alerts::ProblemAlert, empty_state::EmptyState, live::use_live_refresh,
        page_header::PageHeader, resource_list::ResourceList, time::when,
    },
    rpc::schedules::{DeleteSchedule, RunScheduleNow, SetScheduleEnabled, list_schedules},
};

const REFRESH: Duration = Duration::from_secs(5);

#[derive(Clone, Copy)]
struct Actions {
    toggle: ServerAction<SetScheduleEnabled>,
    run_now: ServerAction<RunScheduleNow>,
    delete: ServerAction<DeleteSchedule>,
}

#[component]
pub fn ScheduleList() -> impl IntoView {
    let actions = Actions {
        toggle: ServerAction::new(),
        run_now: ServerAction::new(),
        delete: ServerAction::new(),
    };
    let schedules: Resource<Result<Vec<Schedule>, AppError>> = Resource::new(
        move || {
            (
                actions.toggle.version().get(),
                actions.run_now.version().get(),
                actions.delete.version().get(),
            )
        },
        |_| list_schedules(),
    );
    use_live_refresh(
        REFRESH,
        move || {
            schedules
                .get_untracked()
                .and_then(Result::ok)
                .is_some_and(|list| !list.is_empty())
        },
        move || schedules.refetch(),
    );
    let error = Signal::derive(move || {
        actions
            .toggle
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| actions.run_now.value().get().and_then(Result::err))
            .or_else(|| actions.delete.value().get().and_then(Result::err))
    });
    view! {
        <Title text="Schedules" />
        <PageHeader title="Schedules" subtitle="Runs on a cron schedule (UTC), each compared with the previous completed run of its schedule; a regression can call a webhook.">
            <IfCan role=Role::Editor><a class="btn btn-primary" href="/evaluations/new?schedule=1" id="new-schedule">"New schedule"</a></IfCan>
        </PageHeader>
        {move || error.get().map(|e| view! { <ProblemAlert problem=e.0 /> })}
        <ResourceList
            resource=schedules
            empty=|| view! {
                <EmptyState
                    title="No schedules yet"
                    detail="A schedule runs a dataset (its latest version or a pinned one) through a prompt (its active version or a pinned one) on a cron schedule, and flags regressions."
                >
                    <IfCan role=Role::Editor><a class="btn btn-primary" href="/evaluations/new?schedule=1">"Schedule a run"</a></IfCan>
                </EmptyState>
            }
            let:list
        >
            <ScheduleTable schedules=list actions />
        </ResourceList>
    }
}

#[component]
fn ScheduleTable(schedules: Vec<Schedule>, actions: Actions) -> impl IntoView {
    view! {
        <section class="card">
            <div class="card-body flush table-wrap">
                <table class="table" id="schedule-table">
                    <thead>
                        <tr>
                            <th>"Schedule"</th>
                            <th>"Runs"</th>
                            <th>"Next fire"</th>
                            <th>"Last outcome"</th>
                            <th>"Webhook"</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        {schedules.into_iter().map(|s| view! { <ScheduleRow schedule=s actions /> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn ScheduleRow(schedule: Schedule, actions: Actions) -> impl IntoView {
    let id = schedule.id;
    let enabled = schedule.enabled;
    let definition = format!(
        "{} {} · {} {} · {}",
        schedule.dataset,
        schedule
            .dataset_version
            .map_or("latest".to_owned(), |v| format!("v{v}")),
        schedule.prompt_name,
        schedule
            .prompt_version
            .clone()
            .unwrap_or_else(|| "active".to_owned()),
        schedule.endpoint,
    );
    view! {
        <tr data-schedule=schedule.name.clone() data-enabled=enabled.to_string()>
            <td>
                <span class="cell-main">{schedule.name.clone()}</span>
                <span class="cell-sub"><code>{schedule.cron.clone()}</code>" UTC"</span>
            </td>
            <td class="small">
                {definition}
                {schedule.min_pass_rate.map(|r| view! { <span class="cell-sub">{format!("minimum pass rate {:.0}%", r * 100.0)}</span> })}
            </td>
            <td class="nowrap next-fire">
                {match (enabled, schedule.next_fire_at) {
                    (false, _) => view! { <span class="badge badge-neutral">"disabled"</span> }.into_any(),
                    (true, Some(at)) => view! { <span>{when(&at)}</span> }.into_any(),
                    (true, None) => view! { <span class="muted">"never"</span> }.into_any(),
                }}
            </td>
            <td class="last-outcome">
                {schedule.last_run.map(last_run)}
                {schedule.last_error.map(|e| view! { <span class="cell-sub text-danger">{e}</span> })}
                {schedule.last_fired_at.is_none().then(|| view! { <span class="muted small">"not fired yet"</span> })}
            </td>
            <td class="webhook">
                {match (&schedule.webhook_url, schedule.last_delivery) {
                    (None, _) => view! { <span class="muted small">"none"</span> }.into_any(),
                    (Some(_), None) => view! { <span class="muted small">"nothing sent yet"</span> }.into_any(),
                    (Some(_), Some(delivery)) => delivery_badge(delivery).into_any(),
                }}
            </td>
            <td class="num nowrap">
                <button class="btn btn-secondary btn-sm" data-action="run-now" on:click=move |_| { actions.run_now.dispatch(RunScheduleNow { id }); }>"Run now"</button>
                " "
                <button class="btn btn-secondary btn-sm" data-action="toggle" on:click=move |_| { actions.toggle.dispatch(SetScheduleEnabled { id, enabled: !enabled }); }>
                    {if enabled { "Disable" } else { "Enable" }}
                </button>
                " "
                <button class="btn btn-danger-ghost btn-sm" data-action="delete" on:click=move |_| { actions.delete.dispatch(DeleteSchedule { id }); }>"Delete"</button>
            </td>
        </tr>
    }
}

fn last_run(run: ScheduledRun) -> impl IntoView {
    let check = run.check.clone();
    view! {
        <a class="cell-main" href=format!("/evaluations/{}", run.id)>{run.name.clone()}</a>
        <span class="row">
            <span class="badge badge-neutral" data-status=run.status.as_str()>{run.status.as_str()}</span>
            {run.pass_rate.map(|r| view! { <span class="small">{format!("{:.1}%", r * 100.0)}</span> })}
            {check.as_ref().map(|check| if check.regression {
                view! { <span class="badge badge-danger" data-check="regression" title=check.reasons.join("\n")>"regression"</span> }.into_any()
            } else {
                view! { <span class="badge badge-success" data-check="ok">"ok"</span> }.into_any()
            })}
            {check.and_then(|c| c.previous_run_id.map(|previous| view! {
                <a class="small" href=format!("/evaluations/compare?base={previous}&candidate={}", run.id)>"compare"</a>
            }))}
        </span>
    }
}

fn delivery_badge(delivery: WebhookDelivery) -> impl IntoView {
    let (class, label) = match delivery.status {
        DeliveryStatus::Delivered => ("badge badge-success", "delivered"),
        DeliveryStatus::Pending => ("badge badge-info", "retrying"),
        DeliveryStatus::Failed => ("badge badge-danger", "failed"),
    };
    let detail = match (delivery.response_status, &delivery.error) {
        (_, Some(error)) => error.clone(),
        (Some(code), None) => format!("HTTP {code}"),
        (None, None) => String::new(),
    };
    view! {
        <span class=class data-delivery=delivery.status.as_str()>{label}</span>
        <span class="cell-sub">{format!("{} attempt{} {detail}", delivery.attempts, if delivery.attempts == 1 { "" } else { "s" })}</span>
    }
}
