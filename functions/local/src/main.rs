//! `parley-local`: the whole app on one port, without AWS. See lib.rs.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use config::Config;

#[tokio::main]
async fn main() {
    api::telemetry::init();
    if let Err(e) = run().await {
        eprintln!("parley-local: {e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), String> {
    let port: u16 = std::env::var("PORT")
        .ok()
        .map(|p| {
            p.parse()
                .map_err(|_| format!("PORT={p} is not a port number"))
        })
        .transpose()?
        .unwrap_or(8080);
    let mut config = Config::from_env().map_err(|e| e.to_string())?;
    // The gateway serves the management API itself, so by default events go to its own sockets;
    // it serves the Lambda Invoke API too, so sends hand delivery to its fan-out handler as
    // they would in AWS.
    let own = format!("http://127.0.0.1:{port}");
    config
        .ws_management_endpoint
        .get_or_insert_with(|| own.clone());
    config
        .fanout_function
        .get_or_insert_with(|| local::FANOUT_FUNCTION.to_string());
    config.lambda_endpoint.get_or_insert(own);
    if config.is_production() {
        return Err("the local gateway is for development: unset ENV=production".into());
    }
    let post_delay = match std::env::var("LOCAL_POST_DELAY_MS") {
        Ok(ms) => Duration::from_millis(ms.parse().map_err(|_| {
            format!("LOCAL_POST_DELAY_MS={ms} is not a whole number of milliseconds")
        })?),
        Err(_) => Duration::ZERO,
    };
    let read_stream = match std::env::var("LOCAL_TABLE_STREAM").as_deref() {
        Err(_) | Ok("on") => true,
        Ok("off") => false,
        Ok(other) => return Err(format!("LOCAL_TABLE_STREAM={other}: say on or off")),
    };
    let web_dist = PathBuf::from(std::env::var("WEB_DIST").unwrap_or_else(|_| "web/dist".into()));
    if !web_dist.join("index.html").exists() {
        tracing::warn!(path = %web_dist.display(), "no built web app there: run `npm run build` in web/ (make dev does)");
    }
    let app = api::AppState::new(config)
        .await
        .map_err(|e| e.to_string())?;
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        format!("cannot listen on {addr}: {e} (is another parley-local running? set PORT)")
    })?;
    tracing::info!(%addr, base_url = %app.config.base_url, "parley-local is serving");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    // Dropping the handle leaves the reader running: only tests listen to it.
    if read_stream {
        local::read_table_stream(app.clone());
    } else {
        tracing::info!(
            "LOCAL_TABLE_STREAM=off: nothing reads the table's stream, so search finds no new message"
        );
    }
    let mut gateway = local::Gateway::new(app);
    gateway.post_delay = post_delay;
    if !post_delay.is_zero() {
        tracing::info!(
            ?post_delay,
            "posts to @connections answer after LOCAL_POST_DELAY_MS"
        );
    }
    local::serve(listener, gateway, web_dist, shutdown)
        .await
        .map_err(|e| e.to_string())
}
