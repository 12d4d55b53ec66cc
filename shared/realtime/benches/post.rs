//! What one PostToConnection costs the caller in CPU: the generated SDK client (as configured
//! by default, and trimmed), and `realtime::management` (the SDK's signer on a pooled HTTP
//! client), each posting the same frame to a local endpoint that answers 200 at once. Prints
//! microseconds of process CPU per post (the endpoint's share included, the same for all) and
//! posts per second. Figures, not a verdict.
//!
//! Then, with the endpoint answering after DELAY_MS (AWS-like), posts per second for several
//! numbers of posts in flight: what sizes fan-out's CONCURRENCY.
//!
//!   cargo bench -p parley-realtime --bench post    # POSTS=20000 CONCURRENCY=32 DELAY_MS=5

#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_apigatewaymanagement::Client;
use aws_smithy_types::Blob;
use futures::StreamExt;
use realtime::management::Management;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Process CPU time so far (user + system), from /proc/self/stat.
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|i| fields.get(*i)?.parse::<u64>().ok())
        .sum();
    // Linux reports CPU time in clock ticks of 1/100 s.
    Duration::from_millis(ticks * 10)
}

/// A local `@connections` endpoint answering 200 after `delay` (AWS answers in milliseconds).
async fn endpoint(delay: Duration) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let app = axum::Router::new().route(
        "/@connections/{id}",
        axum::routing::post(move || async move {
            tokio::time::sleep(delay).await;
            axum::http::StatusCode::OK
        }),
    );
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

fn credentials() -> Credentials {
    Credentials::new("AKIDEXAMPLE", "secret", Some("token".into()), None, "bench")
}

async fn sdk_client(url: &str, trimmed: bool) -> Client {
    // The HTTPS client and region every Parley SDK client gets, with the SDK's default retries.
    let sdk = aws::sdk_config(
        "us-east-1",
        domain::limits::MANAGEMENT_API_TIMEOUTS,
        Some(url),
    )
    .await;
    let mut config = aws_sdk_apigatewaymanagement::config::Builder::from(&sdk)
        .credentials_provider(credentials())
        .retry_config(aws_sdk_apigatewaymanagement::config::retry::RetryConfig::standard());
    if trimmed {
        config = config
            .retry_config(aws_sdk_apigatewaymanagement::config::retry::RetryConfig::disabled())
            .stalled_stream_protection(
                aws_sdk_apigatewaymanagement::config::StalledStreamProtectionConfig::disabled(),
            );
    }
    Client::from_conf(config.build())
}

async fn measure<F, Fut>(name: &str, posts: usize, concurrency: usize, post: F)
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    // Warm the connection pool first.
    for i in 0..concurrency {
        assert!(
            post(format!("warm{i}=")).await,
            "{name}: the warm-up post failed"
        );
    }
    let (cpu0, t0) = (cpu(), Instant::now());
    let ok = futures::stream::iter(0..posts)
        .map(|i| post(format!("conn{i}=")))
        .buffer_unordered(concurrency)
        .filter(|ok| futures::future::ready(*ok))
        .count()
        .await;
    let (spent, took) = (cpu() - cpu0, t0.elapsed());
    println!(
        "{name:<34} {:>7.1} µs CPU/post  {:>9.0} posts/s  ({ok}/{posts} ok)",
        spent.as_secs_f64() * 1e6 / posts as f64,
        posts as f64 / took.as_secs_f64(),
    );
}

#[tokio::main]
async fn main() {
    let posts = setting("POSTS", 20_000);
    let concurrency = setting("CONCURRENCY", 32);
    let url = endpoint(Duration::ZERO).await;
    let frame = br#"{"seq":12,"type":"message.new","data":{"id":"01J","body":"hello there"}}"#;
    println!(
        "{posts} posts of {} bytes, {concurrency} at once",
        frame.len()
    );

    for (name, trimmed) in [
        ("SDK client (defaults)", false),
        ("SDK client (no retry, no stall guard)", true),
    ] {
        let client = sdk_client(&url, trimmed).await;
        measure(name, posts, concurrency, |id| {
            let client = client.clone();
            async move {
                client
                    .post_to_connection()
                    .connection_id(id)
                    .data(Blob::new(frame.to_vec()))
                    .send()
                    .await
                    .is_ok()
            }
        })
        .await;
    }
    let lean = Management::with_credentials(
        "us-east-1",
        &url,
        Some(SharedCredentialsProvider::new(credentials())),
    )
    .unwrap();
    measure("realtime::management (signed)", posts, concurrency, |id| {
        let lean = lean.clone();
        async move { lean.post(&id, frame.to_vec()).await.is_ok() }
    })
    .await;

    // How many posts to keep in flight (`fanout`'s CONCURRENCY): posts per second with the
    // endpoint answering after DELAY_MS, as API Gateway does, for several settings.
    let delay = Duration::from_millis(setting("DELAY_MS", 5) as u64);
    let slow = endpoint(delay).await;
    let lean = Management::with_credentials(
        "us-east-1",
        &slow,
        Some(SharedCredentialsProvider::new(credentials())),
    )
    .unwrap();
    println!("\nposts answered after {} ms:", delay.as_millis());
    for concurrency in [8, 16, 32, 64, 128] {
        let name = format!("management, {concurrency} at once");
        measure(&name, posts / 4, concurrency, |id| {
            let lean = lean.clone();
            async move { lean.post(&id, frame.to_vec()).await.is_ok() }
        })
        .await;
    }
}
