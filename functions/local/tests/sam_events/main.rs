//! Every sample event in `events/` (what `sam local invoke -e` feeds the functions) goes
//! through the real function binary it is for, run as Lambda runs it: against a Lambda
//! Runtime API (`runtime_api`), with the local stack's DynamoDB Local and Redis (`make test`
//! sets their variables, and builds the binaries first). So the samples cannot rot: a change of
//! an event's shape or of a handler's answer fails here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod runtime_api;

use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use runtime_api::{Outcome, RuntimeApi};
use serde_json::Value;

/// A function's cold start and one invocation against the local stack.
const WITHIN: Duration = Duration::from_secs(60);
/// The origin the samples' WebSocket connect comes from (what `env.json` sets as BASE_URL).
const SAMPLE_BASE_URL: &str = "http://localhost:8080";

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The function binaries of this build (beside the test's own `deps/` directory).
fn binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(|deps| deps.parent()).unwrap();
    let path = dir.join(name);
    assert!(
        path.exists(),
        "{} is not built: run `cargo build --workspace` first (`make test` does)",
        path.display()
    );
    path
}

/// Runs `function` on the sample `events/<event>`: what it answered and logged.
async fn invoke(function: &str, event: &str) -> Invocation {
    let sample = std::fs::read(workspace().join("events").join(event))
        .unwrap_or_else(|e| panic!("events/{event}: {e}"));
    serde_json::from_slice::<Value>(&sample)
        .unwrap_or_else(|e| panic!("events/{event} is not JSON: {e}"));
    let api = RuntimeApi::start(sample.into()).await;
    let mut child = Running(
        Command::new(binary(function))
            .env("AWS_LAMBDA_RUNTIME_API", api.address.to_string())
            .env("AWS_LAMBDA_FUNCTION_NAME", function)
            .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
            .env(
                "AWS_LAMBDA_LOG_GROUP_NAME",
                format!("/aws/lambda/{function}"),
            )
            .env("AWS_LAMBDA_LOG_STREAM_NAME", "2026/12/05/[$LATEST]sample")
            .env("BASE_URL", SAMPLE_BASE_URL)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {function}: {e}")),
    );
    // Its log (JSON lines on stdout, anything else on stderr), read to the end: the end comes
    // when the process does.
    let mut stdout = child.0.stdout.take().unwrap();
    let mut stderr = child.0.stderr.take().unwrap();
    let mut log = tokio::task::spawn_blocking(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        let _ = stderr.read_to_string(&mut text);
        text
    });
    tokio::select! {
        outcome = tokio::time::timeout(WITHIN, api.outcome) => {
            drop(child);
            let log = log.await.unwrap_or_default();
            match outcome {
                Ok(Ok(outcome)) => Invocation { outcome, log },
                _ => panic!("{function} did not answer events/{event} within {WITHIN:?}:\n{log}"),
            }
        }
        log = &mut log => {
            panic!("{function} exited without answering events/{event}:\n{}", log.unwrap_or_default());
        }
    }
}

/// What a function answered, and everything it logged.
struct Invocation {
    outcome: Outcome,
    log: String,
}

/// A function process, ended when dropped (its runtime would otherwise wait for the next
/// event forever).
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn response(invocation: Invocation) -> Value {
    match invocation.outcome {
        Outcome::Response(value) => value,
        other => panic!("expected a response, got {other:?}"),
    }
}

fn status_of(invocation: Invocation) -> i64 {
    let value = response(invocation);
    value["statusCode"]
        .as_i64()
        .unwrap_or_else(|| panic!("no statusCode in {value}"))
}

#[tokio::test]
async fn the_rest_samples_answer_as_api_gateway_expects() {
    let healthz = invoke("rest", "rest-healthz.json").await;
    // Every line of the request names API Gateway's and Lambda's ids; the client's own
    // x-request-id is a field apart, never the request id.
    let lines: Vec<Value> = healthz
        .log
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|line| line["span"]["name"] == "request")
        .collect();
    assert!(!lines.is_empty(), "no request log lines:\n{}", healthz.log);
    for line in &lines {
        assert_eq!(line["span"]["request_id"], "JKJaXmPLvHcESHA=", "{line}");
        assert_eq!(
            line["span"]["lambda_request_id"],
            runtime_api::REQUEST_ID,
            "{line}"
        );
        assert_eq!(
            line["span"]["client_request_id"], "set-by-the-client",
            "{line}"
        );
    }
    // Its metrics: one Embedded Metric Format line, with the container's cold start.
    let emf: Vec<Value> = healthz
        .log
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|line| line.get("_aws").is_some())
        .collect();
    assert_eq!(emf.len(), 1, "{}", healthz.log);
    assert_eq!(emf[0]["ColdStarts"], 1, "{}", emf[0]);
    assert_eq!(emf[0]["Function"], "rest", "{}", emf[0]);
    let healthz = response(healthz);
    assert_eq!(healthz["statusCode"], 200, "{healthz}");
    assert_eq!(
        healthz["headers"]["x-request-id"], "JKJaXmPLvHcESHA=",
        "{healthz}"
    );
    assert!(
        healthz["body"].as_str().unwrap().contains("ok"),
        "{healthz}"
    );

    let channels = response(invoke("rest", "rest-channels-signed-out.json").await);
    assert_eq!(channels["statusCode"], 401, "{channels}");
    let body: Value = serde_json::from_str(channels["body"].as_str().unwrap()).unwrap();
    assert!(
        body["error"]["code"].is_string(),
        "a stable error code: {body}"
    );
}

#[tokio::test]
async fn the_websocket_samples_reach_their_routes() {
    // A ticket nobody minted: refused, nothing recorded.
    assert_eq!(
        status_of(invoke("ws-connect", "ws-connect.json").await),
        401
    );
    // A ping from a connection that is not registered, and its disconnect: answered 200.
    assert_eq!(
        status_of(invoke("ws-message", "ws-message.json").await),
        200
    );
    assert_eq!(
        status_of(invoke("ws-disconnect", "ws-disconnect.json").await),
        200
    );
}

#[tokio::test]
async fn the_fanout_search_index_and_migrate_samples_run() {
    // A connection that is gone (410 from the @connections API) is no failure of the job.
    let fanout = invoke("fanout", "fanout.json").await.outcome;
    assert!(matches!(fanout, Outcome::Response(_)), "{fanout:?}");

    let indexed = response(invoke("search-index", "search-index.json").await);
    assert_eq!(
        indexed["batchItemFailures"],
        serde_json::json!([]),
        "{indexed}"
    );

    let status = response(invoke("migrate", "migrate-status.json").await);
    let text = status.as_str().unwrap_or_default();
    assert!(text.contains("0001") && text.contains("0002"), "{status}");
}

#[test]
fn every_sample_in_events_is_fed_to_its_function_here() {
    let source = include_str!("main.rs");
    let mut samples: Vec<String> = std::fs::read_dir(workspace().join("events"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    samples.sort();
    for sample in &samples {
        assert!(
            source.contains(&format!("\"{sample}\").await")),
            "events/{sample} is not invoked by any test here: add it"
        );
    }
    assert!(samples.len() >= 8, "{samples:?}");
}
