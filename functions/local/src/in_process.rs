//! A gateway started inside the calling process: the gateway tests, the benches and the `fanout`
//! example drive the whole app over real sockets this way, without a `parley-local` process.
//! One function owns how (a free port, a table of its own, the gateway's own addresses in the
//! configuration) so that what they measure and test is the gateway `parley-local` runs.

use std::path::PathBuf;

use api::AppState;
use axum::Router;
use config::Config;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::TableStream;

/// A gateway started by [`spawn_in_process`]: where it answers, and its state.
pub struct InProcess {
    /// `http://127.0.0.1:{port}`: REST, the management API and the Lambda API.
    pub base: String,
    /// `ws://127.0.0.1:{port}/ws` (`WS_URL`).
    pub ws: String,
    /// `http://localhost:{port}` (`BASE_URL`): the Origin of the app's pages, which the WebSocket
    /// asks for.
    pub origin: String,
    /// The state the gateway serves with (its table, Redis and clients).
    pub app: AppState,
    /// The reader of the table's stream, which hands message rows to the search-index handler:
    /// `table_stream.subscribe()` before a write, then wait for its record to be handed over.
    pub table_stream: TableStream,
    /// The server task; it ends only if serving fails.
    pub server: JoinHandle<std::io::Result<()>>,
}

/// Starts a gateway in this process on a free port of 127.0.0.1, with a new table named
/// `{table_prefix}-<ulid>` (created), and returns once it accepts connections.
///
/// - `settings`: the configuration by variable name (`ENV`, `DYNAMODB_ENDPOINT`, `REDIS_URL`,
///   ...). The gateway sets `BASE_URL`, `WS_URL`, `DYNAMODB_TABLE`, and points
///   `WS_MANAGEMENT_ENDPOINT`, `LAMBDA_ENDPOINT` and `FANOUT_FUNCTION` at itself, whatever
///   `settings` says.
/// - `web_dist`: the built web app it serves for the app's pages.
/// - `adjust`: changes the state before the table is created and the gateway serves with it
///   (e.g. a DynamoDB client that counts its calls). The table stream's reader gets the state
///   as it was before: in AWS the search-index function has clients of its own, and what it
///   does is not the requests' cost.
/// - `wrap`: wraps the gateway's router (e.g. in a middleware that counts requests).
pub async fn spawn_in_process(
    table_prefix: &str,
    settings: impl Fn(&str) -> Option<String>,
    web_dist: PathBuf,
    adjust: impl FnOnce(AppState) -> AppState,
    wrap: impl FnOnce(Router) -> Router,
) -> Result<InProcess, String> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let base = format!("http://127.0.0.1:{port}");
    let ws = format!("ws://127.0.0.1:{port}/ws");
    let origin = format!("http://localhost:{port}");
    let table = format!(
        "{table_prefix}-{}",
        ulid::Ulid::new().to_string().to_lowercase()
    );
    let own = [
        ("BASE_URL", origin.clone()),
        ("DYNAMODB_TABLE", table),
        ("WS_URL", ws.clone()),
        ("WS_MANAGEMENT_ENDPOINT", base.clone()),
        ("FANOUT_FUNCTION", crate::FANOUT_FUNCTION.to_string()),
        ("LAMBDA_ENDPOINT", base.clone()),
    ];
    let config = Config::from_lookup(|name| {
        own.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .or_else(|| settings(name))
    })
    .map_err(|e| e.to_string())?;
    let unadjusted = AppState::new(config).await.map_err(|e| e.to_string())?;
    let app = adjust(unadjusted.clone());
    app.store.ensure_table().await.map_err(|e| e.to_string())?;
    let table_stream = crate::read_table_stream(unadjusted);
    let router = wrap(crate::router(crate::Gateway::new(app.clone()), web_dist));
    let server = tokio::spawn(crate::serve_router(
        listener,
        router,
        std::future::pending(),
    ));
    Ok(InProcess {
        base,
        ws,
        origin,
        app,
        table_stream,
        server,
    })
}
