//! Building the server from its configuration and running it until a signal stops it.

use std::{net::SocketAddr, sync::Arc};

use axum::{Router, extract::FromRef};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use thiserror::Error;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::{api, cli::ServeConfig, experiment_cache::ExperimentCache, prompt_cache::PromptCache};

/// What every handler can reach: the database and the settings Leptos renders with.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub pool: db::SqlitePool,
    pub leptos_options: LeptosOptions,
    pub limits: Arc<Limits>,
    pub prompt_cache: Arc<PromptCache>,
    /// Experiment definitions and the exposure writer of the assignment endpoints.
    pub experiments: Arc<ExperimentCache>,
    pub worker: runner::Worker,
    /// Fires schedules, checks scheduled runs, posts their webhooks.
    pub scheduler: runner::Scheduler,
}

#[derive(Debug)]
pub struct Limits {
    pub max_body_bytes: usize,
}

#[derive(Debug, Error)]
pub enum StartupError {
    #[error("could not open the database {path}: {source}")]
    Database {
        path: String,
        #[source]
        source: db::DbError,
    },
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("--public-url {url:?} {reason}")]
    PublicUrl { url: String, reason: String },
    #[error("the server failed: {0}")]
    Serve(#[source] std::io::Error),
}

/// A server bound to its port, ready to run.
pub struct Server {
    listener: TcpListener,
    router: Router,
    worker: tokio::task::JoinHandle<()>,
    scheduler: tokio::task::JoinHandle<()>,
    /// Writes queued experiment exposures; drains the queue when `stop_worker` is cancelled.
    exposure_writer: tokio::task::JoinHandle<()>,
    stop_worker: CancellationToken,
}

impl Server {
    pub async fn build(config: ServeConfig) -> Result<Server, StartupError> {
        let pool =
            db::pool::connect(&config.db)
                .await
                .map_err(|source| StartupError::Database {
                    path: config.db.display().to_string(),
                    source,
                })?;
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
            .build();
        let stop_worker = CancellationToken::new();
        let (worker, worker_task) = runner::Worker::start(pool.clone(), stop_worker.clone());
        let (scheduler, scheduler_task) = runner::Scheduler::start(
            pool.clone(),
            worker.clone(),
            Arc::new(runner::scheduler::SystemClock),
            public_url,
            stop_worker.clone(),
        );
        let (experiments, exposure_writer) =
            ExperimentCache::start(pool.clone(), stop_worker.clone());
        let experiments = Arc::new(experiments);
        let state = AppState {
            pool,
            experiments,
            worker,
            scheduler,
            leptos_options,
            limits: Arc::new(Limits {
                max_body_bytes: config.max_body_bytes,
            }),
            prompt_cache: Arc::default(),
        };
        Ok(Server {
            listener,
            router: router(state),
            worker: worker_task,
            scheduler: scheduler_task,
            exposure_writer,
            stop_worker,
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until a signal; then stops the worker, whose unfinished runs stay running in
    /// the store and resume on the next start, and the scheduler.
    pub async fn run_until_stopped(self) -> Result<(), StartupError> {
        let served = axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(StartupError::Serve);
        self.stop_worker.cancel();
        if let Err(error) = self.worker.await {
            tracing::error!(%error, "the worker stopped abnormally");
        }
        if let Err(error) = self.scheduler.await {
            tracing::error!(%error, "the scheduler stopped abnormally");
        }
        if let Err(error) = self.exposure_writer.await {
            tracing::error!(%error, "the exposure writer stopped abnormally");
        }
        served
    }
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
    let pool = state.pool.clone();
    let worker = state.worker.clone();
    let scheduler = state.scheduler.clone();
    let provide_pool = move || {
        provide_context(pool.clone());
        provide_context(worker.clone());
        provide_context(scheduler.clone());
    };
    let shell_options = state.leptos_options.clone();
    Router::new()
        .nest("/api/v1", api::router(state.clone()))
        .leptos_routes_with_context(&state, routes, provide_pool.clone(), move || {
            app::shell(shell_options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            provide_pool,
            app::shell,
        ))
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
