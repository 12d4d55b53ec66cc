//! Presence and typing, in Redis so every Lambda container sees the same: a user is online
//! while they have a live connection (`userconns:<uid>` is not empty), away when their client
//! said so (`away:<uid>`), offline otherwise. Typing is throttled per user and conversation.

use std::collections::HashSet;

use domain::UserId;
use domain::presence::PresenceStatus;

use crate::{Redis, RedisError};

/// Connections live at most 2 hours; so does an away flag nobody cleared.
const AWAY_TTL_SECONDS: u64 = 2 * 3600 + 300;

fn away_key(user: UserId) -> String {
    format!("away:{user}")
}

fn conns_key(user: UserId) -> String {
    format!("userconns:{user}")
}

impl Redis {
    /// After a connection is registered: `true` when it is `user`'s only one (they just came
    /// online). A new connection also ends being away.
    pub async fn came_online(&self, user: UserId) -> Result<bool, RedisError> {
        let (connections, _): (u32, u32) = redis::pipe()
            .scard(conns_key(user))
            .del(away_key(user))
            .query_async(&mut self.conn())
            .await?;
        Ok(connections == 1)
    }

    /// After a connection is forgotten: `true` when `user` has none left (they went offline).
    pub async fn went_offline(&self, user: UserId) -> Result<bool, RedisError> {
        let connections: u32 = redis::cmd("SCARD")
            .arg(conns_key(user))
            .query_async(&mut self.conn())
            .await?;
        if connections > 0 {
            return Ok(false);
        }
        redis::cmd("DEL")
            .arg(away_key(user))
            .query_async::<()>(&mut self.conn())
            .await?;
        Ok(true)
    }

    /// Sets `user` away or back; `true` when that changed anything.
    pub async fn set_away(&self, user: UserId, away: bool) -> Result<bool, RedisError> {
        let changed: bool = if away {
            redis::cmd("SET")
                .arg(away_key(user))
                .arg(1)
                .arg("NX")
                .arg("EX")
                .arg(AWAY_TTL_SECONDS)
                .query_async::<Option<String>>(&mut self.conn())
                .await?
                .is_some()
        } else {
            redis::cmd("DEL")
                .arg(away_key(user))
                .query_async::<u32>(&mut self.conn())
                .await?
                == 1
        };
        Ok(changed)
    }

    /// Which of `users` are connected (online or away), in one round trip.
    pub async fn online(&self, users: &[UserId]) -> Result<HashSet<UserId>, RedisError> {
        Ok(self
            .presence_of(users)
            .await?
            .into_iter()
            .filter(|(_, status)| *status != PresenceStatus::Offline)
            .map(|(user, _)| user)
            .collect())
    }

    /// Each user's presence, in one pipelined round trip.
    pub async fn presence_of(
        &self,
        users: &[UserId],
    ) -> Result<Vec<(UserId, PresenceStatus)>, RedisError> {
        if users.is_empty() {
            return Ok(Vec::new());
        }
        let mut pipe = redis::pipe();
        for user in users {
            pipe.scard(conns_key(*user)).exists(away_key(*user));
        }
        let answers: Vec<u32> = pipe.query_async(&mut self.conn()).await?;
        Ok(users
            .iter()
            .zip(answers.chunks(2))
            .map(|(user, pair)| {
                let status = match pair {
                    [0, _] => PresenceStatus::Offline,
                    [_, 1] => PresenceStatus::Away,
                    _ => PresenceStatus::Online,
                };
                (*user, status)
            })
            .collect())
    }

    /// `true` when `user` may send another typing event for `place` now (at most one per
    /// `seconds`).
    pub async fn may_type(
        &self,
        user: UserId,
        place: &str,
        seconds: u64,
    ) -> Result<bool, RedisError> {
        let set: Option<String> = redis::cmd("SET")
            .arg(format!("typing:{user}:{place}"))
            .arg(1)
            .arg("NX")
            .arg("EX")
            .arg(seconds)
            .query_async(&mut self.conn())
            .await?;
        Ok(set.is_some())
    }
}
