//! The local gateway end to end: real DynamoDB Local and redis-server, real WebSocket clients,
//! the AWS SDK against the management API. Each test runs its own gateway on a free port with a
//! table of its own.
//!
//! `basics`: tickets, connections, the management API, sending and history, the OpenAPI
//! document. `events`: that each realtime event reaches exactly the people who may see it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use tokio::time::Instant;

use api::AppState;
use domain::channel::{Channel, ChannelRole, ChannelType};
use domain::events::ServerEvent;
use domain::message::{Message, MessagePage};
use domain::revocation::Grant;
use domain::user::{Role, User};
use domain::{ChannelId, Timestamp, UserId};
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message as Frame;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::handshake::client::Request as WsRequest;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};

/// The next event of one variant (see `next_event`), unwrapped:
/// `expect_event!(socket, "sidebar.channel", SidebarChannel)`.
macro_rules! expect_event {
    ($socket:expr, $kind:literal, $variant:ident) => {
        match $crate::next_event($socket, $kind).await {
            ServerEvent::$variant(data) => data,
            other => panic!("expected {}, got {other:?}", $kind),
        }
    };
}

mod admin;
mod audience;
mod basics;
mod costs;
mod events;
mod hardening;
mod live;
mod messages;
mod profile;
mod recovery;

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

const WAIT: Duration = Duration::from_secs(10);

struct TestGateway {
    base: String,
    ws: String,
    /// BASE_URL's origin, which the WebSocket wants as Origin (a page of the app).
    origin: String,
    app: AppState,
    http: reqwest::Client,
}

fn env(name: &str) -> String {
    std::env::var(name)
        .unwrap_or_else(|_| panic!("{name} is not set: run the tests with `make test`"))
}

async fn spawn_gateway() -> TestGateway {
    spawn_gateway_with(|app| app).await
}

/// A gateway whose state `adjust` may change first (e.g. to count the calls it makes).
async fn spawn_gateway_with(adjust: impl FnOnce(AppState) -> AppState) -> TestGateway {
    spawn_gateway_on(&env("REDIS_URL"), &env("DYNAMODB_ENDPOINT"), adjust).await
}

/// A gateway on the Redis at `redis_url` and DynamoDB at `dynamodb` (private ones, or a proxy, a
/// fault test may kill or stall).
async fn spawn_gateway_on(
    redis_url: &str,
    dynamodb: &str,
    adjust: impl FnOnce(AppState) -> AppState,
) -> TestGateway {
    let settings = [
        ("ENV", "development"),
        ("DYNAMODB_ENDPOINT", dynamodb),
        ("REDIS_URL", redis_url),
    ];
    let lookup = |name: &str| {
        let found = settings.iter().find(|(n, _)| *n == name);
        found.map(|(_, value)| value.to_string())
    };
    let gateway = local::spawn_in_process("gw", lookup, web_dist(), adjust, |router| router)
        .await
        .unwrap();
    TestGateway {
        base: gateway.base,
        ws: gateway.ws,
        origin: gateway.origin,
        app: gateway.app,
        http: reqwest::Client::new(),
    }
}

impl TestGateway {
    /// A user who is in #general, with an access token.
    async fn user(&self, name: &str) -> (User, String) {
        let (user, token) = self.account(name, Role::Member).await;
        let general = self
            .app
            .store
            .channels()
            .ensure_general(user.id)
            .await
            .unwrap();
        self.app
            .store
            .channels()
            .add_member(general.id, user.id, ChannelRole::Member)
            .await
            .unwrap();
        (user, token)
    }

    /// A system admin (in no channel), and their access token.
    async fn admin(&self) -> String {
        self.account("Ada", Role::Admin).await.1
    }

    /// A guest in no channel yet (an invite puts one in #general; tests that need a guest
    /// outside it add them where they want), and their access token.
    async fn guest(&self, name: &str) -> (User, String) {
        self.account(name, Role::Guest).await
    }

    /// An account with `role`, in no channel, and its access token.
    async fn account(&self, name: &str, role: Role) -> (User, String) {
        let user = store::users::new_user(
            &format!("{name}-{}@example.com", ulid::Ulid::new()).to_lowercase(),
            name.into(),
            role,
        );
        self.app
            .store
            .users()
            .create(&user, None, false)
            .await
            .unwrap()
            .unwrap();
        let (token, _) = self
            .app
            .tokens
            .issue(&user, &Grant::issued_now(""))
            .unwrap();
        (user, token)
    }

    async fn channel(&self, name: &str, members: &[UserId]) -> Channel {
        let channel = Channel {
            id: ChannelId::new(),
            name: name.into(),
            slug: format!("{name}-{}", ulid::Ulid::new().to_string().to_lowercase()),
            description: String::new(),
            kind: ChannelType::Private,
            created_by: members[0],
            archived: false,
            created_at: Timestamp::now(),
            last_seq: 0,
            last_message_at: None,
        };
        assert!(
            self.app
                .store
                .channels()
                .create(&channel, members[0])
                .await
                .unwrap()
        );
        for member in &members[1..] {
            self.app
                .store
                .channels()
                .add_member(channel.id, *member, ChannelRole::Member)
                .await
                .unwrap();
        }
        channel
    }

    async fn ticket(&self, token: &str) -> String {
        let answer: Value = self
            .http
            .post(format!("{}/api/v1/ws/ticket", self.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        answer["ticket"].as_str().unwrap().to_string()
    }

    /// A socket the gateway has taken in. The upgrade answers before the gateway's connection
    /// task starts, and a fan-out in between would find the connection gone (410) and forget
    /// it; the gateway answers frames only from that task, so once a ping is answered the
    /// socket is fully open.
    async fn connect(&self, token: &str) -> Socket {
        let ticket = self.ticket(token).await;
        let (mut socket, _) = connect_async(self.ws_request(&ticket, Some(&self.origin)))
            .await
            .unwrap();
        let early = drain(&mut socket).await;
        assert!(early.is_empty(), "a new socket got {early:?}");
        socket
    }

    /// The handshake a page at `origin` sends to open the WebSocket with `ticket`.
    fn ws_request(&self, ticket: &str, origin: Option<&str>) -> WsRequest {
        let mut request = format!("{}?ticket={ticket}", self.ws)
            .into_client_request()
            .unwrap();
        if let Some(origin) = origin {
            request
                .headers_mut()
                .insert("origin", origin.parse().unwrap());
        }
        request
    }

    /// A JSON call to the REST API as the holder of `token`: the status and the body parsed
    /// (`Value::Null` when there is none). A `Value::Null` body sends no body.
    async fn call(
        &self,
        method: reqwest::Method,
        token: &str,
        path: &str,
        body: Value,
    ) -> (u16, Value) {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .bearer_auth(token);
        if !body.is_null() {
            request = request.json(&body);
        }
        let answer = request.send().await.unwrap();
        let status = answer.status().as_u16();
        let text = answer.text().await.unwrap();
        if text.is_empty() {
            return (status, Value::Null);
        }
        let body = serde_json::from_str(&text).unwrap_or_else(|e| {
            panic!("{method} {path} answered {status} with non-JSON ({e}): {text}")
        });
        (status, body)
    }

    async fn get(&self, token: &str, path: &str) -> (u16, Value) {
        self.call(reqwest::Method::GET, token, path, Value::Null)
            .await
    }

    async fn post(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::POST, token, path, body).await
    }

    async fn patch(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::PATCH, token, path, body).await
    }

    async fn delete(&self, token: &str, path: &str) -> (u16, Value) {
        self.call(reqwest::Method::DELETE, token, path, Value::Null)
            .await
    }

    /// `GET .../messages?{query}` as the holder of `token`.
    async fn history(&self, token: &str, channel: ChannelId, query: &str) -> reqwest::Response {
        self.http
            .get(format!(
                "{}/api/v1/channels/{channel}/messages?{query}",
                self.base
            ))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    async fn page(&self, token: &str, channel: ChannelId, query: &str) -> MessagePage {
        let answer = self.history(token, channel, query).await;
        assert_eq!(answer.status(), 200);
        answer.json().await.unwrap()
    }

    async fn send(&self, token: &str, channel: ChannelId, body: Value) -> reqwest::Response {
        self.http
            .post(format!("{}/api/v1/channels/{channel}/messages", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }
}

/// Presence changes arrive when someone a socket watches connects or leaves, and notifications
/// with messages in conversations; tests of other events look past them (`live` tests them).
const AMBIENT: [&str; 2] = ["presence.changed", "notification.new"];

fn ambient(text: &str) -> bool {
    AMBIENT.contains(&kind_of(text).as_str())
}

/// The next frame other than a presence change, parsed; fails the test after `WAIT`.
async fn next_frame(socket: &mut Socket) -> ServerEvent {
    let deadline = Instant::now() + WAIT;
    loop {
        let text = next_text(socket, deadline)
            .await
            .expect("no frame within 10 s");
        if !ambient(&text) {
            return serde_json::from_str(&text).unwrap();
        }
    }
}

/// The next text frame as sent, or `None` once `deadline` has passed.
async fn next_text(socket: &mut Socket, deadline: Instant) -> Option<String> {
    loop {
        let frame = tokio::time::timeout_at(deadline, socket.next())
            .await
            .ok()?;
        match frame {
            Some(Ok(Frame::Text(text))) => return Some(text.to_string()),
            Some(Ok(Frame::Ping(_) | Frame::Pong(_))) => continue,
            other => panic!("expected a text frame, got {other:?}"),
        }
    }
}

/// A frame's `type`.
fn kind_of(text: &str) -> String {
    let frame: Value = serde_json::from_str(text).unwrap();
    frame["type"].as_str().unwrap_or_default().to_string()
}

async fn ping(socket: &mut Socket) -> ServerEvent {
    send_ping(socket).await;
    next_frame(socket).await
}

async fn send_ping(socket: &mut Socket) {
    socket
        .send(Frame::Text(r#"{"type":"ping"}"#.into()))
        .await
        .unwrap();
}

/// The next frame of type `kind` (`"message.new"`, `"sidebar.channel"`...), skipping frames of
/// other types; fails the test after `WAIT`, naming what came instead.
async fn next_event(socket: &mut Socket, kind: &str) -> ServerEvent {
    let deadline = Instant::now() + WAIT;
    let mut skipped = Vec::new();
    loop {
        let Some(text) = next_text(socket, deadline).await else {
            panic!("no {kind} within {WAIT:?}; got only {skipped:?}");
        };
        if kind_of(&text) == kind {
            return serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("a {kind} frame does not parse ({e}): {text}"));
        }
        skipped.push(text);
    }
}

/// Every frame already on its way to this socket, as sent: sends a ping and collects what comes
/// before the pong. A fan-out has handed its frames to the connection before the REST call that
/// caused it answers, and the pong leaves through the same queue after them, so a frame that is
/// not here was never sent. Fails the test when no pong comes within `WAIT`.
async fn drain(socket: &mut Socket) -> Vec<String> {
    drain_within(socket, WAIT).await
}

async fn drain_within(socket: &mut Socket, within: Duration) -> Vec<String> {
    let mut frames = drain_all_within(socket, within).await;
    frames.retain(|f| !ambient(f));
    frames
}

/// `drain_within`, presence changes included.
async fn drain_all_within(socket: &mut Socket, within: Duration) -> Vec<String> {
    send_ping(socket).await;
    let deadline = Instant::now() + within;
    let mut frames = Vec::new();
    loop {
        let Some(text) = next_text(socket, deadline).await else {
            panic!("no pong within {within:?}; got {frames:?}");
        };
        if kind_of(&text) == "pong" {
            return frames;
        }
        frames.push(text);
    }
}

/// Fails the test when a frame of type `kind` is on its way to this socket (the ping marker of
/// `drain`, whose pong must come within `within`). Returns the other frames that came first.
async fn assert_no_event(socket: &mut Socket, kind: &str, within: Duration) -> Vec<String> {
    let frames = drain_all_within(socket, within).await;
    let unwanted: Vec<&String> = frames.iter().filter(|f| kind_of(f) == kind).collect();
    assert!(unwanted.is_empty(), "unexpected {kind}: {unwanted:?}");
    frames
}

/// Fails the test when any frame on its way to this socket mentions one of `needles` (an id, a
/// name): for people who must not learn that something exists.
async fn assert_nothing_about(socket: &mut Socket, needles: &[&str]) {
    for frame in drain(socket).await {
        for needle in needles {
            assert!(
                !frame.contains(needle),
                "a frame mentions {needle}: {frame}"
            );
        }
    }
}

/// The types of frames, in order.
fn kinds(frames: &[String]) -> Vec<String> {
    frames.iter().map(|f| kind_of(f)).collect()
}

/// A stand-in for the built web app: an index.html the gateway serves for the app's routes.
/// The AWS SDK's own client of the management API, pointed at the gateway: what it accepts,
/// API Gateway's other clients can use too.
async fn sdk_management(base: &str) -> aws_sdk_apigatewaymanagement::Client {
    let sdk = aws::sdk_config(
        "us-east-1",
        domain::limits::MANAGEMENT_API_TIMEOUTS,
        Some(base),
    )
    .await;
    aws_sdk_apigatewaymanagement::Client::new(&sdk)
}

fn web_dist() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join("parley-gateway-tests-web");
    std::fs::create_dir_all(&dir).unwrap();
    let index = dir.join("index.html");
    // Tests start gateways in parallel: write only when missing or different.
    if std::fs::read_to_string(&index).ok().as_deref() != Some(WEB_INDEX) {
        std::fs::write(&index, WEB_INDEX).unwrap();
    }
    dir
}

const WEB_INDEX: &str = "<!doctype html><title>Parley</title><div id=\"root\"></div>";
