//! Everything live: the Redis registry of who is connected where, single-use WebSocket tickets,
//! short-lived keys (login attempts, send nonces), and fan-out through the API Gateway
//! Management API. Redis holds only what can be rebuilt; DynamoDB stays the source of truth.

pub mod connections;
pub mod ephemeral;
pub mod fanout;
pub mod revocations;
pub mod tickets;

use redis::aio::ConnectionManager;

/// A Redis connection, shared by every handler in a container (it reconnects by itself).
#[derive(Clone)]
pub struct Redis(ConnectionManager);

#[derive(Debug, thiserror::Error)]
#[error("redis: {0}")]
pub struct RedisError(#[from] redis::RedisError);

impl Redis {
    pub async fn connect(url: &str) -> Result<Self, RedisError> {
        let client = redis::Client::open(url)?;
        Ok(Self(client.get_connection_manager().await?))
    }

    pub(crate) fn conn(&self) -> ConnectionManager {
        self.0.clone()
    }
}

pub(crate) use domain::token::{hash_token, random_token};
