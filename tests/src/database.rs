//! A fresh database per test, on the backend `LLMOPS_TEST_BACKEND` names: `sqlite` (the
//! default: a file in a temporary directory) or `postgres` (a database of its own on the server
//! at `LLMOPS_TEST_POSTGRES`, default `postgres://postgres@127.0.0.1:5432/postgres`, dropped
//! when the test ends).

use std::path::PathBuf;

use sqlx::{AnyConnection, Connection, Executor, PgConnection};
use tempfile::TempDir;

pub struct TestDatabase {
    /// What `--db` is given.
    pub url: String,
    postgres: Option<PostgresDatabase>,
    _dir: Option<TempDir>,
}

struct PostgresDatabase {
    server: String,
    name: String,
}

impl TestDatabase {
    /// A database on the backend the run was asked for.
    pub fn fresh() -> TestDatabase {
        match std::env::var("LLMOPS_TEST_BACKEND").as_deref() {
            Ok("postgres") => TestDatabase::postgres(),
            Ok("sqlite") | Err(_) => TestDatabase::sqlite(),
            Ok(other) => panic!("LLMOPS_TEST_BACKEND={other:?}: use sqlite or postgres"),
        }
    }

    pub fn sqlite() -> TestDatabase {
        let dir = tempfile::tempdir().expect("a temporary directory can be made");
        let path: PathBuf = dir.path().join("llmops.db");
        TestDatabase {
            url: format!("sqlite://{}?mode=rwc", path.display()),
            postgres: None,
            _dir: Some(dir),
        }
    }

    pub fn postgres() -> TestDatabase {
        let server = std::env::var("LLMOPS_TEST_POSTGRES")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string());
        let name = format!("llmops_system_{}", uuid_like());
        on_own_runtime(admin(server.clone(), format!("CREATE DATABASE {name}")));
        let url = match server.rsplit_once('/') {
            Some((base, _)) => format!("{base}/{name}"),
            None => panic!("LLMOPS_TEST_POSTGRES has no database part: {server}"),
        };
        TestDatabase {
            url,
            postgres: Some(PostgresDatabase { server, name }),
            _dir: None,
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.postgres.is_some()
    }

    /// A connection of the test's own, beside the servers'; parameters are `$1`, `$2`, ...
    pub async fn connect(&self) -> AnyConnection {
        sqlx::any::install_default_drivers();
        let mut conn = AnyConnection::connect(&self.url)
            .await
            .unwrap_or_else(|e| panic!("{} does not open: {e}", self.url));
        if !self.is_postgres() {
            conn.execute("PRAGMA busy_timeout = 10000").await.unwrap();
        }
        conn
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(database) = &self.postgres {
            on_own_runtime(admin(
                database.server.clone(),
                format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", database.name),
            ));
        }
    }
}

async fn admin(server: String, statement: String) {
    let mut conn = PgConnection::connect(&server)
        .await
        .unwrap_or_else(|e| panic!("the PostgreSQL server of the tests ({server}): {e}"));
    conn.execute(statement.as_str())
        .await
        .unwrap_or_else(|e| panic!("{statement}: {e}"));
    conn.close().await.ok();
}

/// Runs `work` to completion on a runtime of its own, so that sync code (start-up, drop) can.
fn on_own_runtime(work: impl std::future::Future<Output = ()> + Send + 'static) {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
            .block_on(work)
    })
    .join()
    .expect("the database administration finished");
}

fn uuid_like() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{nanos:x}{:x}", std::process::id())
}
