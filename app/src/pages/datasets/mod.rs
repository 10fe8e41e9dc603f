//! The dataset pages: the list, the creation form, and the dataset page with its samples,
//! version history, sample editor, import and export.

mod history;
mod import;
pub mod list;
pub mod new_dataset;
mod sample_form;
mod samples_table;
pub mod show;

use domain::{
    dataset::kind::DatasetType,
    problem::{ErrorCode, Problem},
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::AppError;

/// The `:id` segment of the current route, as written in the address.
fn id_param() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").unwrap_or_default())
}

/// An id that is not a UUID names no dataset, so it is answered like an unknown one: a 404, as
/// the REST API does for an id in a URL that cannot be parsed.
fn parse_id(raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw).map_err(|_| {
        AppError(
            Problem::new(
                ErrorCode::NotFound,
                format!("dataset `{raw}` was not found"),
            )
            .with_field("dataset", "not found"),
        )
    })
}

/// The badge of a dataset type; each type keeps one colour on every page.
fn type_badge(kind: DatasetType) -> impl IntoView {
    let colour = match kind {
        DatasetType::Golden => "badge-success",
        DatasetType::Regression => "badge-warning",
        DatasetType::Benchmark => "badge-info",
        DatasetType::User => "badge-neutral",
    };
    view! { <span class=format!("badge {colour}") data-type=kind.as_str()>{kind.as_str()}</span> }
}
