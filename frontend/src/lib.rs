//! The browser entry point: hydrates the server-rendered page, nothing else.

// Leptos views are deeply nested types; release builds need more room than the default.
#![recursion_limit = "512"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
