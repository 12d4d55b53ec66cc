//! One channel's audience as the outside sees it: M people, each with one WebSocket, and sends
//! over HTTP. Against Parley the people are real accounts in a private channel (made through
//! the store, as an admin's tooling would) and every socket is opened as the web app opens it
//! (ticket, connect, first ping); against the bare server they are just sockets. Every socket
//! notes when each numbered message reaches it, so a send is timed until its LAST recipient.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use api::AppState;
use domain::channel::{Channel, ChannelRole, ChannelType};
use domain::revocation::Grant;
use domain::user::Role;
use domain::{ChannelId, Timestamp};
use futures::stream::SplitSink;
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message as Frame;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Every message the bench sends carries a number unique in the run: `fanout #N`.
static NEXT_MESSAGE: AtomicU64 = AtomicU64::new(1);
const MARKER: &str = "fanout #";

pub fn next_message() -> u64 {
    NEXT_MESSAGE.fetch_add(1, Ordering::Relaxed)
}

pub fn body_of(n: u64) -> String {
    format!("{MARKER}{n}")
}

/// The message number in a `message.new` frame, found without parsing the JSON (the readers see
/// up to a hundred thousand frames a second).
fn message_number(frame: &str) -> Option<u64> {
    if !frame.contains(r#""type":"message.new""#) {
        return None;
    }
    let start = frame.find(MARKER)? + MARKER.len();
    let digits: String = frame[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Where a room's messages are sent and its sockets connect.
#[derive(Clone)]
pub enum Server {
    /// The local gateway; `app` is the bench's own handle on the same table (setup only).
    Parley {
        base: String,
        origin: String,
        app: Box<AppState>,
    },
    Bare {
        base: String,
    },
}

/// How many sockets have each message, and when the last of them got it.
pub struct Tracker {
    members: usize,
    arrivals: Mutex<HashMap<u64, (usize, Instant)>>,
    /// Counts messages every member has; waiters watch it.
    complete: watch::Sender<u64>,
}

impl Tracker {
    fn new(members: usize) -> Self {
        Self {
            members,
            arrivals: Mutex::default(),
            complete: watch::Sender::new(0),
        }
    }

    fn arrived(&self, n: u64) {
        let now = Instant::now();
        let completed = {
            let mut arrivals = self.arrivals.lock().unwrap_or_else(|p| p.into_inner());
            let entry = arrivals.entry(n).or_insert((0, now));
            entry.0 += 1;
            entry.1 = now;
            entry.0 == self.members
        };
        if completed {
            self.complete.send_modify(|count| *count += 1);
        }
    }

    /// (sockets that have message `n`, when the last of them got it).
    pub fn arrivals(&self, n: u64) -> (usize, Option<Instant>) {
        let arrivals = self.arrivals.lock().unwrap_or_else(|p| p.into_inner());
        arrivals
            .get(&n)
            .map_or((0, None), |(count, at)| (*count, Some(*at)))
    }

    /// When every member had message `n`, or `None` if not by `deadline`.
    pub async fn last_arrival(&self, n: u64, deadline: Instant) -> Option<Instant> {
        let mut changes = self.complete.subscribe();
        let done = |_: &u64| self.arrivals(n).0 >= self.members;
        let _ = tokio::time::timeout_at(deadline, changes.wait_for(done)).await;
        match self.arrivals(n) {
            (count, at) if count >= self.members => at,
            _ => None,
        }
    }

    /// Waits until `count` messages are complete (counted since the room opened) or `deadline`.
    pub async fn wait_complete(&self, count: u64, deadline: Instant) {
        let mut changes = self.complete.subscribe();
        let _ = tokio::time::timeout_at(deadline, changes.wait_for(|done| *done >= count)).await;
    }

    pub fn completed(&self) -> u64 {
        *self.complete.borrow()
    }
}

/// What it takes to send into a room; cheap to clone into a task per send.
#[derive(Clone)]
pub struct Sender {
    server: Server,
    channel: Option<ChannelId>,
    tokens: Arc<Vec<String>>,
}

pub struct Room {
    pub sender: Sender,
    sinks: Vec<SplitSink<Socket, Frame>>,
    readers: Vec<JoinHandle<()>>,
    pub tracker: Arc<Tracker>,
    pub members: usize,
}

/// Someone the bench made: their access token and @handle.
pub struct Person {
    pub token: String,
    pub handle: String,
}

/// `count` people in a new private channel (the first made it).
pub async fn people(app: &AppState, count: usize) -> Result<(ChannelId, Vec<Person>), String> {
    let run = ulid::Ulid::new().to_string().to_lowercase();
    let made: Vec<Result<(domain::UserId, Person), String>> = futures::stream::iter(0..count)
        .map(|i| {
            let run = run.clone();
            async move {
                let user = store::users::new_user(
                    &format!("bench{i}-{run}@example.com"),
                    format!("Bench {i}"),
                    Role::Member,
                );
                app.store
                    .users()
                    .create(&user, None, false)
                    .await
                    .map_err(|e| e.to_string())?
                    .map_err(|e| format!("user not created: {e:?}"))?;
                let (token, _) = app
                    .tokens
                    .issue(&user, &Grant::issued_now(""))
                    .map_err(|e| e.to_string())?;
                let handle = user.handle.to_string();
                Ok((user.id, Person { token, handle }))
            }
        })
        .buffered(16)
        .collect()
        .await;
    let (ids, people): (Vec<_>, Vec<_>) = made
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .unzip();
    let owner = *ids.first().ok_or("a room needs at least one member")?;
    let channel = Channel {
        id: ChannelId::new(),
        name: "bench".into(),
        slug: format!("bench-{run}"),
        description: String::new(),
        kind: ChannelType::Private,
        created_by: owner,
        archived: false,
        created_at: Timestamp::now(),
        last_seq: 0,
        last_message_at: None,
    };
    let channels = app.store.channels();
    channels
        .create(&channel, owner)
        .await
        .map_err(|e| e.to_string())?;
    // One at a time: each add is a transaction that checks the channel's row, and concurrent
    // ones conflict.
    for id in &ids[1..] {
        match channels
            .add_member(channel.id, *id, ChannelRole::Member)
            .await
            .map_err(|e| e.to_string())?
        {
            store::channels::AddMember::Added => {}
            other => return Err(format!("member not added: {other:?}")),
        }
    }
    Ok((channel.id, people))
}

/// A Parley socket opened as the web app opens one: a ticket over REST, the upgrade with the
/// app's Origin, and a first ping (which takes the events held for it), answered by a pong.
pub async fn parley_socket(
    http: &reqwest::Client,
    base: &str,
    origin: &str,
    token: &str,
) -> Result<Socket, String> {
    let answer: Value = http
        .post(format!("{base}/api/v1/ws/ticket"))
        .bearer_auth(token)
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    let ticket = answer["ticket"]
        .as_str()
        .ok_or_else(|| format!("no ticket in {answer}"))?;
    let mut request = format!("{}/ws?ticket={ticket}", base.replacen("http", "ws", 1))
        .into_client_request()
        .map_err(|e| e.to_string())?;
    request.headers_mut().insert(
        "origin",
        origin.parse().map_err(|_| "bad origin".to_string())?,
    );
    let (mut socket, _) = connect_async(request).await.map_err(|e| e.to_string())?;
    socket
        .send(Frame::Text(r#"{"type":"ping"}"#.into()))
        .await
        .map_err(|e| e.to_string())?;
    let deadline = Instant::now() + Duration::from_secs(30);
    while let Ok(Some(frame)) = tokio::time::timeout_at(deadline, socket.next()).await {
        if let Frame::Text(text) = frame.map_err(|e| e.to_string())?
            && text.contains(r#""type":"pong""#)
        {
            return Ok(socket);
        }
    }
    Err("no pong to the first ping within 30 s".into())
}

impl Room {
    /// Makes `members` people (Parley) and opens one socket each, `connect_concurrency` at a
    /// time, with a reader that notes the bench's messages.
    pub async fn open(
        server: &Server,
        http: &reqwest::Client,
        members: usize,
        connect_concurrency: usize,
    ) -> Result<Self, String> {
        let (channel, tokens) = match server {
            Server::Parley { app, .. } => {
                let (channel, people) = people(app, members).await?;
                (Some(channel), people.into_iter().map(|p| p.token).collect())
            }
            Server::Bare { .. } => (None, Vec::new()),
        };
        let opened: Vec<Result<Socket, String>> = futures::stream::iter(0..members)
            .map(|i| {
                let token = tokens.get(i).cloned().unwrap_or_default();
                async move {
                    match server {
                        Server::Parley { base, origin, .. } => {
                            parley_socket(http, base, origin, &token).await
                        }
                        Server::Bare { base } => {
                            connect_async(format!("{}/ws", base.replacen("http", "ws", 1)))
                                .await
                                .map(|(socket, _)| socket)
                                .map_err(|e| e.to_string())
                        }
                    }
                }
            })
            .buffer_unordered(connect_concurrency.max(1))
            .collect()
            .await;
        let tracker = Arc::new(Tracker::new(members));
        let mut sinks = Vec::with_capacity(members);
        let mut readers = Vec::with_capacity(members);
        for socket in opened {
            let (sink, mut stream) = socket?.split();
            sinks.push(sink);
            let tracker = tracker.clone();
            readers.push(tokio::spawn(async move {
                while let Some(Ok(frame)) = stream.next().await {
                    if let Frame::Text(text) = frame
                        && let Some(n) = message_number(&text)
                    {
                        tracker.arrived(n);
                    }
                }
            }));
        }
        Ok(Self {
            sender: Sender {
                server: server.clone(),
                channel,
                tokens: Arc::new(tokens),
            },
            sinks,
            readers,
            tracker,
            members,
        })
    }

    /// Closes every socket (a close frame each, as a browser leaving does).
    pub async fn close(mut self) {
        for sink in &mut self.sinks {
            let _ =
                tokio::time::timeout(Duration::from_secs(2), sink.send(Frame::Close(None))).await;
        }
        for reader in &self.readers {
            reader.abort();
        }
    }
}

impl Sender {
    /// Sends message `n` as member `sender` (modulo the room); the time to the answer, which
    /// must be 201.
    pub async fn send(
        &self,
        http: &reqwest::Client,
        n: u64,
        sender: usize,
    ) -> Result<Duration, String> {
        let started = Instant::now();
        let request = match (&self.server, self.channel) {
            (Server::Parley { base, .. }, Some(channel)) => {
                let token = self
                    .tokens
                    .get(sender % self.tokens.len().max(1))
                    .ok_or("a Parley room without people")?;
                http.post(format!("{base}/api/v1/channels/{channel}/messages"))
                    .bearer_auth(token)
                    .json(&json!({ "body": body_of(n) }))
            }
            (Server::Bare { base }, _) | (Server::Parley { base, .. }, None) => {
                http.post(format!("{base}/send")).body(body_of(n))
            }
        };
        let answer = request.send().await.map_err(|e| e.to_string())?;
        let elapsed = started.elapsed();
        if answer.status().as_u16() == 201 {
            Ok(elapsed)
        } else {
            let status = answer.status();
            Err(format!(
                "{status}: {}",
                answer.text().await.unwrap_or_default()
            ))
        }
    }
}
