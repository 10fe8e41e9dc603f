//! A webhook receiver on 127.0.0.1: answers with scripted statuses (the last one repeats) and
//! records every request it gets.

use std::sync::{Arc, Mutex};

use axum::{
    Router,
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    routing::post,
};
use serde_json::Value;

#[derive(Debug, Clone)]
pub struct Received {
    pub user_agent: Option<String>,
    pub content_type: Option<String>,
    pub body: Value,
}

struct Shared {
    statuses: Vec<u16>,
    received: Mutex<Vec<Received>>,
}

pub struct Receiver {
    /// The hook's URL.
    pub url: String,
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

impl Receiver {
    pub async fn start(statuses: &[u16]) -> Receiver {
        let shared = Arc::new(Shared {
            statuses: statuses.to_vec(),
            received: Mutex::default(),
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let app = Router::new()
            .route("/hook", post(hook))
            .with_state(shared.clone());
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Receiver {
            url,
            shared,
            server,
        }
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().unwrap().clone()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn hook(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let mut received = shared.received.lock().unwrap();
    received.push(Received {
        user_agent: header("user-agent"),
        content_type: header("content-type"),
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
    });
    let status = shared
        .statuses
        .get(received.len() - 1)
        .or(shared.statuses.last())
        .copied()
        .unwrap_or(200);
    StatusCode::from_u16(status).unwrap()
}
