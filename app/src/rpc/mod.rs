//! Server functions: thin calls from the pages into the store and the domain. Their bodies run
//! only on the server; the browser gets a typed HTTP call under /rpc.

pub mod dashboard;
pub mod prompts;

#[cfg(feature = "ssr")]
fn pool() -> Result<db::SqlitePool, crate::AppError> {
    use domain::problem::Problem;
    leptos::prelude::use_context::<db::SqlitePool>().ok_or_else(|| {
        tracing::error!("the database pool was not provided to the server function");
        crate::AppError(Problem::internal())
    })
}
