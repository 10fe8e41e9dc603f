//! Pages that follow something moving on the server (a run's progress, an experiment's
//! results) refresh themselves on a timer instead of asking for a reload.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

/// Calls `refresh` every `every` while `active()` holds. Timers run only in the browser, so
/// server rendering is unaffected.
pub fn use_live_refresh(
    every: Duration,
    active: impl Fn() -> bool + Send + Sync + 'static,
    refresh: impl Fn() + Send + Sync + 'static,
) {
    let active = Arc::new(active);
    let refresh = Arc::new(refresh);
    Effect::new(move |_| {
        let (active, refresh) = (active.clone(), refresh.clone());
        let handle = set_interval_with_handle(
            move || {
                if active() {
                    refresh();
                }
            },
            every,
        );
        if let Ok(handle) = handle {
            on_cleanup(move || handle.clear());
        }
    });
}
