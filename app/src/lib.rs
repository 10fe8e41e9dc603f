//! The web app: routes, pages and components, rendered on the server and hydrated in the
//! browser, plus the server functions the pages call (`rpc`).

// Leptos views are deeply nested types; release builds need more room than the default.
#![recursion_limit = "512"]

mod components;
mod error;
mod layout;
mod pages;
mod root;
mod rpc;
mod shell;

pub use error::AppError;
pub use root::App;
pub use shell::shell;
