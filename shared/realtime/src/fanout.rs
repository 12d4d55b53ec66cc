//! Fan-out: one event to every live connection of the given users, through the API Gateway
//! Management API. One Redis round trip finds the connections; posts run concurrently with a
//! bound; a 410 Gone forgets that connection and the rest carry on; throttling is retried with
//! jitter. A failed post never fails the action that caused the event.

use std::time::Duration;

use aws_sdk_apigatewaymanagement::Client;
use aws_sdk_apigatewaymanagement::error::SdkError;
use aws_sdk_apigatewaymanagement::operation::post_to_connection::PostToConnectionError;
use aws_smithy_types::Blob;
use domain::UserId;
use domain::events::ServerEvent;
use futures::StreamExt;

use crate::Redis;

/// Posts in flight at once per fan-out.
const CONCURRENCY: usize = 32;
/// API Gateway refuses frames over 32 KB.
pub const MAX_FRAME_BYTES: usize = 32 * 1024;
const THROTTLE_RETRIES: u32 = 3;

/// Sends frames to connections. `client` is `None` when no management endpoint is configured
/// (then events are only logged).
#[derive(Clone)]
pub struct Fanout {
    redis: Redis,
    client: Option<Client>,
}

/// What happened to one fan-out, for logs and tests.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub delivered: usize,
    pub gone: usize,
    pub failed: usize,
}

enum Outcome {
    Delivered,
    Gone,
    Failed,
}

/// Builds a management API client for `endpoint` (in AWS
/// `https://{api}.execute-api.{region}.amazonaws.com/{stage}`; locally the gateway's URL).
pub async fn management_client(region: &str, endpoint: &str) -> Client {
    let sdk = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new(region.to_string()))
        .load()
        .await;
    let config = aws_sdk_apigatewaymanagement::config::Builder::from(&sdk)
        .endpoint_url(endpoint)
        .build();
    Client::from_conf(config)
}

impl Fanout {
    pub fn new(redis: Redis, client: Option<Client>) -> Self {
        Self { redis, client }
    }

    /// Sends `event` to every live connection of `users`.
    pub async fn send(&self, event: &ServerEvent, users: &[UserId]) -> Delivery {
        let frame = match serde_json::to_vec(event) {
            Ok(frame) if frame.len() <= MAX_FRAME_BYTES => frame,
            Ok(frame) => {
                tracing::error!(
                    bytes = frame.len(),
                    "event frame over API Gateway's 32 KB limit; not sent"
                );
                return Delivery::default();
            }
            Err(e) => {
                tracing::error!(error = %e, "event could not be serialised");
                return Delivery::default();
            }
        };
        let connections = match self.redis.connections_of(users).await {
            Ok(connections) => connections,
            Err(e) => {
                tracing::error!(error = %e, "fan-out could not read connections");
                return Delivery::default();
            }
        };
        let targets: Vec<(UserId, String)> = connections
            .into_iter()
            .flat_map(|(user, ids)| ids.into_iter().map(move |id| (user, id)))
            .collect();
        let frame = Blob::new(frame);
        let outcomes: Vec<((UserId, String), Outcome)> = futures::stream::iter(targets)
            .map(|(user, id)| {
                let frame = frame.clone();
                async move {
                    let outcome = self.post(&id, frame).await;
                    ((user, id), outcome)
                }
            })
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;

        let mut delivery = Delivery::default();
        let mut dead = Vec::new();
        for (target, outcome) in outcomes {
            match outcome {
                Outcome::Delivered => delivery.delivered += 1,
                Outcome::Gone => {
                    delivery.gone += 1;
                    dead.push(target);
                }
                Outcome::Failed => delivery.failed += 1,
            }
        }
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
        let Some(client) = &self.client else {
            tracing::warn!(%user, "no management endpoint configured; connections not closed");
            return Ok(0);
        };
        let closed: Vec<Option<String>> = futures::stream::iter(ids)
            .map(|id| async move {
                match client.delete_connection().connection_id(&id).send().await {
                    Ok(_) => Some(id),
                    Err(SdkError::ServiceError(e)) if e.err().is_gone_exception() => Some(id),
                    Err(e) => {
                        tracing::warn!(connection_id = %id, error = %domain::error_chain(&e), "DeleteConnection failed");
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

    async fn post(&self, connection_id: &str, frame: Blob) -> Outcome {
        let Some(client) = &self.client else {
            tracing::debug!(
                connection_id,
                "no management endpoint configured; event not sent"
            );
            return Outcome::Failed;
        };
        let mut attempt = 0;
        loop {
            let sent = client
                .post_to_connection()
                .connection_id(connection_id)
                .data(frame.clone())
                .send()
                .await;
            match sent {
                Ok(_) => return Outcome::Delivered,
                Err(SdkError::ServiceError(e))
                    if matches!(e.err(), PostToConnectionError::GoneException(_)) =>
                {
                    return Outcome::Gone;
                }
                Err(e) if is_throttled(&e) && attempt < THROTTLE_RETRIES => {
                    attempt += 1;
                    tokio::time::sleep(backoff(attempt)).await;
                }
                Err(e) => {
                    tracing::warn!(connection_id, error = %domain::error_chain(&e), "PostToConnection failed");
                    return Outcome::Failed;
                }
            }
        }
    }
}

fn is_throttled<R>(err: &SdkError<PostToConnectionError, R>) -> bool {
    match err {
        SdkError::ServiceError(e) => {
            matches!(e.err(), PostToConnectionError::LimitExceededException(_))
        }
        _ => false,
    }
}

/// Full jitter: a random delay up to 50 ms, 100 ms, 200 ms...
fn backoff(attempt: u32) -> Duration {
    let cap = 50u64 << attempt.min(6);
    Duration::from_millis(rand::random_range(1..=cap))
}
