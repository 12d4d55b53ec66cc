//! Which request a log line belongs to. Every line of a request carries API Gateway's request
//! id (what its access log and AWS support name) as `request_id`, Lambda's as
//! `lambda_request_id` (what the function's own START/REPORT lines name), and the client's
//! `x-request-id`, if it sent one, apart as `client_request_id`: a client may set that to
//! anything, so it never stands in for ours. The response's `x-request-id` is ours.

use axum::body::Body;
use axum::http::{HeaderValue, Request};
use axum::middleware::Next;
use axum::response::Response;
use lambda_http::RequestExt;
use lambda_http::request::RequestContext;

const HEADER: &str = "x-request-id";
/// The longest client id kept (anything longer, or not printable ASCII, is dropped).
const CLIENT_ID_MAX: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestIds {
    pub request_id: String,
    pub lambda_request_id: Option<String>,
    pub client_request_id: Option<String>,
}

impl RequestIds {
    /// API Gateway's id when the request came through it (lambda_http's request context), else
    /// Lambda's, else a new ULID (a request served outside both, as in unit tests).
    pub fn of<B>(request: &Request<B>) -> Self {
        let gateway = match request.request_context_ref() {
            Some(RequestContext::ApiGatewayV2(context)) => context.request_id.clone(),
            Some(RequestContext::ApiGatewayV1(context)) => context.request_id.clone(),
            _ => None,
        }
        .filter(|id| !id.is_empty());
        let lambda = request
            .lambda_context_ref()
            .map(|context| context.request_id.clone())
            .filter(|id| !id.is_empty());
        let client = request
            .headers()
            .get(HEADER)
            .and_then(|v| v.to_str().ok())
            .filter(|v| {
                !v.is_empty() && v.len() <= CLIENT_ID_MAX && v.bytes().all(|b| b.is_ascii_graphic())
            })
            .map(str::to_owned);
        RequestIds {
            request_id: gateway
                .or_else(|| lambda.clone())
                .unwrap_or_else(|| ulid::Ulid::new().to_string()),
            lambda_request_id: lambda,
            client_request_id: client,
        }
    }
}

/// Middleware: works out the ids (kept in the request for `span`) and answers with ours; at
/// the end of the request, flushes its metrics.
pub async fn assign(mut request: Request<Body>, next: Next) -> Response {
    let ids = RequestIds::of(&request);
    let header = HeaderValue::from_str(&ids.request_id).ok();
    request.extensions_mut().insert(ids);
    let mut response = next.run(request).await;
    if let Some(id) = header {
        response.headers_mut().insert(HEADER, id);
    }
    // The end of the request: what it counted goes out in one line (`metrics`).
    metrics::flush();
    response
}

/// The span every log line of a request is in.
pub fn span<B>(request: &Request<B>) -> tracing::Span {
    let ids = request.extensions().get::<RequestIds>();
    tracing::info_span!(
        "request",
        request_id = ids.map(|i| i.request_id.as_str()),
        lambda_request_id = ids.and_then(|i| i.lambda_request_id.as_deref()),
        client_request_id = ids.and_then(|i| i.client_request_id.as_deref()),
        method = %request.method(),
        path = %request.uri().path(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clients_id_is_kept_apart_and_only_when_it_is_plain() {
        let request = Request::builder()
            .header(HEADER, "client-chosen-7")
            .body(())
            .unwrap();
        let ids = RequestIds::of(&request);
        assert_eq!(ids.client_request_id.as_deref(), Some("client-chosen-7"));
        assert_ne!(ids.request_id, "client-chosen-7");
        assert_eq!(
            ids.request_id.len(),
            26,
            "a ULID outside API Gateway and Lambda"
        );

        for bad in ["has space", &"x".repeat(CLIENT_ID_MAX + 1)] {
            let request = Request::builder().header(HEADER, bad).body(()).unwrap();
            assert_eq!(RequestIds::of(&request).client_request_id, None, "{bad}");
        }
    }

    #[test]
    fn api_gateways_and_lambdas_ids_are_taken_from_the_event() {
        let mut context =
            lambda_http::aws_lambda_events::apigw::ApiGatewayV2httpRequestContext::default();
        context.request_id = Some("JKJaXmPLvHcESHA=".into());
        let mut lambda = lambda_http::Context::default();
        lambda.request_id = "8476a536-e9f4-11e8-9739-2dfe598c3fcd".into();
        let request = Request::builder()
            .header(HEADER, "mine")
            .body(())
            .unwrap()
            .with_request_context(RequestContext::ApiGatewayV2(context))
            .with_lambda_context(lambda);
        assert_eq!(
            RequestIds::of(&request),
            RequestIds {
                request_id: "JKJaXmPLvHcESHA=".into(),
                lambda_request_id: Some("8476a536-e9f4-11e8-9739-2dfe598c3fcd".into()),
                client_request_id: Some("mine".into()),
            }
        );
    }
}
