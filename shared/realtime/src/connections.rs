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

/// Marks a connection whose `$connect` may not have returned yet. API Gateway answers 410 to
/// posts in that window too; such a 410 must not unregister a socket that is about to be live.
fn fresh_key(connection_id: &str) -> String {
    format!("connfresh:{connection_id}")
}

/// Longer than any `$connect` handler runs.
const FRESH_SECONDS: u64 = 30;

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
            .set_ex(fresh_key(connection_id), 1, FRESH_SECONDS)
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
            redis::pipe()
                .srem(user_key(user), connection_id)
                .ignore()
                .del(fresh_key(connection_id))
                .ignore()
                .query_async::<()>(&mut self.conn())
                .await?;
        }
        Ok(user)
    }

    /// Ends a connection's fresh window early, once the client has been heard from.
    pub async fn confirm_connection(&self, connection_id: &str) -> Result<(), RedisError> {
        redis::cmd("DEL")
            .arg(fresh_key(connection_id))
            .query_async::<()>(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Removes dead connections of known users, except those registered in the last moments
    /// (their 410 may only mean `$connect` has not returned yet). Two round trips.
    pub async fn forget_connections(&self, dead: &[(UserId, String)]) -> Result<(), RedisError> {
        if dead.is_empty() {
            return Ok(());
        }
        let mut fresh = redis::pipe();
        for (_, connection_id) in dead {
            fresh.exists(fresh_key(connection_id));
        }
        let fresh: Vec<bool> = fresh.query_async(&mut self.conn()).await?;
        let gone: Vec<&(UserId, String)> = dead
            .iter()
            .zip(fresh)
            .filter_map(|(d, fresh)| (!fresh).then_some(d))
            .collect();
        if gone.is_empty() {
            return Ok(());
        }
        let mut pipe = redis::pipe();
        for (user, connection_id) in gone {
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
