//! Who is connected where: `conn:<id>` → user, and `userconns:<user>` → that user's connection
//! ids. Both expire after API Gateway's 2-hour connection limit, so a lost `$disconnect` cannot
//! leave entries behind for long.

use std::collections::HashMap;

use domain::UserId;

use crate::{Redis, RedisError};

/// API Gateway closes every connection after 2 hours; keep entries a little longer.
const CONNECTION_TTL_SECONDS: i64 = 2 * 3600 + 300;

fn conn_key(connection_id: &str) -> String {
    format!("conn:{connection_id}")
}

fn user_key(user: UserId) -> String {
    format!("userconns:{user}")
}

impl Redis {
    pub async fn register_connection(
        &self,
        connection_id: &str,
        user: UserId,
    ) -> Result<(), RedisError> {
        redis::pipe()
            .atomic()
            .set_ex(
                conn_key(connection_id),
                user.to_string(),
                CONNECTION_TTL_SECONDS as u64,
            )
            .sadd(user_key(user), connection_id)
            .expire(user_key(user), CONNECTION_TTL_SECONDS)
            .query_async::<()>(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Forgets a connection; returns whose it was.
    pub async fn unregister_connection(
        &self,
        connection_id: &str,
    ) -> Result<Option<UserId>, RedisError> {
        let user: Option<String> = redis::cmd("GETDEL")
            .arg(conn_key(connection_id))
            .query_async(&mut self.conn())
            .await?;
        let user = user.and_then(|u| u.parse().ok());
        if let Some(user) = user {
            redis::cmd("SREM")
                .arg(user_key(user))
                .arg(connection_id)
                .query_async::<()>(&mut self.conn())
                .await?;
        }
        Ok(user)
    }

    /// Removes many dead connections of known users in one round trip.
    pub async fn forget_connections(&self, dead: &[(UserId, String)]) -> Result<(), RedisError> {
        if dead.is_empty() {
            return Ok(());
        }
        let mut pipe = redis::pipe();
        for (user, connection_id) in dead {
            pipe.del(conn_key(connection_id)).ignore();
            pipe.srem(user_key(*user), connection_id).ignore();
        }
        pipe.query_async::<()>(&mut self.conn()).await?;
        Ok(())
    }

    pub async fn user_of_connection(
        &self,
        connection_id: &str,
    ) -> Result<Option<UserId>, RedisError> {
        let user: Option<String> = redis::cmd("GET")
            .arg(conn_key(connection_id))
            .query_async(&mut self.conn())
            .await?;
        Ok(user.and_then(|u| u.parse().ok()))
    }

    /// The live connection ids of each user, in one pipelined round trip.
    pub async fn connections_of(
        &self,
        users: &[UserId],
    ) -> Result<HashMap<UserId, Vec<String>>, RedisError> {
        if users.is_empty() {
            return Ok(HashMap::new());
        }
        let mut pipe = redis::pipe();
        for user in users {
            pipe.smembers(user_key(*user));
        }
        let sets: Vec<Vec<String>> = pipe.query_async(&mut self.conn()).await?;
        Ok(users
            .iter()
            .copied()
            .zip(sets)
            .filter(|(_, conns)| !conns.is_empty())
            .collect())
    }
}
