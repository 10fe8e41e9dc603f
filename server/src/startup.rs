//! Building the server from its configuration and running it until a signal stops it.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::{Router, extract::FromRef};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use service::BackgroundTasks;
use thiserror::Error;
use tokio::net::TcpListener;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::guard::{AllowedHosts, GuardSettings};
use crate::{api, cli::ServeConfig, delivery};

/// What every handler can reach: the service layer's application state (the same one the
/// server functions get) and the settings Leptos renders with.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub app: service::App,
    pub leptos_options: LeptosOptions,
    pub limits: Arc<Limits>,
    pub guard: Arc<GuardSettings>,
}

#[derive(Debug)]
pub struct Limits {
    pub max_body_bytes: usize,
}

#[derive(Debug, Error)]
pub enum StartupError {
    #[error("could not open the database {url}: {source}")]
    Database {
        url: db::DatabaseUrl,
        #[source]
        source: db::DbError,
    },
    #[error(
        "the database {url} needs migrations {versions:?} first: run `llmops migrate` (or start \
         with --migrate)"
    )]
    MigrationsPending {
        url: db::DatabaseUrl,
        versions: Vec<i64>,
    },
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("--public-url {url:?} {reason}")]
    PublicUrl { url: String, reason: String },
    #[error(
        "refusing to listen on {addr} without --public-url: set the URL users reach the \
         server at, so that it can refuse requests for other host names"
    )]
    PublicUrlNeeded { addr: SocketAddr },
    #[error("could not set up access: {0}")]
    Access(domain::problem::Problem),
    #[error("{0}")]
    KeyEnv(String),
    #[error("the server failed: {0}")]
    Serve(#[source] std::io::Error),
}

/// A server bound to its port, ready to run.
pub struct Server {
    listener: TcpListener,
    router: Router,
    background: BackgroundTasks,
}

impl Server {
    pub async fn build(config: ServeConfig) -> Result<Server, StartupError> {
        if !config.addr.ip().is_loopback() && config.public_url.is_none() {
            return Err(StartupError::PublicUrlNeeded { addr: config.addr });
        }
        let key_bindings =
            service::client::KeyBindings::parse(&config.key_env).map_err(StartupError::KeyEnv)?;
        let pool = open_database(&config).await?;
        let setup_code = service::access::operator::initialize(
            &pool,
            service::access::operator::InitialAccess {
                admin_email: given(&config.init.init_admin_email),
                admin_password: given(&config.init.init_admin_password),
                api_key: given(&config.init.init_api_key),
            },
        )
        .await
        .map_err(StartupError::Access)?;
        let listener =
            TcpListener::bind(config.addr)
                .await
                .map_err(|source| StartupError::Bind {
                    addr: config.addr,
                    source,
                })?;
        let local_addr = listener.local_addr().map_err(StartupError::Serve)?;
        let public_url = public_url(config.public_url.as_deref(), local_addr)?;
        let leptos_options = LeptosOptions::builder()
            .output_name(env!("LEPTOS_OUTPUT_NAME"))
            .site_root(config.site_root.display().to_string())
            .site_pkg_dir("pkg")
            .site_addr(local_addr)
            .hash_files(delivery::site_is_hashed())
            .build();
        let node = service::NodeIdentity {
            id: config.node_id.clone().unwrap_or_else(default_node_id),
            run_lease: Duration::from_secs(config.run_lease_secs),
        };
        tracing::info!(node = %node.id, database = %config.db, "starting");
        if let Some(code) = &setup_code {
            // Printed, not logged: it is a credential until used, as Jupyter prints its token.
            eprintln!(
                "\nllmops has no account yet. Create the owner's at:\n\n    {public_url}/setup?code={code}\n"
            );
        }
        let guard = GuardSettings {
            hosts: AllowedHosts::new(config.public_url.as_deref()),
        };
        let settings = service::AppSettings {
            public_url,
            node,
            database: config.db.clone(),
            setup_code,
            key_bindings,
        };
        let (app, background) =
            service::App::start(pool, Arc::new(service::clock::SystemClock), settings);
        let state = AppState {
            app,
            leptos_options,
            limits: Arc::new(Limits {
                max_body_bytes: config.max_body_bytes,
            }),
            guard: Arc::new(guard),
        };
        Ok(Server {
            listener,
            router: router(state),
            background,
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until a signal; then stops the worker, whose unfinished runs stay running in
    /// the store and resume on the next start, and the scheduler.
    pub async fn run_until_stopped(self) -> Result<(), StartupError> {
        let router = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        let served = axum::serve(self.listener, router)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(StartupError::Serve);
        self.background.stop().await;
        served
    }
}

/// Opens the database as this node needs it: migrated (SQLite always; PostgreSQL with
/// `--migrate`) and never on a schema newer than this binary.
async fn open_database(config: &ServeConfig) -> Result<db::Pool, StartupError> {
    let url = &config.db;
    let failed = |source| StartupError::Database {
        url: url.clone(),
        source,
    };
    let mut settings = db::store::PoolSettings::for_backend(url.backend());
    if let Some(size) = config.db_pool_size {
        settings.max_connections = size.max(2);
    }
    let pool = db::store::connect_without_migrating(url, settings)
        .await
        .map_err(failed)?;
    if url.backend() == db::Backend::Sqlite || config.migrate {
        db::store::migrate(&pool).await.map_err(failed)?;
        return Ok(pool);
    }
    require_current_schema(&pool, url).await?;
    Ok(pool)
}

/// Ok when the database's schema is exactly the one this binary knows.
pub async fn require_current_schema(
    pool: &db::Pool,
    url: &db::DatabaseUrl,
) -> Result<(), StartupError> {
    let failed = |source| StartupError::Database {
        url: url.clone(),
        source,
    };
    match db::store::schema_state(pool).await.map_err(failed)? {
        db::store::SchemaState::Current => Ok(()),
        db::store::SchemaState::Pending(versions) => Err(StartupError::MigrationsPending {
            url: url.clone(),
            versions,
        }),
        db::store::SchemaState::Newer(versions) => {
            Err(failed(db::DbError::SchemaNewer { versions }))
        }
    }
}

/// A setting's value unless it is unset or empty (`LLMOPS_INIT_API_KEY=` means none).
fn given(value: &Option<String>) -> Option<String> {
    value.clone().filter(|v| !v.trim().is_empty())
}

/// `host-pid`: unique among the nodes of a deployment, and readable in logs.
fn default_node_id() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "node".to_string());
    format!("{host}-{}", std::process::id())
}

pub async fn serve(config: ServeConfig) -> Result<(), StartupError> {
    let server = Server::build(config).await?;
    let addr = server.local_addr().map_err(StartupError::Serve)?;
    // Tests and scripts read this line to learn the port when they asked for port 0.
    println!("listening on http://{addr}");
    tracing::info!(%addr, "llmops is serving");
    server.run_until_stopped().await?;
    tracing::info!("llmops stopped");
    Ok(())
}

fn router(state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    let app = state.app.clone();
    let provide_app = move || provide_context(app.clone());
    let shell_options = state.leptos_options.clone();
    Router::new()
        .nest("/api/v1", api::router(state.clone()))
        .leptos_routes_with_context(&state, routes, provide_app.clone(), move || {
            app::shell(shell_options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            provide_app,
            app::shell,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::guard::guard,
        ))
        .layer(axum::middleware::from_fn(delivery::cache_control))
        .layer(delivery::compression())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// The public URL as configured (checked like a webhook URL, without a trailing slash), or
/// `http://` and the bound address.
fn public_url(configured: Option<&str>, bound: SocketAddr) -> Result<String, StartupError> {
    let Some(url) = configured.map(str::trim).filter(|url| !url.is_empty()) else {
        return Ok(format!("http://{bound}"));
    };
    domain::schedule::check_webhook_url(url).map_err(|reason| StartupError::PublicUrl {
        url: url.to_owned(),
        reason,
    })?;
    Ok(url.trim_end_matches('/').to_owned())
}

async fn shutdown_signal() {
    let interrupt = async {
        tokio::signal::ctrl_c()
            .await
            .expect("the Ctrl-C handler can be installed");
    };
    let terminate = async {
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("the SIGTERM handler can be installed")
            .recv()
            .await;
    };
    tokio::select! {
        () = interrupt => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
