//! Compiled prompt versions kept in memory for rendering (the REST render, the preview and
//! experiment serving). Versions are immutable, so an entry never goes stale; the map is
//! bounded so memory stays flat however many exist.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use domain::prompt::{
    record::PromptVersion,
    render::{CompiledPrompt, RenderError},
};
use uuid::Uuid;

/// Entries kept before the cache starts over; far more than the versions a service renders.
const CAPACITY: usize = 1024;

#[derive(Default)]
pub struct PromptCache {
    entries: Mutex<HashMap<Uuid, Arc<CompiledPrompt>>>,
}

impl PromptCache {
    pub fn get_or_compile(
        &self,
        version: &PromptVersion,
    ) -> Result<Arc<CompiledPrompt>, RenderError> {
        if let Some(hit) = self.lock().get(&version.id) {
            return Ok(hit.clone());
        }
        let compiled = Arc::new(CompiledPrompt::compile(
            version.template.clone(),
            version.variables.clone(),
        )?);
        let mut entries = self.lock();
        if entries.len() >= CAPACITY {
            entries.clear();
        }
        entries.insert(version.id, compiled.clone());
        Ok(compiled)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, Arc<CompiledPrompt>>> {
        // A panic while holding the lock cannot leave the map half-updated, so poison is moot.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
