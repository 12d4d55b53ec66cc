//! Everything live: the Redis registry of who is connected where, presence and the typing
//! throttle, single-use WebSocket tickets, short-lived keys (login attempts, send nonces), and
//! fan-out through the API Gateway Management API. Redis holds only what can be rebuilt;
//! DynamoDB stays the source of truth.

pub mod connections;
pub mod ephemeral;
pub mod fanout;
pub mod presence;
pub mod ratelimit;
pub mod revocations;
pub mod tickets;
pub mod typing;

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
pub struct RedisError(#[from] redis::RedisError);

impl Redis {
    pub async fn connect(url: &str) -> Result<Self, RedisError> {
        let client = redis::Client::open(url)?;
        Ok(Self {
            connection: client.get_connection_manager().await?,
            round_trips: Arc::default(),
        })
    }

    /// The connection for one round trip.
    pub(crate) fn conn(&self) -> ConnectionManager {
        self.round_trips.fetch_add(1, Ordering::Relaxed);
        self.connection.clone()
    }

    /// Round trips made through this handle (and its clones) so far.
    pub fn round_trips(&self) -> u64 {
        self.round_trips.load(Ordering::Relaxed)
    }
}

pub(crate) use domain::token::{hash_token, random_token};
