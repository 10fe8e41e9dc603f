//! Signing in, the first account's setup, and the admin's pages: accounts, API keys and the
//! audit log.

mod api_keys;
mod audit;
mod sign_in;
mod users;

pub use api_keys::ApiKeysPage;
pub use audit::AuditPage;
pub use sign_in::{SetupPage, SignInPage};
pub use users::UsersPage;

/// A local path to go to after signing in; anything else (another site, `//host`) is home.
pub(crate) fn local_path(next: Option<String>) -> String {
    next.filter(|path| path.starts_with('/') && !path.starts_with("//") && !path.contains('\\'))
        .unwrap_or_else(|| "/".to_owned())
}

/// A full page load of `path`, so that everything on it is drawn for the new session.
pub(crate) fn load(path: &str) {
    if let Some(window) = web_sys_window() {
        let _ = window.location().set_href(path);
    }
}

fn web_sys_window() -> Option<leptos::web_sys::Window> {
    #[cfg(not(feature = "ssr"))]
    {
        Some(leptos::prelude::window())
    }
    #[cfg(feature = "ssr")]
    {
        None
    }
}
