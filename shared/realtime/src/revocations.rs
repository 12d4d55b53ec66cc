//! Accounts cut off before their access tokens expire. DynamoDB holds the account's status;
//! this is the fast check every request makes. A mark outlives every access token issued before
//! it, after which refresh (which reads the status) keeps the account out.

use domain::UserId;
use domain::limits::ACCESS_TOKEN_TTL_SECONDS;

use crate::{Redis, RedisError};

fn key(user: UserId) -> String {
    format!("deactivated:{user}")
}

/// A minute of slack for clocks.
const MARK_TTL_SECONDS: i64 = ACCESS_TOKEN_TTL_SECONDS + 60;

impl Redis {
    pub async fn mark_deactivated(&self, user: UserId) -> Result<(), RedisError> {
        redis::cmd("SET")
            .arg(key(user))
            .arg(1)
            .arg("EX")
            .arg(MARK_TTL_SECONDS)
            .query_async::<()>(&mut self.conn())
            .await?;
        Ok(())
    }

    pub async fn clear_deactivated(&self, user: UserId) -> Result<(), RedisError> {
        redis::cmd("DEL")
            .arg(key(user))
            .query_async::<()>(&mut self.conn())
            .await?;
        Ok(())
    }

    pub async fn is_deactivated(&self, user: UserId) -> Result<bool, RedisError> {
        let found: bool = redis::cmd("EXISTS")
            .arg(key(user))
            .query_async(&mut self.conn())
            .await?;
        Ok(found)
    }
}
