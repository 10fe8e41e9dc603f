//! The lock that lets a test have the machine to itself.
//!
//! Every test holds it while it runs: the many that can share the machine as readers, and the
//! few that must have it to themselves as the writer (the real model server, and the server
//! killed in the middle of a run, whose timing a busy machine would change). They ran alone
//! when each file was a test binary of its own; in one binary, tests run on parallel threads.
//! Fair: once a writer waits, readers that come later wait behind it.

use tokio::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

static MACHINE: RwLock<()> = RwLock::const_new(());

/// For a test that can run beside others. Hold the guard for the whole test.
pub async fn shared() -> RwLockReadGuard<'static, ()> {
    MACHINE.read().await
}

/// For a test that must run with no other test beside it. Hold the guard for the whole test.
pub async fn whole() -> RwLockWriteGuard<'static, ()> {
    MACHINE.write().await
}
