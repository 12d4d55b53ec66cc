//! AWS operations per action, counted in-process (as the `costs` gateway test does): a local
//! gateway in this process whose DynamoDB client carries an interceptor (`ledger`: every call
//! asks for `ReturnConsumedCapacity=TOTAL` and the units are read from the answer), Redis
//! round trips from `Redis::round_trips()`, and @connections calls counted at the gateway's
//! door by a middleware around the router. Nothing here depends on how fan-out is organised
//! inside: an action is counted until the counters stop moving.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use api::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::time::Instant;

use tokio_tungstenite::tungstenite::Message as Frame;

use crate::ledger::{Call, DynamoLedger};
use crate::room::Socket;

/// Calls to the @connections Management API, by method.
#[derive(Debug, Default)]
struct ManagementCalls {
    posts: AtomicU64,
    others: AtomicU64,
}

async fn count_management(
    State(calls): State<Arc<ManagementCalls>>,
    request: Request,
    next: Next,
) -> Response {
    if request.uri().path().starts_with("/@connections/") {
        let counter = if request.method() == axum::http::Method::POST {
            &calls.posts
        } else {
            &calls.others
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }
    next.run(request).await
}

/// What one action cost.
#[derive(Debug, Clone, Default)]
pub struct Cost {
    pub reads: usize,
    pub writes: usize,
    pub read_units: f64,
    pub write_units: f64,
    /// True when DynamoDB reported units for every call.
    pub units_reported: bool,
    pub redis: u64,
    pub posts: u64,
    /// GET and DELETE @connections calls.
    pub other_management: u64,
}

#[derive(Clone, Copy)]
struct Mark {
    calls: usize,
    redis: u64,
    posts: u64,
    others: u64,
}

pub struct OpsGateway {
    base: String,
    origin: String,
    pub app: AppState,
    dynamo: DynamoLedger,
    management: Arc<ManagementCalls>,
    http: reqwest::Client,
}

impl OpsGateway {
    /// A gateway in this process on a free port and a table of its own, with the stack's
    /// DynamoDB and Redis (the rest of its configuration from the environment too). Sends hand
    /// delivery to the fan-out function as parley-local names it, invoked through this
    /// gateway's Lambda API.
    pub async fn start() -> Result<Self, String> {
        let dynamo = DynamoLedger::default();
        let management = Arc::new(ManagementCalls::default());
        let ledger = dynamo.clone();
        let counted = management.clone();
        let gateway = local::spawn_in_process(
            "bench-ops",
            |name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()),
            std::env::temp_dir(),
            move |mut app| {
                let conf = app
                    .store
                    .client()
                    .config()
                    .to_builder()
                    .interceptor(ledger)
                    .build();
                let table = app.store.table().to_string();
                app.store = store::Store::new(aws_sdk_dynamodb::Client::from_conf(conf), table);
                app
            },
            |router| {
                router.layer(axum::middleware::from_fn_with_state(
                    counted,
                    count_management,
                ))
            },
        )
        .await?;
        let server = gateway.server;
        tokio::spawn(async move {
            if let Ok(Err(e)) = server.await {
                eprintln!("the in-process gateway stopped: {e}");
            }
        });
        Ok(Self {
            base: gateway.base,
            origin: gateway.origin,
            app: gateway.app,
            dynamo,
            management,
            http: reqwest::Client::new(),
        })
    }

    fn mark(&self) -> Mark {
        Mark {
            calls: self.dynamo.0.lock().map(|c| c.len()).unwrap_or(0),
            redis: self.app.redis.round_trips(),
            posts: self.management.posts.load(Ordering::Relaxed),
            others: self.management.others.load(Ordering::Relaxed),
        }
    }

    /// Waits until no counter has moved for 400 ms (at most 10 s): the action and whatever it
    /// set off (fan-out, notifications, presence) are done.
    async fn settle(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut last = self.mark();
        let mut quiet = 0;
        while quiet < 4 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let now = self.mark();
            let moved = (now.calls, now.redis, now.posts, now.others)
                != (last.calls, last.redis, last.posts, last.others);
            quiet = if moved { 0 } else { quiet + 1 };
            last = now;
        }
    }

    /// Counts what `action` and its consequences cost.
    pub async fn cost_of<T>(
        &self,
        action: impl std::future::Future<Output = Result<T, String>>,
    ) -> Result<(T, Cost), String> {
        self.settle().await;
        let before = self.mark();
        let value = action.await?;
        self.settle().await;
        let after = self.mark();
        let calls: Vec<Call> = self
            .dynamo
            .0
            .lock()
            .map(|c| c[before.calls..after.calls].to_vec())
            .unwrap_or_default();
        let mut cost = Cost {
            units_reported: calls.iter().all(|c| c.units.is_some()),
            redis: after.redis - before.redis,
            posts: after.posts - before.posts,
            other_management: after.others - before.others,
            ..Cost::default()
        };
        for call in calls {
            if call.read {
                cost.reads += 1;
                cost.read_units += call.units.unwrap_or(0.0);
            } else {
                cost.writes += 1;
                cost.write_units += call.units.unwrap_or(0.0);
            }
        }
        Ok((value, cost))
    }

    /// A ticket, the upgrade and the first ping, as the web app connects.
    pub async fn connect(&self, token: &str) -> Result<Socket, String> {
        crate::room::parley_socket(&self.http, &self.base, &self.origin, token).await
    }

    /// Sends `body` (and a thread root, for a reply) into `channel`; the new message's id.
    pub async fn send(
        &self,
        token: &str,
        channel: domain::ChannelId,
        body: &str,
        root: Option<&str>,
    ) -> Result<String, String> {
        let mut request = json!({ "body": body });
        if let Some(root) = root {
            request["threadRootID"] = json!(root);
        }
        let answer = self
            .http
            .post(format!("{}/api/v1/channels/{channel}/messages", self.base))
            .bearer_auth(token)
            .json(&request)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if answer.status().as_u16() != 201 {
            return Err(format!("send answered {}", answer.status()));
        }
        let message: Value = answer.json().await.map_err(|e| e.to_string())?;
        message["id"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| "no id in the new message".into())
    }
}

/// Keeps reading a socket (and drops what it reads), so the server never waits on it.
pub fn drain(
    socket: Socket,
) -> (
    futures::stream::SplitSink<Socket, Frame>,
    tokio::task::JoinHandle<()>,
) {
    let (sink, mut stream) = socket.split();
    let reader = tokio::spawn(async move { while let Some(Ok(_)) = stream.next().await {} });
    (sink, reader)
}

/// The cost of each kind of action in a channel of `members` people, everyone connected once:
/// a plain message, an @mention, a thread reply (to someone else's message, who follows it),
/// and a connect (ticket, upgrade, first ping) and disconnect of one more member who was
/// offline, so that presence changes as it does when someone opens or closes the app.
pub async fn by_kind(gw: &OpsGateway, members: usize) -> Result<Vec<(String, Cost)>, String> {
    let members = members.max(2);
    let (channel, people) = crate::room::people(&gw.app, members + 1).await?;
    let (online, newcomer) = people.split_at(members);
    let mut sockets = Vec::new();
    for person in online {
        sockets.push(drain(gw.connect(&person.token).await?));
    }
    let (alice, bob) = (&online[0], &online[1]);
    let mut rows = Vec::new();
    // As in `plain_into`: the first send into a channel is not the typical one.
    gw.send(&alice.token, channel, "fanout ops: warm-up", None)
        .await?;
    let (_, plain) = gw
        .cost_of(gw.send(&alice.token, channel, "fanout ops: plain", None))
        .await?;
    rows.push(("plain message".to_string(), plain));
    let mention = format!("@{} fanout ops: mention", bob.handle);
    let (_, mentioned) = gw
        .cost_of(gw.send(&alice.token, channel, &mention, None))
        .await?;
    rows.push(("@mention".to_string(), mentioned));
    let root = gw
        .send(&bob.token, channel, "fanout ops: thread root", None)
        .await?;
    let (_, reply) = gw
        .cost_of(gw.send(&alice.token, channel, "fanout ops: reply", Some(&root)))
        .await?;
    rows.push(("thread reply".to_string(), reply));
    let carol = newcomer.first().ok_or("no newcomer")?;
    let (socket, connect) = gw.cost_of(gw.connect(&carol.token)).await?;
    rows.push(("ws connect".to_string(), connect));
    let (mut sink, reader) = drain(socket);
    let (_, disconnect) = gw
        .cost_of(async {
            sink.send(Frame::Close(None))
                .await
                .map_err(|e| e.to_string())
        })
        .await?;
    rows.push(("ws disconnect".to_string(), disconnect));
    reader.abort();
    for (mut sink, reader) in sockets {
        let _ = sink.send(Frame::Close(None)).await;
        reader.abort();
    }
    Ok(rows)
}

/// The cost of a plain message into a channel of `members` people, none of them connected:
/// what grows with the audience on the storage side (posts are one per live connection, see
/// `by_kind`).
pub async fn plain_into(gw: &OpsGateway, members: usize) -> Result<Cost, String> {
    let (channel, people) = crate::room::people(&gw.app, members.max(1)).await?;
    let sender = &people[0].token;
    // The first send warms what a first send warms (caches); the second is counted.
    gw.send(sender, channel, "fanout ops: warm-up", None)
        .await?;
    let (_, cost) = gw
        .cost_of(gw.send(sender, channel, "fanout ops: plain", None))
        .await?;
    Ok(cost)
}
