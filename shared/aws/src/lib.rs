//! How every AWS SDK client is built (DynamoDB, SES, Lambda, and the credentials the management
//! API's requests are signed with): the region, an endpoint override for local stand-ins, our
//! time limits (`domain::limits`) with standard retries, and one TLS stack, rustls with ring,
//! the provider reqwest and Redis use too. The SDK's default HTTPS client would bring a second
//! cryptography library (aws-lc) into every binary, for nothing.

use aws_config::SdkConfig;
use aws_config::environment::EnvironmentVariableCredentialsProvider;
use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
use domain::limits::CallTimeouts;

/// The SDK configuration for calls bounded by `limits`; `endpoint` points every client built
/// from it at a local stand-in (DynamoDB Local, the SES stand-in, the local gateway).
///
/// Each call builds its own HTTP client: a client's pooled connections belong to the Tokio
/// runtime that opened them, so one shared by the whole process would break wherever more
/// than one runtime runs (every `#[tokio::test]`).
pub async fn sdk_config(region: &str, limits: CallTimeouts, endpoint: Option<&str>) -> SdkConfig {
    let https = aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .build_https();
    let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new(region.to_string()))
        .http_client(https)
        .timeout_config(timeouts(limits))
        // Standard: jittered backoff on throttling, timeouts and 5xx, within `operation`.
        .retry_config(
            aws_config::retry::RetryConfig::standard().with_max_attempts(limits.attempts),
        );
    // In Lambda the credentials are in the environment, where the default chain looks first.
    // Taking them from there directly skips building the rest of the chain (an STS client
    // among them, which reads and parses the system's CA certificates) at every cold start.
    if in_environment() {
        loader = loader.credentials_provider(EnvironmentVariableCredentialsProvider::new());
    }
    if let Some(endpoint) = endpoint {
        loader = loader.endpoint_url(endpoint);
    }
    loader.load().await
}

/// Whether the environment holds credentials (what the environment provider requires).
fn in_environment() -> bool {
    ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]
        .iter()
        .all(|name| std::env::var(name).is_ok_and(|v| !v.trim().is_empty()))
}

/// The SDK's form of a dependency's time limits.
pub fn timeouts(limits: CallTimeouts) -> aws_config::timeout::TimeoutConfig {
    aws_config::timeout::TimeoutConfig::builder()
        .connect_timeout(limits.connect)
        .operation_attempt_timeout(limits.attempt)
        .operation_timeout(limits.operation)
        .build()
}
