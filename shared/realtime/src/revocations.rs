//! Cutting off access tokens before they expire. Each user has an auth epoch in Redis; every
//! access token carries the epoch it was issued in, and a request whose token is from an older
//! epoch is refused. Bumping the epoch (deactivation, a role change, "log out everywhere", a
//! password reset) therefore ends every access token at once, across all Lambda containers.
//!
//! The key only has to outlive the access tokens issued before the bump: once it expires the
//! epoch reads as 0 again, which every token still alive satisfies, and the ones it was meant to
//! refuse have expired by then.

use domain::UserId;
use domain::limits::ACCESS_TOKEN_TTL_SECONDS;

use crate::{Redis, RedisError};

fn key(user: UserId) -> String {
    format!("authepoch:{user}")
}

/// A minute of slack for clocks.
const EPOCH_TTL_SECONDS: i64 = ACCESS_TOKEN_TTL_SECONDS + 60;

impl Redis {
    /// The epoch new access tokens are issued in.
    pub async fn auth_epoch(&self, user: UserId) -> Result<u64, RedisError> {
        let epoch: Option<u64> = redis::cmd("GET")
            .arg(key(user))
            .query_async(&mut self.conn())
            .await?;
        Ok(epoch.unwrap_or(0))
    }

    /// Starts a new epoch: every access token issued so far is refused from now on.
    pub async fn bump_auth_epoch(&self, user: UserId) -> Result<u64, RedisError> {
        let (epoch, _): (u64, ()) = redis::pipe()
            .atomic()
            .cmd("INCR")
            .arg(key(user))
            .cmd("EXPIRE")
            .arg(key(user))
            .arg(EPOCH_TTL_SECONDS)
            .query_async(&mut self.conn())
            .await?;
        Ok(epoch)
    }
}
