//! What a node keeps in memory for access control: working API keys by hash (so the hot
//! paths never touch the database for them), the sign-in throttle, and the one-time setup
//! code while the server has no account.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::throttle::LoginThrottle;
use crate::Caller;

/// How long a key's lookup is trusted. A change made on this node (a revocation, a disabled
/// or demoted creator) empties the cache at once; one made on another node takes effect here
/// within this time.
pub(crate) const KEY_CACHE_TTL: Duration = Duration::from_secs(1);

#[derive(Default)]
pub(crate) struct AccessState {
    keys: Mutex<HashMap<String, (Caller, Instant)>>,
    pub(crate) throttle: LoginThrottle,
    setup_code: Mutex<Option<String>>,
}

impl AccessState {
    pub(crate) fn cached_key(&self, secret_hash: &str) -> Option<Caller> {
        let keys = self
            .keys
            .lock()
            .expect("the key cache lock is not poisoned");
        keys.get(secret_hash)
            .filter(|(_, loaded)| loaded.elapsed() < KEY_CACHE_TTL)
            .map(|(caller, _)| caller.clone())
    }

    pub(crate) fn cache_key(&self, secret_hash: String, caller: Caller) {
        let mut keys = self
            .keys
            .lock()
            .expect("the key cache lock is not poisoned");
        keys.retain(|_, (_, loaded)| loaded.elapsed() < KEY_CACHE_TTL);
        keys.insert(secret_hash, (caller, Instant::now()));
    }

    /// Forgets every cached key: after any change to keys or accounts.
    pub(crate) fn forget_keys(&self) {
        self.keys
            .lock()
            .expect("the key cache lock is not poisoned")
            .clear();
    }

    pub(crate) fn set_setup_code(&self, code: Option<String>) {
        *self
            .setup_code
            .lock()
            .expect("the setup lock is not poisoned") = code;
    }

    /// Takes the setup code if `offered` is it (compared in constant time).
    pub(crate) fn take_setup_code(&self, offered: &str) -> bool {
        let mut code = self
            .setup_code
            .lock()
            .expect("the setup lock is not poisoned");
        let matches = code
            .as_deref()
            .is_some_and(|code| constant_time_eq(code.as_bytes(), offered.as_bytes()));
        if matches {
            *code = None;
        }
        matches
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
