//! One semaphore per endpoint, shared by every run that calls it, so an endpoint's
//! `max_concurrency` holds however many runs use it at once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::Semaphore;
use uuid::Uuid;

#[derive(Default)]
pub struct EndpointPermits {
    semaphores: Mutex<HashMap<Uuid, (u32, Arc<Semaphore>)>>,
}

impl EndpointPermits {
    /// The endpoint's semaphore; a changed limit takes effect for calls that start after it.
    pub fn get(&self, endpoint: Uuid, max_concurrency: u32) -> Arc<Semaphore> {
        let mut semaphores = self.semaphores.lock().expect("not poisoned");
        let entry = semaphores.entry(endpoint).or_insert_with(|| {
            (
                max_concurrency,
                Arc::new(Semaphore::new(max_concurrency as usize)),
            )
        });
        if entry.0 != max_concurrency {
            *entry = (
                max_concurrency,
                Arc::new(Semaphore::new(max_concurrency as usize)),
            );
        }
        entry.1.clone()
    }
}
