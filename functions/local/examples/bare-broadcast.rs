//! The physical limit `make bench` compares Parley's fan-out with: a WebSocket broadcast server
//! that does nothing else. `POST /send` takes a text body, wraps it once in a frame shaped like
//! Parley's `message.new`, and queues that one frame (shared, not copied) to every open socket at
//! `/ws`; it answers 201 once the frame is queued everywhere. No storage, no authorization, no
//! lookups. Listens on 127.0.0.1:`PORT` (run by `examples/fanout`; see README "Benchmarks").

#![allow(clippy::print_stderr)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use futures::{SinkExt, StreamExt};
use std::collections::HashMap;
use tokio::sync::mpsc;

#[derive(Clone, Default)]
struct Sockets {
    next: Arc<AtomicU64>,
    open: Arc<Mutex<HashMap<u64, mpsc::UnboundedSender<Utf8Bytes>>>>,
}

impl Sockets {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, mpsc::UnboundedSender<Utf8Bytes>>> {
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }
}

async fn upgrade(State(sockets): State<Sockets>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| serve_socket(socket, sockets))
}

async fn serve_socket(socket: WebSocket, sockets: Sockets) {
    let id = sockets.next.fetch_add(1, Ordering::Relaxed);
    let (tx, mut rx) = mpsc::unbounded_channel::<Utf8Bytes>();
    sockets.lock().insert(id, tx);
    let (mut sink, mut stream) = socket.split();
    let writer = tokio::spawn(async move {
        while let Some(frame) = rx.recv().await {
            if sink.send(Message::Text(frame)).await.is_err() {
                break;
            }
        }
    });
    while let Some(Ok(message)) = stream.next().await {
        if matches!(message, Message::Close(_)) {
            break;
        }
    }
    sockets.lock().remove(&id);
    writer.abort();
}

async fn send(State(sockets): State<Sockets>, body: String) -> StatusCode {
    let frame = serde_json::json!({ "type": "message.new", "data": { "body": body } });
    let frame = Utf8Bytes::from(frame.to_string());
    for tx in sockets.lock().values() {
        let _ = tx.send(frame.clone());
    }
    StatusCode::CREATED
}

#[tokio::main]
async fn main() {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("bare-broadcast: cannot listen on {addr}: {e}");
            std::process::exit(1);
        }
    };
    let app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/ws", get(upgrade))
        .route("/send", post(send))
        .with_state(Sockets::default());
    if let Err(e) = axum::serve(listener, app).await {
        eprintln!("bare-broadcast: {e}");
        std::process::exit(1);
    }
}
