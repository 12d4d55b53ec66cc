//! What the benches share: a local gateway of their own on the stack's DynamoDB Local and
//! Redis, settings from the environment, and sockets opened as the web app opens them.

use std::time::Duration;

use api::AppState;
use domain::UserId;
use domain::revocation::Grant;
use domain::user::Role;
use futures::{SinkExt, StreamExt};
use serde_json::Value;
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::Message as Frame;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

pub type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

pub fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| {
        format!("{name} is not set: source a stack's env first (see the top of the bench)")
    })
}

/// A local gateway on a free port with a table of its own (named `{prefix}-<ulid>`): its base
/// URL, the Origin its pages have, and its state.
pub async fn start_gateway(prefix: &str) -> Result<(String, String, AppState), String> {
    let settings = [
        ("ENV", "development".to_string()),
        ("DYNAMODB_ENDPOINT", env("DYNAMODB_ENDPOINT")?),
        ("REDIS_URL", env("REDIS_URL")?),
    ];
    let lookup = |name: &str| {
        let found = settings.iter().find(|(n, _)| *n == name);
        found.map(|(_, value)| value.clone())
    };
    let gateway =
        local::spawn_in_process(prefix, lookup, std::env::temp_dir(), |app| app, |r| r).await?;
    Ok((gateway.base, gateway.origin, gateway.app))
}

/// A member of the workspace (in no channel) named `name`: their id and an access token.
pub async fn member(app: &AppState, name: &str) -> Result<(UserId, String), String> {
    let user = store::users::new_user(
        &format!("bench-{}@example.com", ulid::Ulid::new()).to_lowercase(),
        name.to_string(),
        Role::Member,
    );
    app.store
        .users()
        .create(&user, None, false)
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("user not created: {e:?}"))?;
    let (token, _) = app
        .tokens
        .issue(&user, &Grant::issued_now(""))
        .map_err(|e| e.to_string())?;
    Ok((user.id, token))
}

/// The JSON body of the answer to `request`.
pub async fn json_of(request: reqwest::RequestBuilder) -> Result<Value, String> {
    request
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())
}

/// A socket opened as the web app opens one: a ticket over REST, the handshake, then a ping
/// (events to this socket are numbered from then on), returned once its pong is in.
pub async fn open_socket(
    http: &reqwest::Client,
    base: &str,
    origin: &str,
    token: &str,
) -> Result<Socket, String> {
    let ticket = json_of(
        http.post(format!("{base}/api/v1/ws/ticket"))
            .bearer_auth(token),
    )
    .await?;
    let ticket = ticket["ticket"].as_str().ok_or("no ticket in the answer")?;
    let ws = base.replacen("http", "ws", 1);
    let mut request = format!("{ws}/ws?ticket={ticket}")
        .into_client_request()
        .map_err(|e| e.to_string())?;
    request.headers_mut().insert(
        "origin",
        origin.parse().map_err(|_| "bad origin".to_string())?,
    );
    let (mut socket, _) = connect_async(request).await.map_err(|e| e.to_string())?;
    socket
        .send(Frame::Text(r#"{"type":"ping"}"#.into()))
        .await
        .map_err(|e| e.to_string())?;
    while let Some(frame) = socket.next().await {
        if let Frame::Text(text) = frame.map_err(|e| e.to_string())?
            && text.contains(r#""type":"pong""#)
        {
            return Ok(socket);
        }
    }
    Err("the socket closed before its first pong".into())
}

/// The value at fraction `p` (0 to 1) of sorted durations.
#[allow(dead_code)] // Not every bench prints percentiles.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[index]
}

/// Runs a bench's `run` on a multi-threaded runtime; a failure is printed as `{name}: ...`.
pub fn main<F>(name: &str, run: impl FnOnce() -> F) -> std::process::ExitCode
where
    F: Future<Output = Result<(), String>>,
{
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{name}: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
