//! Prompts: their names, versions, labels, templates, model settings, rendering and diffs.

pub mod compare;
pub mod diff;
pub mod draft;
mod engine;
pub mod label;
pub mod limits;
pub mod model_config;
pub mod name;
pub mod new_prompt;
mod output;
pub mod parameters;
pub mod record;
pub mod render;
pub mod selector;
pub mod template;
pub mod variables;
pub mod version;
