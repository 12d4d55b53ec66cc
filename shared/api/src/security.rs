//! Security headers, CORS and origin checks: what every API response carries (errors, 404s and
//! redirects too), which pages may use the refresh cookie, and the headers of the web app's pages, which the local gateway sends as CloudFront's
//! response headers policy does in AWS (template.yaml `SecurityHeadersPolicy`).

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use config::Config;
use domain::ErrorCode;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::{ApiError, AppState};

/// The API answers JSON and redirects, never a page: nothing may load from or frame it.
pub const API_CONTENT_SECURITY_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// Two years, subdomains included: sent in production only (a development host is plain http,
/// and a browser would remember the header for localhost).
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000; includeSubDomains";

/// The web app's CSP. Its scripts and styles are files of its own (no inline ones: React sets
/// styles through the DOM, which CSP allows); it talks to its own origin, to the WebSocket API,
/// whose origin is `ws_origin` (`wss://{api}.execute-api.{region}.amazonaws.com` in AWS), and
/// to the uploads bucket at `files_origin` (the browser PUTs uploads and shows images from it
/// through presigned URLs). template.yaml holds the same policy for CloudFront.
pub fn spa_content_security_policy(ws_origin: &str, files_origin: Option<&str>) -> String {
    let files = files_origin
        .map(|origin| format!(" {origin}"))
        .unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; \
         img-src 'self' data: blob:{files}; connect-src 'self' {ws_origin}{files}; \
         frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
    )
}

/// Where browsers reach the uploads bucket: the stand-in's origin locally (path-style), the
/// bucket's regional S3 host in AWS.
pub fn files_origin(config: &Config) -> Option<String> {
    let uploads = config.uploads.as_ref()?;
    match &uploads.endpoint {
        Some(endpoint) => url::Url::parse(endpoint)
            .ok()
            .map(|url| url.origin().ascii_serialization()),
        None => Some(format!(
            "https://{}.s3.{}.amazonaws.com",
            uploads.bucket, config.aws_region
        )),
    }
}

/// The headers of every page and file of the web app (HSTS aside: CloudFront adds it in AWS).
pub fn spa_headers(config: &Config) -> Vec<(HeaderName, HeaderValue)> {
    let ws_origin = url::Url::parse(&config.ws_url)
        .map(|url| url.origin().ascii_serialization())
        .unwrap_or_default();
    let files = files_origin(config);
    let csp = HeaderValue::from_str(&spa_content_security_policy(&ws_origin, files.as_deref()))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    vec![
        (header::CONTENT_SECURITY_POLICY, csp),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ),
    ]
}

/// Adds the security headers to every response of `router`.
pub fn with_headers(router: Router, config: &Config) -> Router {
    let hsts = config
        .is_production()
        .then_some(HeaderValue::from_static(STRICT_TRANSPORT_SECURITY));
    router
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(API_CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            move |_: &Response| hsts.clone(),
        ))
}

/// CORS for `BASE_URL` only: its preflights are answered (credentials, `Authorization` and
/// `Content-Type`), its answers name it; any other origin gets no CORS header at all, so its
/// pages cannot read an answer. The app's pages and the API share one origin (CloudFront in
/// AWS, the gateway locally), so browsers never need CORS today: this makes a page elsewhere
/// refused by rule rather than by omission. API Gateway's own CORS stays off (template.yaml),
/// so these are the only CORS answers.
pub async fn cors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let allowed = state.config.base_url.origin().ascii_serialization();
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .filter(|origin| origin.as_bytes() == allowed.as_bytes())
        .cloned();
    let Some(origin) = origin else {
        let mut response = next.run(request).await;
        vary_on_origin(&mut response);
        return response;
    };
    let preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut response = if preflight {
        let mut response = StatusCode::NO_CONTENT.into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE"),
        );
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("authorization, content-type"),
        );
        headers.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        response
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        HeaderValue::from_static("true"),
    );
    vary_on_origin(&mut response);
    response
}

/// Lets a state-changing request to a route that acts on the refresh cookie (refresh, sign
/// out) through only when its `Origin` is `BASE_URL`'s. The cookie is `SameSite=Strict`, but
/// that is one browser rule standing between any page on the web and a session (and a sibling
/// subdomain counts as the same site); browsers send `Origin` with every POST, the app's own
/// included, so a request without one did not come from the app's pages either.
pub async fn from_app_origin(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let allowed = state.config.base_url.origin().ascii_serialization();
    match request.headers().get(header::ORIGIN) {
        Some(origin) if origin.as_bytes() == allowed.as_bytes() => next.run(request).await,
        Some(_) => ApiError::forbidden(
            ErrorCode::ForbiddenOrigin,
            format!(
                "this request came from another site; Parley signs you in and out only from its own pages at {allowed}"
            ),
        )
        .into_response(),
        None => ApiError::forbidden(
            ErrorCode::ForbiddenOrigin,
            format!(
                "this request did not say where it came from (no Origin header); Parley signs you in and out only from its own pages at {allowed}"
            ),
        )
        .into_response(),
    }
}

/// The header CloudFront adds to every request it forwards to the API (template.yaml, the
/// `api` origin's custom headers), carrying `EDGE_SECRET`.
pub const EDGE_SECRET_HEADER: &str = "x-parley-edge";

/// Refuses requests that did not come through CloudFront when `EDGE_SECRET` is set. Behind
/// CloudFront the client IP is the `X-Forwarded-For` entry CloudFront appended
/// (`ratelimit::ClientIp`); a caller on the execute-api URL writes that entry themselves and
/// could pick a new address for every try, so the per-IP rate limits only hold if such calls
/// are turned away.
pub async fn from_edge(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if let Some(secret) = &state.config.edge_secret {
        let presented = request
            .headers()
            .get(EDGE_SECRET_HEADER)
            .map(HeaderValue::as_bytes)
            .unwrap_or_default();
        if !same_bytes(presented, secret.expose().as_bytes()) {
            return ApiError::forbidden(
                ErrorCode::NotThroughCloudfront,
                "call Parley through its public address, not the API Gateway URL",
            )
            .into_response();
        }
    }
    next.run(request).await
}

/// Compares without stopping at the first difference, so timing says nothing of the secret.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The answer depends on Origin: caches must not hand one origin's answer to another.
fn vary_on_origin(response: &mut Response) {
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("origin"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> Config {
        Config::from_lookup(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_string())
        })
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_app_may_reach_exactly_the_uploads_bucket() {
        assert_eq!(files_origin(&config(&[])), None);
        let local = config(&[
            ("UPLOADS_BUCKET", "parley-uploads"),
            ("S3_ENDPOINT", "http://127.0.0.1:4566/"),
        ]);
        assert_eq!(
            files_origin(&local).as_deref(),
            Some("http://127.0.0.1:4566")
        );
        let aws = config(&[
            ("UPLOADS_BUCKET", "team-uploads"),
            ("AWS_REGION", "eu-west-1"),
        ]);
        let origin = files_origin(&aws);
        assert_eq!(
            origin.as_deref(),
            Some("https://team-uploads.s3.eu-west-1.amazonaws.com")
        );
        let csp = spa_content_security_policy("wss://ws.example.com", origin.as_deref());
        assert!(csp.contains(
            "connect-src 'self' wss://ws.example.com https://team-uploads.s3.eu-west-1.amazonaws.com;"
        ));
        assert!(csp.contains(
            "img-src 'self' data: blob: https://team-uploads.s3.eu-west-1.amazonaws.com;"
        ));
    }
}
