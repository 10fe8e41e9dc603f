//! A webhook receiver for tests: answers every POST to `/hook` with 200 and records its
//! headers and JSON body. It runs on the test's runtime (use a multi-threaded test) and stops
//! when dropped.

use std::sync::{Arc, Mutex};

use axum::{Router, body::Bytes, extract::State, http::HeaderMap, routing::post};
use serde_json::Value;

/// One POST as the receiver got it.
#[derive(Debug, Clone)]
pub struct Hook {
    pub user_agent: Option<String>,
    pub content_type: Option<String>,
    pub body: Value,
}

pub struct WebhookReceiver {
    /// `http://127.0.0.1:PORT/hook`
    pub url: String,
    received: Arc<Mutex<Vec<Hook>>>,
    server: tokio::task::JoinHandle<()>,
}

impl WebhookReceiver {
    pub async fn start() -> WebhookReceiver {
        let received = Arc::new(Mutex::new(Vec::new()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let app = Router::new()
            .route("/hook", post(hook))
            .with_state(received.clone());
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        WebhookReceiver {
            url,
            received,
            server,
        }
    }

    pub fn received(&self) -> Vec<Hook> {
        self.received.lock().unwrap().clone()
    }
}

impl Drop for WebhookReceiver {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn hook(State(received): State<Arc<Mutex<Vec<Hook>>>>, headers: HeaderMap, body: Bytes) {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    received.lock().unwrap().push(Hook {
        user_agent: header("user-agent"),
        content_type: header("content-type"),
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
    });
}
