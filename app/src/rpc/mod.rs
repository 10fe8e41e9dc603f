//! Server functions: the pages' door into the service layer. Each parses its arguments, calls
//! its one service function with the caller, and maps the result; its body runs only on the
//! server, and the browser gets a typed HTTP call at a fixed path, `/rpc/{function name}`.

pub mod access;
pub mod compare;
#[cfg(feature = "ssr")]
mod comparison_view;
pub mod dashboard;
pub mod datasets;
pub mod evaluations;
#[cfg(feature = "ssr")]
mod experiment_charts;
pub mod experiments;
pub mod prompts;
pub mod schedules;
#[cfg(feature = "ssr")]
mod shared_view;
pub mod shares;

/// The application state the server provides to every server function.
#[cfg(feature = "ssr")]
fn app() -> Result<service::App, crate::AppError> {
    use domain::problem::Problem;
    leptos::prelude::use_context::<service::App>().ok_or_else(|| {
        tracing::error!("the application state was not provided to the server function");
        crate::AppError(Problem::internal())
    })
}

/// Who calls, as the server's guard established it from the session cookie or API key; a
/// stranger when the request carried neither.
#[cfg(feature = "ssr")]
fn caller() -> service::Caller {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<service::Caller>().cloned())
        .unwrap_or_else(service::Caller::anonymous)
}

/// Runs a server function's body and gives a failure the HTTP status its problem calls for
/// (404, 409, 422, ...) instead of the 500 Leptos sends for every error by default.
#[cfg(feature = "ssr")]
async fn respond<T>(
    body: impl Future<Output = Result<T, crate::AppError>>,
) -> Result<T, crate::AppError> {
    let result = body.await;
    if let Err(error) = &result
        && let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
    {
        let status = http::StatusCode::from_u16(error.0.code.http_status())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        response.set_status(status);
    }
    result
}
