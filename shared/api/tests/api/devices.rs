//! Live devices for API tests: a stand-in for API Gateway's Management API that keeps every
//! frame posted to each connection, and connections registered in Redis as `$connect` would.
//! A fan-out finishes before the request that caused it answers, so once a call returns, what a
//! device holds is everything it was sent.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use api::websocket;
use aws_lambda_events::apigw::ApiGatewayWebsocketProxyRequest;
use aws_lambda_events::encodings::Body;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use domain::events::ServerEvent;
use realtime::fanout::Fanout;
use realtime::management::Management;
use serde_json::{Value, json};

use crate::{Person, TestApp};

type Frames = Arc<Mutex<HashMap<String, Vec<String>>>>;

/// One connection of one person.
pub struct Device {
    pub id: String,
    frames: Frames,
}

impl Device {
    /// The events sent to this device since the last look, oldest first.
    pub fn events(&self) -> Vec<ServerEvent> {
        let frames = self
            .frames
            .lock()
            .unwrap()
            .remove(&self.id)
            .unwrap_or_default();
        frames
            .iter()
            .map(|f| serde_json::from_str(f).unwrap_or_else(|e| panic!("{e}: {f}")))
            .collect()
    }
}

async fn record(State(frames): State<Frames>, Path(id): Path<String>, body: Bytes) -> StatusCode {
    let text = String::from_utf8(body.to_vec()).unwrap();
    frames.lock().unwrap().entry(id).or_default().push(text);
    StatusCode::OK
}

/// The recording Management API of one app.
pub struct Devices {
    frames: Frames,
}

impl TestApp {
    /// This app, with events delivered to a recording Management API.
    pub async fn with_devices(mut self) -> (Self, Devices) {
        let frames = Frames::default();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let endpoint = format!("http://{}", listener.local_addr().unwrap());
        let management = Router::new()
            .route("/@connections/{id}", post(record))
            .with_state(frames.clone());
        tokio::spawn(async move { axum::serve(listener, management).await });
        self.state.fanout = Fanout::new(
            self.state.redis.clone(),
            Some(Management::new("us-east-1", &endpoint).await.unwrap()),
        );
        self.router = api::router(self.state.clone());
        (self, Devices { frames })
    }

    /// A WebSocket route called as API Gateway calls it.
    pub async fn ws(&self, route: &str, connection: &str, extra: Value) -> Option<ServerEvent> {
        let now = domain::Timestamp::now().unix_seconds() * 1000;
        let mut event = json!({
            "requestContext": {"connectionId": connection, "routeKey": route,
                "eventType": "MESSAGE", "stage": "test", "apiId": "test",
                "connectedAt": now, "requestTimeEpoch": now,
                "requestId": ulid::Ulid::new().to_string(),
                "identity": {"sourceIp": "127.0.0.1"}},
        });
        for (k, v) in extra.as_object().into_iter().flatten() {
            event[k] = v.clone();
        }
        let request: ApiGatewayWebsocketProxyRequest = serde_json::from_value(event).unwrap();
        let state = &self.state;
        let answer = match route {
            "$connect" => websocket::on_connect(state, request).await,
            "$disconnect" => websocket::on_disconnect(state, request).await,
            _ => websocket::on_message(state, request).await,
        };
        assert_eq!(answer.status_code, 200, "{route} refused");
        match answer.body {
            Some(Body::Text(text)) => Some(serde_json::from_str(&text).unwrap()),
            _ => None,
        }
    }

    /// A frame from a device, and the answer on the same connection (if any).
    pub async fn frame(&self, device: &Device, frame: Value) -> Option<ServerEvent> {
        self.ws("$default", &device.id, json!({"body": frame.to_string()}))
            .await
    }
}

impl Devices {
    /// A new live connection of `who`, opened with a ticket as a client does.
    pub async fn connect(&self, app: &TestApp, who: &Person) -> Device {
        let id = ulid::Ulid::new().to_string();
        let ticket = app
            .state
            .redis
            .mint_ticket(who.user.id, &domain::revocation::Grant::issued_now(""))
            .await
            .unwrap();
        app.ws(
            "$connect",
            &id,
            json!({"queryStringParameters": {"ticket": ticket},
                "headers": {"origin": app.state.config.base_url.origin().ascii_serialization()}}),
        )
        .await;
        app.state.redis.ping_connection(&id).await.unwrap();
        Device {
            id,
            frames: self.frames.clone(),
        }
    }
}
