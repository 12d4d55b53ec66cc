//! Fan-out: one event to every live connection of the given users, through the API Gateway
//! Management API. One Redis round trip finds the connections and numbers the event on each
//! (see `connections`, and `audience` for a parent's members); the posts are handed to the
//! fan-out function when one is configured (`dispatch`), so the caller answers at once, and
//! are made here otherwise. A connection that has not pinged yet cannot take posts: its
//! events are held for it in Redis (`held`) and its first ping takes them. Posts run
//! concurrently with a bound; a 410 Gone forgets that connection and the rest carry on. Redis
//! reads and posts that fail for a passing reason (a timeout, throttling, a 5xx) are tried
//! again with jittered backoff inside a time budget; what still could not be delivered is
//! logged, and its client notices the gap in its numbers and catches up. A failed post never fails the action that caused the event.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use domain::UserId;
use domain::events::ServerEvent;
use domain::limits::WS_FRAME_MAX_BYTES;
use futures::StreamExt;
use tokio::time::Instant;

use crate::connections::Target;
use crate::dispatch::{HandOver, Job};
use crate::management::{CallError, Management};
use crate::{Redis, RedisError, keys};

/// Posts in flight at once per fan-out. Posting is bound by API Gateway's answer time, not by
/// CPU: with posts answered after 5 ms, `cargo bench -p parley-realtime --bench post` measured
/// 4,600 posts/s at 32 in flight, 9,000 at 64 and 16,500 at 128, with CPU per post falling
/// (66, 54, 54 µs), so a 500-connection shard posts in about 30 ms instead of 110.
const CONCURRENCY: usize = 128;
/// Room for the `"seq":N,` each connection's copy of a frame carries.
const SEQ_ROOM_BYTES: usize = 32;
/// How long one fan-out keeps trying, from its start: well inside the function's own time, and
/// short enough that a retried event still arrives as "live".
pub const RETRY_BUDGET: Duration = Duration::from_secs(3);

/// Sends frames to connections. `client` is `None` when no management endpoint is configured
/// (then events are only logged); `dispatch` is `None` when posts are made by the caller.
#[derive(Clone)]
pub struct Fanout {
    redis: Redis,
    client: Option<Management>,
    dispatch: Option<Arc<dyn HandOver>>,
}

/// What happened to one fan-out, for logs and tests.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Connections handed to the fan-out function (it reports the rest in its own log).
    pub handed_over: usize,
    /// Connections that have not pinged yet, for which the event is held.
    pub held: usize,
    pub delivered: usize,
    pub gone: usize,
    pub failed: usize,
}

enum Outcome {
    Delivered,
    Gone,
    Failed,
}

impl Delivery {
    fn count(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Delivered => self.delivered += 1,
            Outcome::Gone => self.gone += 1,
            Outcome::Failed => self.failed += 1,
        }
    }

    /// Adds the posts' outcomes to the stack's metrics (deliveries, 410s, failures).
    fn record(&self) {
        metrics::count(metrics::Metric::Deliveries, self.delivered as u64);
        metrics::count(metrics::Metric::Gone, self.gone as u64);
        metrics::count(metrics::Metric::FanoutFailures, self.failed as u64);
    }
}

/// The event as sent (but for each connection's `seq`); `None`, logged, when it cannot be sent.
pub fn frame(event: &ServerEvent) -> Option<String> {
    match serde_json::to_string(event) {
        Ok(frame) if frame.len() + SEQ_ROOM_BYTES <= WS_FRAME_MAX_BYTES => Some(frame),
        Ok(frame) => {
            tracing::error!(
                event = event.kind(),
                bytes = frame.len(),
                "event frame over API Gateway's 32 KB limit; not sent"
            );
            None
        }
        Err(e) => {
            tracing::error!(error = %e, "event could not be serialised");
            None
        }
    }
}

/// Calls Redis until it answers or the budget (counted from `started`) would run out; `None`
/// then, with the last error logged.
pub async fn retrying<T, F, Fut>(started: Instant, what: &str, mut call: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, RedisError>>,
{
    let mut attempt = 0;
    loop {
        match call().await {
            Ok(answer) => return Some(answer),
            Err(e) => {
                attempt += 1;
                let pause = backoff(attempt);
                if started.elapsed() + pause > RETRY_BUDGET {
                    tracing::warn!(error = %e, attempt, "fan-out could not {what}");
                    return None;
                }
                tracing::debug!(error = %e, attempt, "fan-out tries again to {what}");
                tokio::time::sleep(pause).await;
            }
        }
    }
}

impl Fanout {
    /// Fan-out that posts from here (see `handing_over_to`).
    pub fn new(redis: Redis, client: Option<Management>) -> Self {
        Self {
            redis,
            client,
            dispatch: None,
        }
    }

    /// This fan-out, handing delivery to `dispatch` instead of posting itself (posting only
    /// what could not be handed over).
    pub fn handing_over_to(self, dispatch: Arc<dyn HandOver>) -> Self {
        Self {
            dispatch: Some(dispatch),
            ..self
        }
    }

    /// Sends `event` to every live connection of `users`.
    pub async fn send(&self, event: &ServerEvent, users: &[UserId]) -> Delivery {
        let started = Instant::now();
        let Some(frame) = frame(event) else {
            return Delivery::default();
        };
        let claimed = retrying(started, "read connections", || {
            self.redis.claim_deliveries(users)
        })
        .await;
        let Some(targets) = claimed else {
            tracing::error!(
                event = event.kind(),
                recipients = users.len(),
                "fan-out gave up: the connection registry could not be read; \
                 the recipients catch up when they next reconnect"
            );
            return Delivery::default();
        };
        self.deliver(event.kind(), frame, targets, started).await
    }

    /// Sends `frame` (an event of kind `kind`, see `frame`) to `targets`, already numbered for
    /// it: through the fan-out function when there is one, else from here.
    pub async fn deliver(
        &self,
        kind: &str,
        frame: String,
        targets: Vec<Target>,
        started: Instant,
    ) -> Delivery {
        if targets.is_empty() {
            return Delivery::default();
        }
        let (fresh, mut live): (Vec<Target>, Vec<Target>) =
            targets.into_iter().partition(|target| target.held);
        let mut held = fresh.len();
        if !fresh.is_empty() {
            let pinged = self.hold(kind, &frame, fresh, started).await;
            held -= pinged.len();
            live.extend(pinged);
        }
        let all = live.len();
        let left = match &self.dispatch {
            Some(dispatch) => dispatch.hand_over(kind, &frame, live).await,
            None => live,
        };
        let mut delivery = self.post_all(kind, &frame, left, started).await;
        delivery.handed_over = all - delivery.delivered - delivery.gone - delivery.failed;
        delivery.held = held;
        delivery
    }

    /// Holds `frame` for the connections in `fresh` (none has pinged when numbered); answers
    /// those that pinged since, to post to instead. A pending connection that expired unused
    /// is dropped: no socket took it.
    async fn hold(
        &self,
        kind: &str,
        frame: &str,
        fresh: Vec<Target>,
        started: Instant,
    ) -> Vec<Target> {
        let frames: Vec<Vec<u8>> = fresh.iter().map(|t| numbered(frame, t.seq)).collect();
        let pairs: Vec<(&str, &[u8])> = fresh
            .iter()
            .zip(&frames)
            .map(|(t, f)| (t.connection_id.as_str(), f.as_slice()))
            .collect();
        let Some(answers) = retrying(started, "hold events", || self.redis.hold(&pairs)).await
        else {
            tracing::warn!(
                event = kind,
                connections = fresh.len(),
                "event not held for connections about to open; their clients catch up"
            );
            return Vec::new();
        };
        fresh
            .into_iter()
            .zip(answers)
            .filter_map(|(target, post_to)| {
                let id = post_to.filter(|id| !keys::is_pending(id))?;
                Some(Target {
                    connection_id: id,
                    held: false,
                    ..target
                })
            })
            .collect()
    }

    /// Posts the frames held for `connection_id` until its first ping (each carries its own
    /// number, so their order does not matter).
    pub async fn release(&self, connection_id: &str, frames: Vec<Vec<u8>>) -> Delivery {
        let started = Instant::now();
        let outcomes: Vec<Outcome> = futures::stream::iter(frames)
            .map(|frame| self.post(connection_id, frame, started))
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;
        let mut delivery = Delivery::default();
        for outcome in &outcomes {
            delivery.count(outcome);
        }
        delivery.record();
        if delivery.failed > 0 {
            tracing::warn!(
                connection_id,
                failed = delivery.failed,
                "held events not delivered; the client will see the gap and catch up"
            );
        }
        delivery
    }

    /// What the fan-out function does with one job: posts it to its targets.
    pub async fn run(&self, job: Job) -> Delivery {
        self.post_all(&job.kind, &job.frame, job.targets, Instant::now())
            .await
    }

    async fn post_all(
        &self,
        kind: &str,
        frame: &str,
        targets: Vec<Target>,
        started: Instant,
    ) -> Delivery {
        let outcomes: Vec<(Target, Outcome)> = futures::stream::iter(targets)
            .map(|target| {
                let frame = numbered(frame, target.seq);
                async move {
                    let outcome = self.post(&target.connection_id, frame, started).await;
                    (target, outcome)
                }
            })
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;

        let mut delivery = Delivery::default();
        let mut dead = Vec::new();
        for (target, outcome) in outcomes {
            delivery.count(&outcome);
            match outcome {
                Outcome::Delivered => {}
                Outcome::Gone => {
                    // Only a connection that had pinged is posted to (the others' events are
                    // held), so it was live: a 410 means it is gone.
                    dead.push((target.user, target.connection_id));
                }
                Outcome::Failed => {
                    tracing::warn!(
                        event = kind,
                        user = %target.user,
                        connection_id = %target.connection_id,
                        seq = target.seq,
                        "event not delivered; the client will see the gap and catch up"
                    );
                }
            }
        }
        delivery.record();
        if let Err(e) = self.redis.forget_connections(&dead).await {
            tracing::warn!(error = %e, "could not forget gone connections");
        }
        tracing::debug!(?delivery, "fan-out done");
        delivery
    }

    /// Closes every live connection of `user` (their access was revoked) and forgets them.
    /// Returns how many were closed; a connection already gone counts as closed.
    pub async fn disconnect(&self, user: UserId) -> Result<usize, crate::RedisError> {
        let connections = self.redis.connections_of(&[user]).await?;
        let ids: Vec<String> = connections.into_values().flatten().collect();
        self.close(user, ids).await
    }

    /// Closes the connections `user` opened in session family `family` (that device signed
    /// out, or its family ended) and forgets them.
    pub async fn disconnect_family(
        &self,
        user: UserId,
        family: &str,
    ) -> Result<usize, crate::RedisError> {
        let ids = self.redis.connections_in_family(user, family).await?;
        self.close(user, ids).await
    }

    async fn close(&self, user: UserId, ids: Vec<String>) -> Result<usize, crate::RedisError> {
        let Some(client) = &self.client else {
            tracing::warn!(%user, "no management endpoint configured; connections not closed");
            return Ok(0);
        };
        let closed: Vec<Option<String>> = futures::stream::iter(ids)
            .map(|id| async move {
                match client.delete(&id).await {
                    Ok(()) | Err(CallError::Gone) => Some(id),
                    Err(e) => {
                        tracing::warn!(connection_id = %id, error = %e, "DeleteConnection failed");
                        None
                    }
                }
            })
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;
        let closed: Vec<(UserId, String)> =
            closed.into_iter().flatten().map(|id| (user, id)).collect();
        self.redis.forget_connections(&closed).await?;
        Ok(closed.len())
    }

    async fn post(&self, connection_id: &str, frame: Vec<u8>, started: Instant) -> Outcome {
        let Some(client) = &self.client else {
            tracing::debug!(
                connection_id,
                "no management endpoint configured; event not sent"
            );
            return Outcome::Failed;
        };
        let mut attempt = 0;
        loop {
            match client.post(connection_id, frame.clone()).await {
                Ok(()) => return Outcome::Delivered,
                Err(CallError::Gone) => return Outcome::Gone,
                Err(CallError::Passing(e)) => {
                    attempt += 1;
                    let pause = backoff(attempt);
                    if started.elapsed() + pause > RETRY_BUDGET {
                        tracing::warn!(connection_id, attempt, error = %e, "PostToConnection kept failing");
                        return Outcome::Failed;
                    }
                    tokio::time::sleep(pause).await;
                }
                Err(CallError::Refused(e)) => {
                    tracing::warn!(connection_id, error = %e, "PostToConnection failed");
                    return Outcome::Failed;
                }
            }
        }
    }
}

/// The frame as one connection gets it: the event with its number on that connection first
/// (none for 0).
fn numbered(frame: &str, seq: u64) -> Vec<u8> {
    if seq == 0 {
        return frame.as_bytes().to_vec();
    }
    let mut out = Vec::with_capacity(frame.len() + SEQ_ROOM_BYTES);
    out.extend_from_slice(format!("{{\"seq\":{seq},").as_bytes());
    // The event serialises as a JSON object: `{` then its fields.
    out.extend_from_slice(frame.as_bytes().get(1..).unwrap_or_default());
    out
}

/// Full jitter: a random delay up to 50 ms, 100 ms, 200 ms...
fn backoff(attempt: u32) -> Duration {
    let cap = 50u64 << attempt.min(6);
    Duration::from_millis(rand::random_range(1..=cap))
}
