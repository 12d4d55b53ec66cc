//! Hardening: rate limits (counted in the real Redis) on sign-in, invites, password reset,
//! WebSocket tickets and sends; security headers on every kind of answer; CORS for the app's
//! origin only. Requests carry the HTTP API's request context, as lambda_http hands them to the
//! router, so the client address is the one Lambda would see.

mod headers;
mod member_limits;
mod sign_in_limits;

use api::RateLimits;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use domain::limits::RateLimit;
use http_body_util::BodyExt;
use lambda_http::aws_lambda_events::apigw::ApiGatewayV2httpRequestContext;
use lambda_http::request::RequestContext;
use serde_json::Value;
use tower::ServiceExt;

use crate::{TestApp, code, spawn_app};

/// What the router answered: status, headers, and the JSON body (`Null` when it is not JSON).
pub(super) struct Answer {
    pub(super) status: StatusCode,
    pub(super) headers: HeaderMap,
    pub(super) body: Value,
}

/// A client address no other test (or earlier run) uses: the counters live in a shared Redis.
pub(super) fn fresh_ip() -> String {
    let n = ulid::Ulid::new().random();
    format!(
        "2001:db8:{:x}:{:x}::{:x}",
        (n >> 48) & 0xffff,
        (n >> 32) & 0xffff,
        n & 0xffff
    )
}

/// Calls the router as API Gateway's HTTP API would, from `ip`, with extra `headers`.
pub(super) async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    ip: &str,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> Answer {
    let mut context = ApiGatewayV2httpRequestContext::default();
    context.http.source_ip = Some(ip.to_string());
    let mut request = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut request = match body {
        Some(body) => request
            .header("content-type", "application/json")
            .body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    }
    .unwrap();
    request
        .extensions_mut()
        .insert(RequestContext::ApiGatewayV2(context));
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        body,
    }
}

/// POSTs `body` as JSON from `ip`.
pub(super) async fn post(app: &TestApp, path: &str, ip: &str, body: Value) -> Answer {
    send(app, Method::POST, path, ip, Some(body), &[]).await
}

/// An app with `limits` in force.
pub(super) async fn app_with(adjust: impl FnOnce(&mut RateLimits)) -> TestApp {
    let mut app = spawn_app().await;
    adjust(&mut app.state.rate_limits);
    app.router = api::router(app.state.clone());
    app
}

/// A limit no test reaches, for the limits a test does not look at.
pub(super) const PLENTY: RateLimit = RateLimit {
    max: 1000,
    window_seconds: 60,
};

/// At most `max` a minute.
pub(super) fn at_most(max: u32) -> RateLimit {
    RateLimit {
        max,
        window_seconds: 60,
    }
}

/// A 429 `rate_limited` with a message and a `Retry-After` within the window.
pub(super) fn assert_limited(answer: &Answer, window_seconds: u64) {
    assert_eq!(
        answer.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        answer.body
    );
    assert_eq!(code(&answer.body), "rate_limited");
    let message = answer.body["error"]["message"].as_str().unwrap();
    assert!(message.contains("Try again in"), "{message}");
    let retry_after: u64 = answer.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (1..=window_seconds).contains(&retry_after),
        "Retry-After {retry_after}"
    );
}

pub(super) fn assert_not_limited(answer: &Answer) {
    assert_ne!(
        answer.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        answer.body
    );
}
