//! Everything live: the Redis registry of who is connected where, presence (and who watches
//! whose) and the typing throttle, single-use WebSocket tickets, short-lived keys (login attempts, send nonces), and
//! fan-out through the API Gateway Management API. Redis holds only what can be rebuilt;
//! DynamoDB stays the source of truth.

pub mod audience;
pub mod away_mail;
pub mod connections;
pub mod dispatch;
pub mod ephemeral;
pub mod fanout;
pub mod held;
pub mod keys;
pub mod management;
pub mod presence;
pub mod ratelimit;
pub mod revocations;
mod sigv4;
pub mod tickets;
pub mod typing;
pub mod watch;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use redis::aio::ConnectionManager;

/// A Redis connection, shared by every handler in a container (it reconnects by itself). It
/// counts its round trips (a pipeline is one), so costs can be measured.
#[derive(Clone)]
pub struct Redis {
    connection: ConnectionManager,
    round_trips: Arc<AtomicU64>,
}

#[derive(Debug, thiserror::Error)]
#[error("redis: {0}")]
pub struct RedisError(redis::RedisError);

/// Every failed Redis call passes through here (the `?` of a command): counted in the
/// RedisErrors metric.
impl From<redis::RedisError> for RedisError {
    fn from(e: redis::RedisError) -> Self {
        metrics::count(metrics::Metric::RedisErrors, 1);
        RedisError(e)
    }
}

impl RedisError {
    /// Whether Redis could not be reached or did not answer in time (rather than refusing the
    /// command): trying again later may work.
    pub fn is_unavailable(&self) -> bool {
        let e = &self.0;
        e.is_timeout() || e.is_connection_dropped() || e.is_connection_refusal() || e.is_io_error()
    }
}

impl Redis {
    /// A handle on the Redis at `url`. It connects on first use and reconnects by itself, so a
    /// function starting while Redis is down still serves what needs no Redis; each command is
    /// bounded by `domain::limits::REDIS_TIMEOUTS`. Fails only for a malformed URL.
    pub async fn connect(url: &str) -> Result<Self, RedisError> {
        let limits = domain::limits::REDIS_TIMEOUTS;
        let client = redis::Client::open(url)?;
        // A command waits for the connection being opened, so the tries to connect (and the
        // pause between them) are part of its time: few tries, a short pause. A command whose
        // connection is lost fails, and the next one waits for a new connection.
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(limits.connect))
            .set_response_timeout(Some(limits.attempt))
            .set_number_of_retries(limits.attempts.saturating_sub(1) as usize)
            // Jitter adds up to as much again.
            .set_min_delay(domain::limits::REDIS_RECONNECT_PAUSE_MAX / 2)
            .set_max_delay(domain::limits::REDIS_RECONNECT_PAUSE_MAX / 2);
        Ok(Self {
            connection: ConnectionManager::new_lazy_with_config(client, config)?,
            round_trips: Arc::default(),
        })
    }

    /// The connection for one round trip.
    pub(crate) fn conn(&self) -> ConnectionManager {
        self.round_trips.fetch_add(1, Ordering::Relaxed);
        self.connection.clone()
    }

    /// Whether Redis answers.
    pub async fn ping(&self) -> Result<(), RedisError> {
        redis::cmd("PING")
            .query_async::<String>(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Round trips made through this handle (and its clones) so far.
    pub fn round_trips(&self) -> u64 {
        self.round_trips.load(Ordering::Relaxed)
    }
}

pub(crate) use auth::secrets::{hash_token, random_token};
