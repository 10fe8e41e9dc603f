//! The HTML document around the app: head tags, the hydration scripts, the stylesheet (both
//! under their content-hashed names when the build hashed them).

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HashedStylesheet options=options.clone() id="llmops" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <crate::App />
            </body>
        </html>
    }
}
