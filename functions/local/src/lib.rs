//! The local gateway: everything API Gateway does for Parley, on one port, calling the same
//! handlers the Lambda functions call.
//!
//! - `/api/*`, `/auth/*`, `/healthz`: each request becomes the HTTP API (payload 2.0) event
//!   Lambda would receive and goes through lambda_http's own adapter into the `rest` router.
//! - `/ws`: WebSocket clients; `$connect`, `$default` and `$disconnect` events go to the same
//!   handlers as the ws-* functions.
//! - `/@connections/{id}`: the Management API (POST, GET, DELETE; 410 for unknown ids) that the
//!   realtime crate reaches with its ordinary SDK client.
//! - `/2015-03-31/functions/{name}/invocations`: the Lambda Invoke API, for the fan-out
//!   function the others hand delivery to (`realtime::dispatch`).
//! - everything else: the built web app (web/dist), with index.html for client-side routes
//!   (`web_app`).
//!
//! Beside the port, it reads the table's stream as Lambda's event source mapping does and hands
//! message rows to the search-index handler (`table_stream`, started with [`read_table_stream`]).
//!
//! `parley-local` (main.rs) serves it on a port of its own; tests, benches and examples start one
//! inside their own process with `spawn_in_process`.

mod connections;
mod http_api;
mod in_process;
mod lambda_api;
mod management_api;
mod table_stream;
mod web_app;
mod websocket_api;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use api::AppState;
use axum::Router;
use axum::routing::{any, get, post};

pub use connections::Connections;
pub use in_process::{InProcess, spawn_in_process};
pub use table_stream::{Handed, HandedOver, TableStream};

/// Starts reading the table's stream in the background (see `table_stream`), handing what the
/// search index reads to its handler with `app`, as the search-index function in AWS.
pub fn read_table_stream(app: AppState) -> TableStream {
    table_stream::spawn(app)
}

/// The name the local gateway answers to for the fan-out function (`FANOUT_FUNCTION`), unless
/// the environment names another.
pub const FANOUT_FUNCTION: &str = "parley-fanout";

/// What the gateway routes to.
#[derive(Clone)]
pub struct Gateway {
    pub app: AppState,
    pub rest: Router,
    pub connections: Arc<Connections>,
    /// How long `POST @connections/{id}` waits before it delivers and answers: zero by default;
    /// `parley-local` takes it from `LOCAL_POST_DELAY_MS`, so a benchmark can give posts the
    /// milliseconds they take in AWS instead of loopback's microseconds.
    pub post_delay: Duration,
}

impl Gateway {
    pub fn new(app: AppState) -> Self {
        Self {
            rest: api::router(app.clone()),
            app,
            connections: Arc::new(Connections::default()),
            post_delay: Duration::ZERO,
        }
    }
}

pub fn router(gateway: Gateway, web_dist: PathBuf) -> Router {
    // The app's pages get the headers CloudFront's response headers policy adds in AWS (the
    // same CSP), so a CSP mistake shows up locally and in the browser tests.
    let spa = web_app::router(&web_dist, api::security::spa_headers(&gateway.app.config));
    Router::new()
        .route("/healthz", any(http_api::forward))
        .route("/api", any(http_api::forward))
        .route("/api/{*rest}", any(http_api::forward))
        .route("/auth/{*rest}", any(http_api::forward))
        .route("/ws", get(websocket_api::upgrade))
        .route(
            "/@connections/{id}",
            get(management_api::get_connection)
                .post(management_api::post_to_connection)
                .delete(management_api::delete_connection),
        )
        .route(
            "/2015-03-31/functions/{name}/invocations",
            post(lambda_api::invoke),
        )
        .fallback_service(spa)
        .with_state(gateway)
}

/// Serves until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    gateway: Gateway,
    web_dist: PathBuf,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_router(listener, router(gateway, web_dist), shutdown).await
}

/// Serves `router` (the gateway's, perhaps wrapped) until `shutdown` resolves.
async fn serve_router(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
