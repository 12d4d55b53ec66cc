//! A small Lambda Runtime API (the interface a function's runtime polls for its next event),
//! enough to run a function binary as Lambda would for one invocation: it hands out one event,
//! then takes the function's response or error. The API is specified at
//! https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;
use tokio::sync::oneshot;

/// What the function did with the event (an error's body shows in a failing test's message).
#[derive(Debug)]
#[allow(dead_code)]
pub enum Outcome {
    Response(Value),
    /// The handler returned an error (`errorType`, `errorMessage`).
    Error(Value),
    /// The runtime failed before taking the event.
    InitError(Value),
}

struct Shared {
    event: Mutex<Option<Bytes>>,
    done: Mutex<Option<oneshot::Sender<Outcome>>>,
}

pub struct RuntimeApi {
    pub address: SocketAddr,
    pub outcome: oneshot::Receiver<Outcome>,
}

pub const REQUEST_ID: &str = "8476a536-e9f4-11e8-9739-2dfe598c3fcd";
const PREFIX: &str = "/2018-06-01/runtime";

impl RuntimeApi {
    /// Serves `event` as the one invocation, on a free port of 127.0.0.1.
    pub async fn start(event: Bytes) -> RuntimeApi {
        let (done, outcome) = oneshot::channel();
        let shared = Arc::new(Shared {
            event: Mutex::new(Some(event)),
            done: Mutex::new(Some(done)),
        });
        let app = Router::new()
            .route(&format!("{PREFIX}/invocation/next"), get(next))
            .route(
                &format!("{PREFIX}/invocation/{{id}}/response"),
                post(respond),
            )
            .route(&format!("{PREFIX}/invocation/{{id}}/error"), post(error))
            .route(&format!("{PREFIX}/init/error"), post(init_error))
            .with_state(shared);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        RuntimeApi { address, outcome }
    }
}

/// The event, once; after it the runtime's next poll waits (the test ends the process).
async fn next(State(shared): State<Arc<Shared>>) -> Response {
    let Some(event) = shared.event.lock().unwrap().take() else {
        return std::future::pending::<Response>().await;
    };
    let deadline = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis()
        + 60_000;
    let mut headers = HeaderMap::new();
    let mut set = |name: &'static str, value: String| {
        headers.insert(name, HeaderValue::from_str(&value).unwrap());
    };
    set("lambda-runtime-aws-request-id", REQUEST_ID.into());
    set("lambda-runtime-deadline-ms", deadline.to_string());
    set(
        "lambda-runtime-invoked-function-arn",
        "arn:aws:lambda:us-east-1:123456789012:function:sample".into(),
    );
    set(
        "lambda-runtime-trace-id",
        "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1".into(),
    );
    (StatusCode::OK, headers, event).into_response()
}

fn finish(
    shared: &Shared,
    id: &str,
    outcome: impl FnOnce(Value) -> Outcome,
    body: &[u8],
) -> StatusCode {
    if id != REQUEST_ID {
        return StatusCode::BAD_REQUEST;
    }
    let value = serde_json::from_slice(body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into()));
    if let Some(done) = shared.done.lock().unwrap().take() {
        let _ = done.send(outcome(value));
    }
    StatusCode::ACCEPTED
}

async fn respond(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> StatusCode {
    finish(&shared, &id, Outcome::Response, &body)
}

async fn error(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> StatusCode {
    finish(&shared, &id, Outcome::Error, &body)
}

async fn init_error(State(shared): State<Arc<Shared>>, body: Bytes) -> StatusCode {
    finish(&shared, REQUEST_ID, Outcome::InitError, &body)
}
