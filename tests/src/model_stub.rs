//! An in-process OpenAI-compatible chat-completions server for tests: its answers, failures and
//! delays are scripted, and it logs every call it receives.
//!
//! The stub runs on its own thread and runtime, so it answers on time whatever the test's
//! runtime is doing, and it stops when the `ModelStub` is dropped.
//!
//! - `POST /v1/chat/completions` answers with the configured answer for the last user message,
//!   or that message itself (an echo), with token usage counted in words.
//! - `GET /v1/models` lists one model, `stub-model`.
//!
//! The script is keyed by how many times the same prompt was seen: step 0 for its first call,
//! step 1 for the second, and so on; calls beyond the script repeat its last step, so
//! `[Fail 429, Fail 500, Answer]` fails twice then answers, and `[Fail 500]` always fails.

use std::{
    collections::HashMap,
    future::IntoFuture,
    net::SocketAddr,
    sync::{Arc, Mutex},
    thread::JoinHandle,
    time::{Duration, Instant, SystemTime},
};

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderValue, StatusCode, header::RETRY_AFTER},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use serde_json::{Value, json};
use tokio::sync::oneshot;

pub const STUB_MODEL: &str = "stub-model";

/// What the stub does with one call.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Answer normally.
    Answer,
    /// Answer with this status, an OpenAI-style error body and, when given, `Retry-After`.
    Fail {
        status: u16,
        retry_after: Option<&'static str>,
    },
    /// Wait this long, then answer normally: longer than the client's timeout, it is a timeout.
    Stall(Duration),
}

impl Step {
    pub fn fail(status: u16) -> Step {
        Step::Fail {
            status,
            retry_after: None,
        }
    }
}

/// How the stub behaves; `StubBehaviour::default()` echoes at once.
#[derive(Debug, Clone, Default)]
pub struct StubBehaviour {
    /// Waited before every reply, whatever the step.
    pub delay: Duration,
    /// The step for the n-th call of the same prompt; see the module's documentation.
    pub script: Vec<Step>,
    /// Answers by prompt (the last user message); other prompts are echoed.
    pub answers: HashMap<String, String>,
}

impl StubBehaviour {
    pub fn with_delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    pub fn with_script(mut self, script: Vec<Step>) -> Self {
        self.script = script;
        self
    }

    pub fn with_answer(mut self, prompt: impl Into<String>, answer: impl Into<String>) -> Self {
        self.answers.insert(prompt.into(), answer.into());
        self
    }

    fn step(&self, attempt: usize) -> Step {
        self.script
            .get(attempt)
            .or(self.script.last())
            .cloned()
            .unwrap_or(Step::Answer)
    }

    fn answer(&self, prompt: &str) -> String {
        self.answers
            .get(prompt)
            .cloned()
            .unwrap_or_else(|| prompt.to_owned())
    }
}

/// How the stub answered a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Answered,
    Failed(u16),
    /// Stalled before answering (the client has usually given up by then).
    Stalled,
}

/// One call as the stub received it.
#[derive(Debug, Clone)]
pub struct Call {
    /// 0 for the first call the stub received, then 1, 2, ...
    pub seq: usize,
    /// The content of the last user message.
    pub prompt: String,
    /// 0 for the first call with this prompt, 1 for the second, ...
    pub attempt: usize,
    pub arrived: Instant,
    pub arrived_at: SystemTime,
    /// Calls in flight when this one arrived, itself included.
    pub in_flight: usize,
    pub outcome: Outcome,
    /// The request body (model, messages, parameters).
    pub body: Value,
}

#[derive(Default)]
struct Log {
    calls: Vec<Call>,
    seen: HashMap<String, usize>,
    in_flight: usize,
    max_in_flight: usize,
}

struct Shared {
    behaviour: StubBehaviour,
    log: Mutex<Log>,
}

/// A running stub; stopped on drop.
pub struct ModelStub {
    /// `http://127.0.0.1:PORT/v1`, what an endpoint's `base_url` should be.
    pub base_url: String,
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl ModelStub {
    /// Starts the stub on a free port of 127.0.0.1.
    pub fn start(behaviour: StubBehaviour) -> ModelStub {
        ModelStub::start_on(0, behaviour)
    }

    /// Starts the stub on the given port of 127.0.0.1 (0 picks a free one).
    pub fn start_on(port: u16, behaviour: StubBehaviour) -> ModelStub {
        let shared = Arc::new(Shared {
            behaviour,
            log: Mutex::default(),
        });
        let listener = std::net::TcpListener::bind(("127.0.0.1", port))
            .unwrap_or_else(|e| panic!("the stub cannot listen on port {port}: {e}"));
        listener.set_nonblocking(true).expect("non-blocking");
        let addr = listener
            .local_addr()
            .expect("a bound socket has an address");
        let app = Router::new()
            .route("/v1/chat/completions", post(chat))
            .route("/v1/models", get(models))
            .with_state(shared.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("model-stub".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .expect("the stub's runtime builds");
                runtime.block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener)
                        .expect("the listener moves to tokio");
                    tokio::select! {
                        result = axum::serve(listener, app).into_future() => result.expect("the stub serves"),
                        _ = stopped => {}
                    }
                });
                // Dropping the runtime ends every call still being answered.
            })
            .expect("the stub's thread starts");
        ModelStub {
            base_url: format!("http://{addr}/v1"),
            addr,
            shared,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// Every call so far, in arrival order.
    pub fn calls(&self) -> Vec<Call> {
        self.shared.log.lock().unwrap().calls.clone()
    }

    /// The calls with this prompt, in arrival order.
    pub fn calls_for(&self, prompt: &str) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|call| call.prompt == prompt)
            .collect()
    }

    /// Calls being answered right now.
    pub fn in_flight(&self) -> usize {
        self.shared.log.lock().unwrap().in_flight
    }

    /// The most calls that were ever in flight at once.
    pub fn max_in_flight(&self) -> usize {
        self.shared.log.lock().unwrap().max_in_flight
    }
}

impl Drop for ModelStub {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Counts a call out of flight when its answer is done, or when the client hung up on it.
struct InFlight(Arc<Shared>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.log.lock().unwrap().in_flight -= 1;
    }
}

async fn chat(State(shared): State<Arc<Shared>>, Json(body): Json<Value>) -> Response {
    let prompt = last_user_message(&body);
    let (step, _in_flight) = {
        let mut log = shared.log.lock().unwrap();
        let attempt = *log
            .seen
            .entry(prompt.clone())
            .and_modify(|n| *n += 1)
            .or_insert(0);
        let step = shared.behaviour.step(attempt);
        log.in_flight += 1;
        log.max_in_flight = log.max_in_flight.max(log.in_flight);
        let call = Call {
            seq: log.calls.len(),
            prompt: prompt.clone(),
            attempt,
            arrived: Instant::now(),
            arrived_at: SystemTime::now(),
            in_flight: log.in_flight,
            outcome: match step {
                Step::Answer => Outcome::Answered,
                Step::Fail { status, .. } => Outcome::Failed(status),
                Step::Stall(_) => Outcome::Stalled,
            },
            body: body.clone(),
        };
        log.calls.push(call);
        (step, InFlight(shared.clone()))
    };
    let delay = shared.behaviour.delay;
    if !delay.is_zero() {
        // A blocking sleep on the blocking pool keeps to the delay within a fraction of a
        // millisecond, where tokio's millisecond timer adds about one: benchmarks measure the
        // server against the delay, not the stub's timer.
        let _ = tokio::task::spawn_blocking(move || std::thread::sleep(delay)).await;
    }
    match step {
        Step::Fail {
            status,
            retry_after,
        } => {
            let status = StatusCode::from_u16(status).expect("a valid status");
            let error = json!({"error": {
                "message": format!("stub failure {}", status.as_u16()),
                "type": "stub_error",
            }});
            let mut response = (status, Json(error)).into_response();
            if let Some(seconds) = retry_after {
                response
                    .headers_mut()
                    .insert(RETRY_AFTER, HeaderValue::from_static(seconds));
            }
            response
        }
        Step::Stall(wait) => {
            tokio::time::sleep(wait).await;
            completion(&shared.behaviour, &body, &prompt)
        }
        Step::Answer => completion(&shared.behaviour, &body, &prompt),
    }
}

fn completion(behaviour: &StubBehaviour, body: &Value, prompt: &str) -> Response {
    let answer = behaviour.answer(prompt);
    let prompt_tokens: usize = messages(body)
        .iter()
        .filter_map(|m| m["content"].as_str())
        .map(words)
        .sum();
    let completion_tokens = words(&answer).max(1);
    Json(json!({
        "id": format!("chatcmpl-stub-{}", uuid_like()),
        "object": "chat.completion",
        "created": SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs(),
        "model": body["model"].as_str().unwrap_or(STUB_MODEL),
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": answer},
            "finish_reason": "stop",
        }],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }))
    .into_response()
}

async fn models() -> Json<Value> {
    Json(json!({
        "object": "list",
        "data": [{"id": STUB_MODEL, "object": "model", "owned_by": "llmops-tests"}],
    }))
}

fn messages(body: &Value) -> Vec<Value> {
    body["messages"].as_array().cloned().unwrap_or_default()
}

fn last_user_message(body: &Value) -> String {
    messages(body)
        .iter()
        .rev()
        .find(|m| m["role"] == "user")
        .and_then(|m| m["content"].as_str())
        .unwrap_or_default()
        .to_owned()
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

fn uuid_like() -> String {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{nanos:x}")
}
