//! The prompt pages: list, prompt page, version page, editor, diff and render preview.

pub mod diff;
mod editor;
mod labels;
pub mod list;
pub mod new_prompt;
pub mod new_version;
mod preview;
pub mod show;
pub mod version;
mod versions_table;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:name` segment of the current route.
fn name_param() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("name").unwrap_or_default())
}
