//! The HTTP API: each request becomes the payload 2.0 event API Gateway would send, goes through
//! lambda_http's own adapter (the one `lambda_http::run` uses) into the `rest` router, and the
//! Lambda response it produces becomes the HTTP response, as API Gateway would build it.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use aws_lambda_events::apigw::ApiGatewayV2httpResponse;
use aws_lambda_events::encodings::Body as EventBody;
use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header, request::Parts};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use lambda_http::request::LambdaRequest;
use lambda_http::{Adapter, Context, LambdaEvent, Service};
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::Gateway;

/// API Gateway HTTP APIs accept payloads up to 10 MB; Lambda takes 6 MB.
const MAX_BODY_BYTES: usize = 6 * 1024 * 1024;

pub async fn forward(
    State(gateway): State<Gateway>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY_BYTES).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "Request Entity Too Large").into_response();
    };
    let event = v2_event(&parts, &bytes, peer);
    let lambda_request: LambdaRequest = match serde_json::from_value(event) {
        Ok(request) => request,
        Err(e) => {
            tracing::error!(error = %e, "the gateway built an event lambda_http cannot read");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut context = Context::default();
    context.request_id = ulid::Ulid::new().to_string();
    // The adapter itself is not Send; only the future it returns crosses the await.
    let pending =
        Adapter::from(gateway.rest.clone()).call(LambdaEvent::new(lambda_request, context));
    let Ok(lambda_response) = pending.await;
    match serde_json::to_value(&lambda_response)
        .and_then(serde_json::from_value::<ApiGatewayV2httpResponse>)
    {
        Ok(v2) => http_response(v2),
        Err(e) => {
            tracing::error!(error = %e, "the rest handler's response is not an HTTP API response");
            StatusCode::BAD_GATEWAY.into_response()
        }
    }
}

fn is_text(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|t| {
        t.starts_with("text/")
            || t.contains("json")
            || t.contains("xml")
            || t.contains("x-www-form-urlencoded")
    })
}

/// The HTTP API payload format 2.0 event for this request.
fn v2_event(parts: &Parts, body: &[u8], peer: SocketAddr) -> Value {
    let mut headers: BTreeMap<String, String> = BTreeMap::new();
    let mut cookies = Vec::new();
    for (name, value) in &parts.headers {
        let Ok(value) = value.to_str() else { continue };
        if name == header::COOKIE {
            cookies.extend(
                value
                    .split(';')
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty()),
            );
            continue;
        }
        headers
            .entry(name.as_str().to_string())
            .and_modify(|v| {
                v.push(',');
                v.push_str(value);
            })
            .or_insert_with(|| value.to_string());
    }
    headers.insert("x-forwarded-for".into(), peer.ip().to_string());
    headers.insert("x-forwarded-proto".into(), "http".into());
    headers.insert("x-forwarded-port".into(), peer.port().to_string());

    let raw_query = parts.uri.query().unwrap_or_default();
    let mut query: BTreeMap<String, String> = BTreeMap::new();
    for (key, value) in url::form_urlencoded::parse(raw_query.as_bytes()) {
        query
            .entry(key.into_owned())
            .and_modify(|v| {
                v.push(',');
                v.push_str(&value);
            })
            .or_insert_with(|| value.into_owned());
    }
    let text_body = is_text(headers.get("content-type").map(String::as_str));
    let (body, is_base64) = match (body.is_empty(), text_body, std::str::from_utf8(body)) {
        (true, _, _) => (Value::Null, false),
        (false, true, Ok(text)) => (Value::String(text.to_string()), false),
        _ => (Value::String(BASE64.encode(body)), true),
    };
    let now = OffsetDateTime::now_utc();
    let path = parts.uri.path();
    json!({
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": raw_query,
        "cookies": cookies,
        "headers": headers,
        "queryStringParameters": query,
        "requestContext": {
            "accountId": "000000000000",
            "apiId": "local",
            "domainName": headers.get("host").cloned().unwrap_or_else(|| "localhost".into()),
            "domainPrefix": "local",
            "http": {
                "method": parts.method.as_str(),
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": peer.ip().to_string(),
                "userAgent": headers.get("user-agent").cloned().unwrap_or_default(),
            },
            "requestId": ulid::Ulid::new().to_string(),
            "routeKey": "$default",
            "stage": "$default",
            "time": now.format(&time::format_description::well_known::Rfc2822).unwrap_or_default(),
            "timeEpoch": now.unix_timestamp() * 1000,
        },
        "body": body,
        "isBase64Encoded": is_base64,
        "pathParameters": {},
        "stageVariables": {},
    })
}

/// What API Gateway sends the client for a Lambda's payload 2.0 response.
fn http_response(v2: ApiGatewayV2httpResponse) -> Response {
    let status = u16::try_from(v2.status_code)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::BAD_GATEWAY);
    let body = match v2.body {
        None | Some(EventBody::Empty) => Vec::new(),
        Some(EventBody::Text(text)) if v2.is_base64_encoded => {
            BASE64.decode(text).unwrap_or_default()
        }
        Some(EventBody::Text(text)) => text.into_bytes(),
        Some(EventBody::Binary(bytes)) => bytes,
        Some(_) => Vec::new(),
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    for (name, value) in v2.headers.iter().chain(v2.multi_value_headers.iter()) {
        headers.append(name.clone(), value.clone());
    }
    for cookie in v2.cookies {
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    headers.insert(
        HeaderName::from_static("apigw-requestid"),
        HeaderValue::from_static("local"),
    );
    response
}
