//! Short-lived values: a pending sign-in (state, nonce, PKCE verifier) and send nonces.

use domain::{MessageId, UserId};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{Redis, RedisError, keys};

impl Redis {
    /// Stores `value` under `key` for `ttl_seconds`.
    pub async fn put_json<T: Serialize>(
        &self,
        key: &str,
        value: &T,
        ttl_seconds: u64,
    ) -> Result<(), RedisError> {
        let text = serde_json::to_string(value)
            .map_err(|e| redis::RedisError::from(std::io::Error::other(e)))?;
        redis::cmd("SET")
            .arg(key)
            .arg(text)
            .arg("EX")
            .arg(ttl_seconds)
            .query_async::<()>(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Takes the value under `key` (it is gone afterwards); `None` if absent, expired or unreadable.
    pub async fn take_json<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, RedisError> {
        let text: Option<String> = redis::cmd("GETDEL")
            .arg(key)
            .query_async(&mut self.conn())
            .await?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    }

    /// Claims `nonce` for a new message. Returns `None` when the claim is new (go ahead and send
    /// `message`), or the id of the message an earlier send with the same nonce made.
    pub async fn claim_send_nonce(
        &self,
        author: UserId,
        nonce: &str,
        message: MessageId,
    ) -> Result<Option<MessageId>, RedisError> {
        let key = keys::send_nonce(author, nonce);
        // SET NX GET: sets when absent, and always returns the previous value.
        let previous: Option<String> = redis::cmd("SET")
            .arg(&key)
            .arg(message.to_string())
            .arg("NX")
            .arg("GET")
            .arg("EX")
            .arg(keys::SEND_NONCE_TTL_SECONDS)
            .query_async(&mut self.conn())
            .await?;
        Ok(previous.and_then(|p| p.parse().ok()))
    }

    /// Releases a claim whose send failed, so a retry can go through.
    pub async fn release_send_nonce(&self, author: UserId, nonce: &str) -> Result<(), RedisError> {
        let key = keys::send_nonce(author, nonce);
        redis::cmd("DEL")
            .arg(key)
            .query_async::<()>(&mut self.conn())
            .await?;
        Ok(())
    }
}
