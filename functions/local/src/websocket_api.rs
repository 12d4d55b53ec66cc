//! The WebSocket API: upgrades run `$connect` first (a refusal means no socket, as in API
//! Gateway), every text frame runs `$default` (its response body is sent back, as a `$default`
//! route response does), and the close runs `$disconnect`. The events are the real
//! `ApiGatewayWebsocketProxyRequest` JSON API Gateway sends.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Duration;

use aws_lambda_events::apigw::{ApiGatewayProxyResponse, ApiGatewayWebsocketProxyRequest};
use aws_lambda_events::encodings::Body as EventBody;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use time::OffsetDateTime;
use tokio::sync::mpsc;

use crate::Gateway;
use crate::connections::{Closing, ConnectionInfo, Outgoing, new_connection_id};
use domain::limits::{WS_FRAME_MAX_BYTES, WS_IDLE_TIMEOUT_SECONDS, WS_MESSAGE_MAX_BYTES};

/// API Gateway's limits (`domain::limits`), enforced here as there.
const IDLE_TIMEOUT: Duration = Duration::from_secs(WS_IDLE_TIMEOUT_SECONDS);

/// Whether the socket failed because a frame or message was over its limit (tungstenite's
/// capacity error, which axum passes on boxed).
fn over_limit(error: &axum::Error) -> bool {
    use tokio_tungstenite::tungstenite::Error;
    std::error::Error::source(error)
        .and_then(|cause| cause.downcast_ref::<Error>())
        .is_some_and(|e| matches!(e, Error::Capacity(_)))
}

struct Peer {
    ip: String,
    user_agent: String,
}

fn base_context(route_key: &str, event_type: &str, connection_id: &str, peer: &Peer) -> Value {
    let now = OffsetDateTime::now_utc();
    json!({
        "routeKey": route_key,
        "eventType": event_type,
        "messageDirection": "IN",
        "stage": "local",
        "apiId": "local",
        "domainName": "localhost",
        "connectionId": connection_id,
        "connectedAt": now.unix_timestamp() * 1000,
        "requestTimeEpoch": now.unix_timestamp() * 1000,
        "requestId": ulid::Ulid::new().to_string(),
        "extendedRequestId": ulid::Ulid::new().to_string(),
        "identity": { "sourceIp": peer.ip, "userAgent": peer.user_agent },
    })
}

fn parse(event: Value) -> Option<ApiGatewayWebsocketProxyRequest> {
    serde_json::from_value(event)
        .map_err(|e| tracing::error!(error = %e, "the gateway built a WebSocket event that does not parse"))
        .ok()
}

fn header_object(headers: &HeaderMap) -> (BTreeMap<String, String>, BTreeMap<String, Vec<String>>) {
    let mut single = BTreeMap::new();
    let mut multi: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in headers {
        if let Ok(value) = value.to_str() {
            single.insert(name.as_str().to_string(), value.to_string());
            multi
                .entry(name.as_str().to_string())
                .or_default()
                .push(value.to_string());
        }
    }
    (single, multi)
}

fn status_of(response: &ApiGatewayProxyResponse) -> StatusCode {
    u16::try_from(response.status_code)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

pub async fn upgrade(
    State(gateway): State<Gateway>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    RawQuery(raw_query): RawQuery,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    let connection_id = new_connection_id();
    let peer = Peer {
        ip: addr.ip().to_string(),
        user_agent: headers
            .get("user-agent")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string(),
    };
    let mut query: BTreeMap<String, String> = BTreeMap::new();
    let mut multi_query: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, value) in url::form_urlencoded::parse(raw_query.unwrap_or_default().as_bytes()) {
        query.insert(key.to_string(), value.to_string());
        multi_query
            .entry(key.into_owned())
            .or_default()
            .push(value.into_owned());
    }
    let (single_headers, multi_headers) = header_object(&headers);
    let connect = json!({
        "headers": single_headers,
        "multiValueHeaders": multi_headers,
        "queryStringParameters": query,
        "multiValueQueryStringParameters": multi_query,
        "requestContext": base_context("$connect", "CONNECT", &connection_id, &peer),
        "isBase64Encoded": false,
    });
    let Some(event) = parse(connect) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let answer = api::websocket::on_connect(&gateway.app, event).await;
    let status = status_of(&answer);
    if !status.is_success() {
        return status.into_response();
    }
    ws.max_message_size(WS_MESSAGE_MAX_BYTES)
        .max_frame_size(WS_FRAME_MAX_BYTES)
        .on_upgrade(move |socket| run(socket, gateway, connection_id, peer, single_headers))
}

async fn run(
    socket: WebSocket,
    gateway: Gateway,
    connection_id: String,
    peer: Peer,
    headers: BTreeMap<String, String>,
) {
    let (mut sink, mut stream) = socket.split();
    let (tx, mut rx) = mpsc::unbounded_channel::<Outgoing>();
    let now = OffsetDateTime::now_utc();
    gateway.connections.insert(
        &connection_id,
        tx.clone(),
        ConnectionInfo {
            connected_at: now,
            last_active_at: now,
            source_ip: peer.ip.clone(),
            user_agent: peer.user_agent.clone(),
        },
    );

    let writer = tokio::spawn(async move {
        while let Some(out) = rx.recv().await {
            let sent = match out {
                Outgoing::Text(text) => sink.send(Message::Text(text.into())).await,
                Outgoing::Close(closing) => {
                    let _ = sink
                        .send(Message::Close(Some(CloseFrame {
                            code: closing.code(),
                            reason: closing.reason().into(),
                        })))
                        .await;
                    break;
                }
            };
            if sent.is_err() {
                break;
            }
        }
    });

    let close = |closing: Closing| {
        let _ = tx.send(Outgoing::Close(closing));
        (closing.code(), closing.reason())
    };
    let (close_code, reason) = loop {
        let next = tokio::time::timeout(IDLE_TIMEOUT, stream.next()).await;
        let message = match next {
            Err(_) => break close(Closing::Idle),
            Ok(Some(Err(e))) if over_limit(&e) => break close(Closing::TooBig),
            Ok(None) | Ok(Some(Err(_))) => break (1006, "Connection closed abnormally"),
            Ok(Some(Ok(message))) => message,
        };
        gateway.connections.touch(&connection_id);
        match message {
            Message::Text(text) => {
                let mut context = base_context("$default", "MESSAGE", &connection_id, &peer);
                context["messageId"] = json!(ulid::Ulid::new().to_string());
                let event = json!({
                    "requestContext": context,
                    "body": text.as_str(),
                    "isBase64Encoded": false,
                });
                let Some(event) = parse(event) else { continue };
                let answer = api::websocket::on_message(&gateway.app, event).await;
                if let Some(EventBody::Text(reply)) = answer.body {
                    let _ = tx.send(Outgoing::Text(reply));
                }
            }
            Message::Binary(_) => break close(Closing::Binary),
            Message::Close(frame) => {
                break frame
                    .map(|f| (f.code, "Client closed"))
                    .unwrap_or((1005, "Client closed"));
            }
            Message::Ping(_) | Message::Pong(_) => {}
        }
    };

    gateway.connections.remove(&connection_id);
    drop(tx);
    let _ = writer.await;
    let mut context = base_context("$disconnect", "DISCONNECT", &connection_id, &peer);
    context["disconnectStatusCode"] = json!(close_code);
    context["disconnectReason"] = json!(reason);
    let event = json!({ "headers": headers, "requestContext": context, "isBase64Encoded": false });
    if let Some(event) = parse(event) {
        api::websocket::on_disconnect(&gateway.app, event).await;
    }
}
