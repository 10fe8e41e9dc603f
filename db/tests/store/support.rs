//! A fresh database per test on either backend.
//!
//! PostgreSQL tests create a database of their own on the server at `LLMOPS_TEST_POSTGRES`
//! (default `postgres://postgres@127.0.0.1:5432/postgres`) and drop it afterwards, whether the
//! test passed or not.

use std::{future::Future, path::Path};

use db::{DatabaseUrl, Pool};
use sqlx::{Connection, PgConnection};
use uuid::Uuid;

/// Runs `test` (an `async fn(Pool)`) as two tests, `<name>::sqlite` and `<name>::postgres`.
macro_rules! on_both {
    ($test:ident) => {
        mod $test {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::support::on_sqlite(super::$test).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::support::on_postgres(super::$test).await
            }
        }
    };
}

pub async fn on_sqlite<F, Fut>(test: F)
where
    F: FnOnce(Pool) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let path = std::env::temp_dir().join(format!("llmops-store-{}.db", Uuid::now_v7()));
    let pool = db::store::connect(&DatabaseUrl::sqlite_file(&path))
        .await
        .expect("open a fresh SQLite file");
    let outcome = tokio::spawn(test(pool.clone())).await;
    pool.close().await;
    remove_sqlite(&path);
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
}

pub async fn on_postgres<F, Fut>(test: F)
where
    F: FnOnce(Pool) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let server = std::env::var("LLMOPS_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string());
    let name = format!("llmops_test_{}", Uuid::new_v4().simple());
    let mut admin = PgConnection::connect(&server)
        .await
        .expect("reach the PostgreSQL server of the tests");
    sqlx::raw_sql(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("create a test database");
    let url: DatabaseUrl = database_url(&server, &name).parse().unwrap();
    let pool = db::store::connect(&url)
        .await
        .expect("migrate the test database");
    let outcome = tokio::spawn(test(pool.clone())).await;
    pool.close().await;
    sqlx::raw_sql(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .expect("drop the test database");
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
}

/// `server` with its database replaced by `name`.
fn database_url(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (server, String::new()),
    };
    let authority_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    format!("{base}/{name}{query}")
}

fn remove_sqlite(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}
