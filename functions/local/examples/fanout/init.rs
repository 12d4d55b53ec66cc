//! Function init times, measured as Lambda would see them: each function binary is started
//! with `AWS_LAMBDA_RUNTIME_API` pointing at a Runtime API this bench serves, and its init time
//! is from spawn until its first `GET /2018-06-01/runtime/invocation/next` (which is never
//! answered; the process is then killed). The hello-world function (examples/hello-lambda.rs)
//! is the baseline, built with the same profile in the same run.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::measure::percentile;

/// What the Runtime API saw: a function asking for its first event, or reporting a failed init.
type Seen = Result<Instant, String>;

async fn next_invocation(State(seen): State<mpsc::UnboundedSender<Seen>>) -> StatusCode {
    let _ = seen.send(Ok(Instant::now()));
    // Never answered: the function is killed once its init is timed.
    std::future::pending::<()>().await;
    StatusCode::NO_CONTENT
}

async fn init_error(State(seen): State<mpsc::UnboundedSender<Seen>>, body: String) -> StatusCode {
    let _ = seen.send(Err(body));
    StatusCode::ACCEPTED
}

/// One function's figures: median init, and how many runs failed.
pub struct Init {
    pub name: String,
    pub median: Option<Duration>,
    pub failures: Vec<String>,
}

/// Times `runs` starts of each binary (`(name, path)`), one at a time.
pub async fn measure(
    binaries: &[(String, std::path::PathBuf)],
    runs: usize,
    table: &str,
) -> Result<Vec<Init>, String> {
    let (tx, mut seen) = mpsc::unbounded_channel::<Seen>();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let api = listener.local_addr().map_err(|e| e.to_string())?;
    let app = Router::new()
        .route("/2018-06-01/runtime/invocation/next", get(next_invocation))
        .route("/2018-06-01/runtime/init/error", post(init_error))
        .with_state(tx);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let mut results = Vec::new();
    for (name, path) in binaries {
        let mut times = Vec::new();
        let mut failures = Vec::new();
        for _ in 0..runs {
            while seen.try_recv().is_ok() {}
            match start_once(name, path, &api.to_string(), table, &mut seen).await {
                Ok(time) => times.push(time),
                Err(e) => failures.push(e),
            }
        }
        results.push(Init {
            name: name.clone(),
            median: percentile(&mut times, 0.5),
            failures,
        });
    }
    Ok(results)
}

async fn start_once(
    name: &str,
    path: &Path,
    api: &str,
    table: &str,
    seen: &mut mpsc::UnboundedReceiver<Seen>,
) -> Result<Duration, String> {
    let mut command = Command::new(path);
    command
        .env("AWS_LAMBDA_RUNTIME_API", api)
        .env("AWS_LAMBDA_FUNCTION_NAME", name)
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
        .env("AWS_LAMBDA_LOG_GROUP_NAME", format!("/aws/lambda/{name}"))
        .env("AWS_LAMBDA_LOG_STREAM_NAME", "bench")
        .env("DYNAMODB_TABLE", table)
        // As deployed (template.yaml).
        .env("RUST_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let started = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", path.display()))?;
    let outcome = tokio::time::timeout(Duration::from_secs(10), seen.recv()).await;
    let _ = child.kill();
    let _ = child.wait();
    match outcome {
        Ok(Some(Ok(at))) => Ok(at.saturating_duration_since(started)),
        Ok(Some(Err(report))) => Err(format!("init error: {report}")),
        Ok(None) => Err("the runtime API stopped".into()),
        Err(_) => Err("no invocation/next within 10 s".into()),
    }
}
