//! The API Gateway Management API (`@connections`): the two calls fan-out makes per connection,
//! PostToConnection and DeleteConnection, on one pooled, kept-alive HTTP client built once per
//! container (HTTP/2 where the endpoint offers it), each request signed with SigV4 (`sigv4`,
//! which keeps the day's signing key) with the SDK's credentials chain.
//!
//! Why not the generated SDK client: a message into a 1,000-member channel is 1,000 posts, and
//! most of each post's CPU went to the SDK's per-call machinery (endpoint rules, interceptors,
//! identity resolution, retry bookkeeping), several times the cost of the request itself. The
//! requests here are the ones the SDK sends (a test compares the signatures). The client is
//! hyper's own pooled client, not reqwest: reqwest parses every URL again (IDNA included) and
//! runs each request through its redirect and retry layers, a fifth of a post's CPU.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use tokio::sync::RwLock;

use crate::sigv4::Signer;

/// What a path segment may carry unencoded (RFC 3986 unreserved), as the SDK encodes labels.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Credentials are fetched again this long before they expire.
const CREDENTIALS_MARGIN: Duration = Duration::from_secs(300);

/// Idle connections kept to the endpoint: as many as fan-out posts at once (over HTTP/1.1,
/// one connection per post in flight).
const IDLE_CONNECTIONS: usize = 128;

/// How a call ended, when it did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum CallError {
    /// 410: the connection is gone (or, within `$connect`, not there yet).
    #[error("the connection is gone (410)")]
    Gone,
    /// Throttled, a server error, a timeout, a connection that failed: trying again may work.
    #[error("{0}")]
    Passing(String),
    /// Refused for good (forbidden, a bad request): trying again will not help.
    #[error("{0}")]
    Refused(String),
}

/// A client of one stage's `@connections` API. Cheap to clone (one `Arc`).
#[derive(Clone)]
pub struct Management(Arc<Inner>);

struct Inner {
    http: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
    /// How long one call may take, answer included.
    attempt: Duration,
    /// The endpoint, without a trailing slash.
    endpoint: String,
    signer: Signer,
    provider: Option<SharedCredentialsProvider>,
    credentials: RwLock<Option<Credentials>>,
}

impl Management {
    /// A client for `endpoint` (in AWS `https://{api}.execute-api.{region}.amazonaws.com/{stage}`;
    /// locally the gateway's URL), with the credentials of the SDK's default chain. Calls are
    /// bounded by `domain::limits::MANAGEMENT_API_TIMEOUTS` (one attempt: fan-out decides what
    /// to try again, within its budget).
    pub async fn new(region: &str, endpoint: &str) -> Result<Self, String> {
        let sdk = aws::sdk_config(region, domain::limits::MANAGEMENT_API_TIMEOUTS, None).await;
        Self::with_credentials(region, endpoint, sdk.credentials_provider())
    }

    /// As `new`, with the credentials from `provider` (`None`: requests go unsigned, which only
    /// a local gateway accepts).
    pub fn with_credentials(
        region: &str,
        endpoint: &str,
        provider: Option<SharedCredentialsProvider>,
    ) -> Result<Self, String> {
        let limits = domain::limits::MANAGEMENT_API_TIMEOUTS;
        let mut tcp = HttpConnector::new();
        tcp.enforce_http(false);
        tcp.set_nodelay(true);
        tcp.set_connect_timeout(Some(limits.connect));
        let tls = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .map_err(|e| format!("cannot set up TLS for the management API: {e}"))?
            .https_or_http()
            .enable_all_versions()
            .wrap_connector(tcp);
        let http = Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(IDLE_CONNECTIONS)
            .build(tls);
        Ok(Self(Arc::new(Inner {
            http,
            attempt: limits.attempt,
            endpoint: endpoint.trim_end_matches('/').to_string(),
            signer: Signer::new(region, "execute-api"),
            provider,
            credentials: RwLock::default(),
        })))
    }

    /// PostToConnection: sends `frame` down the connection.
    pub async fn post(&self, connection_id: &str, frame: Vec<u8>) -> Result<(), CallError> {
        self.call(http::Method::POST, connection_id, frame).await
    }

    /// DeleteConnection: closes the connection.
    pub async fn delete(&self, connection_id: &str) -> Result<(), CallError> {
        self.call(http::Method::DELETE, connection_id, Vec::new())
            .await
    }

    async fn call(
        &self,
        method: http::Method,
        connection_id: &str,
        body: Vec<u8>,
    ) -> Result<(), CallError> {
        let credentials = self.current_credentials().await?;
        let request = self.signed(
            method,
            connection_id,
            body,
            credentials.as_ref(),
            SystemTime::now(),
        )?;
        let request = request.map(|body| Full::new(Bytes::from(body)));
        let exchange = async {
            let response = self.0.http.request(request).await?;
            let status = response.status();
            let kind = response
                .headers()
                .get("x-amzn-errortype")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string();
            // Read to the end, so the connection goes back to the pool.
            response.into_body().collect().await?;
            Ok::<_, Box<dyn std::error::Error + Send + Sync>>((status, kind))
        };
        let (status, kind) = match tokio::time::timeout(self.0.attempt, exchange).await {
            Ok(Ok(answer)) => answer,
            Ok(Err(e)) => {
                return Err(CallError::Passing(format!(
                    "the management API did not answer: {}",
                    domain::error_chain(&*e)
                )));
            }
            Err(_) => {
                return Err(CallError::Passing(format!(
                    "the management API did not answer within {:?}",
                    self.0.attempt
                )));
            }
        };
        if status.is_success() {
            return Ok(());
        }
        match status.as_u16() {
            410 => Err(CallError::Gone),
            429 => {
                metrics::count(metrics::Metric::Throttles, 1);
                Err(CallError::Passing(format!("{status} {kind}")))
            }
            500.. => Err(CallError::Passing(format!("{status} {kind}"))),
            _ => Err(CallError::Refused(format!("{status} {kind}"))),
        }
    }

    /// The request for one call, signed with `credentials` at `now` (unsigned without).
    fn signed(
        &self,
        method: http::Method,
        connection_id: &str,
        body: Vec<u8>,
        credentials: Option<&Credentials>,
        now: SystemTime,
    ) -> Result<http::Request<Vec<u8>>, CallError> {
        let url = format!(
            "{}/@connections/{}",
            self.0.endpoint,
            utf8_percent_encode(connection_id, SEGMENT)
        );
        let mut request = http::Request::builder().method(method).uri(&url);
        if !body.is_empty() {
            request = request
                .header("content-type", "application/octet-stream")
                .header("content-length", body.len().to_string());
        }
        let mut request = request
            .body(body)
            .map_err(|e| CallError::Refused(format!("cannot build the request: {e}")))?;
        if let Some(credentials) = credentials {
            self.sign(&mut request, credentials, now)?;
        }
        Ok(request)
    }

    /// Adds the SigV4 headers (`authorization`, `x-amz-date`, the session token) for the
    /// execute-api service in this region, over every header the request carries.
    fn sign(
        &self,
        request: &mut http::Request<Vec<u8>>,
        credentials: &Credentials,
        now: SystemTime,
    ) -> Result<(), CallError> {
        let mut headers = std::mem::take(request.headers_mut());
        let signed = self.0.signer.sign(
            request.method().as_str(),
            request.uri(),
            &mut headers,
            request.body(),
            credentials,
            now,
        );
        *request.headers_mut() = headers;
        signed.map_err(|e| CallError::Refused(format!("cannot sign: {e}")))
    }

    /// The credentials to sign with, fetched once and again shortly before they expire.
    async fn current_credentials(&self) -> Result<Option<Credentials>, CallError> {
        let Some(provider) = &self.0.provider else {
            return Ok(None);
        };
        let fresh = |c: &Credentials| {
            c.expiry()
                .is_none_or(|at| SystemTime::now() + CREDENTIALS_MARGIN < at)
        };
        if let Some(cached) = self.0.credentials.read().await.as_ref()
            && fresh(cached)
        {
            return Ok(Some(cached.clone()));
        }
        let mut slot = self.0.credentials.write().await;
        if let Some(cached) = slot.as_ref()
            && fresh(cached)
        {
            return Ok(Some(cached.clone()));
        }
        let loaded = provider
            .provide_credentials()
            .await
            .map_err(|e| CallError::Passing(format!("no AWS credentials: {e}")))?;
        *slot = Some(loaded.clone());
        Ok(Some(loaded))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::time::UNIX_EPOCH;

    use aws_smithy_async::time::StaticTimeSource;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    /// Answers one request with 200 and hands back its head (request line and headers).
    async fn capture_one() -> (String, tokio::task::JoinHandle<String>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/prod", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut seen = Vec::new();
            let mut buffer = [0u8; 4096];
            while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                let n = socket.read(&mut buffer).await.unwrap();
                seen.extend_from_slice(&buffer[..n]);
            }
            socket
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
                .await
                .unwrap();
            let text = String::from_utf8_lossy(&seen).to_string();
            text.split("\r\n\r\n")
                .next()
                .unwrap_or_default()
                .to_string()
        });
        (url, task)
    }

    fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
        head.lines().find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    #[tokio::test]
    async fn a_post_is_signed_exactly_as_the_sdk_signs_it() {
        let credentials =
            Credentials::new("AKIDEXAMPLE", "secret", Some("token".into()), None, "t");
        let at = UNIX_EPOCH + Duration::from_secs(1_765_000_000);
        // API Gateway's ids are base64: `+`, `/` and `=` must be encoded in the path.
        let id = "a+b/c=";
        let frame = br#"{"type":"pong"}"#.to_vec();

        let (url, sdk_request) = capture_one().await;
        let sdk = aws::sdk_config(
            "eu-west-1",
            domain::limits::MANAGEMENT_API_TIMEOUTS,
            Some(&url),
        )
        .await;
        let config = aws_sdk_apigatewaymanagement::config::Builder::from(&sdk)
            .credentials_provider(credentials.clone())
            .time_source(StaticTimeSource::new(at))
            .build();
        aws_sdk_apigatewaymanagement::Client::from_conf(config)
            .post_to_connection()
            .connection_id(id)
            .data(aws_smithy_types::Blob::new(frame.clone()))
            .send()
            .await
            .unwrap();
        let sdk = sdk_request.await.unwrap();

        let client = Management::with_credentials("eu-west-1", &url, None).unwrap();
        let ours = client
            .signed(
                http::Method::POST,
                id,
                frame.clone(),
                Some(&credentials),
                at,
            )
            .unwrap();
        let request_line = sdk.lines().next().unwrap();
        assert_eq!(
            request_line,
            format!("POST {} HTTP/1.1", ours.uri().path()),
            "the same path"
        );
        for name in [
            "x-amz-date",
            "x-amz-security-token",
            "content-type",
            "content-length",
        ] {
            assert_eq!(
                header(&sdk, name),
                ours.headers().get(name).and_then(|v| v.to_str().ok()),
                "{name}\n{sdk}"
            );
        }

        // The SDK signs one header more (its user agent). Signing the SDK's own request (its
        // headers, without its signature) must give the SDK's signature.
        let mut again = http::Request::builder()
            .method(http::Method::POST)
            .uri(format!(
                "{url}/@connections/{}",
                ours.uri().path().rsplit('/').next().unwrap()
            ));
        let signed_by_sdk: Vec<&str> = header(&sdk, "authorization")
            .and_then(|a| a.split("SignedHeaders=").nth(1))
            .and_then(|rest| rest.split(',').next())
            .unwrap()
            .split(';')
            .collect();
        for line in sdk.lines().skip(1) {
            let (name, value) = line.split_once(':').unwrap();
            let name = name.to_ascii_lowercase();
            let added_by_signing = ["x-amz-date", "x-amz-security-token"].contains(&name.as_str());
            if signed_by_sdk.contains(&name.as_str()) && !added_by_signing {
                again = again.header(name, value.trim());
            }
        }
        let mut again = again.body(frame).unwrap();
        client.sign(&mut again, &credentials, at).unwrap();
        assert_eq!(
            header(&sdk, "authorization"),
            again
                .headers()
                .get("authorization")
                .and_then(|v| v.to_str().ok()),
        );
        assert!(header(&sdk, "authorization").unwrap().starts_with(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20251206/eu-west-1/execute-api/"
        ));
    }
}
