//! Presence, in Redis so every Lambda container sees the same. A user is online while they have
//! a live connection (`userconns:<uid>`, kept by `connections`) that has not said it is away,
//! away when every live connection has (`awayconns:<uid>`, the connection ids that said so: a
//! phone in a pocket does not make someone at their laptop away), offline with no connection.
//! Who hears of a change is `watch`'s business: the connections showing that person.
//!
//! Announcements are throttled per user: at most one per window (going offline always goes
//! out). What was last announced is kept (`presence:said:<uid>`), so a change undone within the
//! window is never announced, and a change inside the window is held, not dropped: one caller
//! (the holder) waits out the window and asks again, then announces the state at that moment.
//! Each step is one Lua script, so concurrent connects, disconnects and frames of one user see
//! and change the state atomically.

use std::collections::HashSet;
use std::time::Duration;

use domain::UserId;
use domain::presence::PresenceStatus;

use crate::{Redis, RedisError, keys};

/// What others need to hear after a presence step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresenceNews {
    /// Nothing: no change, or another caller holds the change and will announce it.
    Quiet,
    /// Announce this status to those watching now.
    Announce(PresenceStatus),
    /// Throttled, and the caller is the holder: wait this long, then call again with
    /// `PresenceStep::Held`.
    Hold(Duration),
}

/// What happened before a presence step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresenceStep<'a> {
    /// A connection was registered or forgotten (see `connections`).
    Connections,
    /// This connection says its user is away (`true`) or back (`false`).
    Away { connection_id: &'a str, away: bool },
    /// The holder of a throttled change, after waiting.
    Held,
}

/// KEYS: userconns, awayconns, said, gate, held.
/// ARGV: step (`away`, `back`, `held` or empty), connection id, window in ms, entry TTL in
/// seconds.
/// Returns `{code, status, wait ms}`: 0 quiet, 1 announce, 2 hold. Sent with EVAL (Redis
/// keeps the compiled script; steps are rare: connects, disconnects, away frames).
const STEP: &str = r"
local ttl = tonumber(ARGV[4])
if ARGV[1] == 'away' then
  redis.call('SADD', KEYS[2], ARGV[2])
  redis.call('EXPIRE', KEYS[2], ttl)
elseif ARGV[1] == 'back' then
  redis.call('SREM', KEYS[2], ARGV[2])
elseif ARGV[1] == 'held' then
  redis.call('DEL', KEYS[5])
end
local conns = redis.call('SCARD', KEYS[1])
local status = 'online'
if conns == 0 then
  status = 'offline'
  redis.call('DEL', KEYS[2])
else
  if redis.call('SINTERCARD', 2, KEYS[1], KEYS[2]) == conns then
    status = 'away'
  end
  redis.call('EXPIRE', KEYS[3], ttl)
end
local said = redis.call('GET', KEYS[3]) or 'offline'
if said == status then
  return {0, status, 0}
end
if status ~= 'offline' and not redis.call('SET', KEYS[4], '1', 'NX', 'PX', ARGV[3]) then
  if redis.call('EXISTS', KEYS[5]) == 1 then
    return {0, status, 0}
  end
  local wait = redis.call('PTTL', KEYS[4])
  if wait < 1 then
    wait = 1
  end
  redis.call('SET', KEYS[5], '1', 'PX', wait + 5000)
  return {2, status, wait}
end
if status == 'offline' then
  redis.call('DEL', KEYS[3])
else
  redis.call('SET', KEYS[3], status, 'EX', ttl)
end
return {1, status, 0}
";

fn status_named(name: &str) -> PresenceStatus {
    match name {
        "online" => PresenceStatus::Online,
        "away" => PresenceStatus::Away,
        _ => PresenceStatus::Offline,
    }
}

impl Redis {
    /// Applies `step` to `user`'s presence and says what to announce, at most one announcement
    /// per `window` (going offline excepted). One round trip.
    pub async fn presence_step(
        &self,
        user: UserId,
        step: PresenceStep<'_>,
        window: Duration,
    ) -> Result<PresenceNews, RedisError> {
        let (name, connection) = match step {
            PresenceStep::Connections => ("", ""),
            PresenceStep::Away {
                connection_id,
                away,
            } => (if away { "away" } else { "back" }, connection_id),
            PresenceStep::Held => ("held", ""),
        };
        let window_ms = u64::try_from(window.as_millis()).unwrap_or(u64::MAX).max(1);
        let (code, status, wait): (i64, String, u64) = redis::cmd("EVAL")
            .arg(STEP)
            .arg(5)
            .arg(keys::user_connections(user))
            .arg(keys::away_connections(user))
            .arg(keys::presence_said(user))
            .arg(keys::presence_gate(user))
            .arg(keys::presence_held(user))
            .arg(name)
            .arg(connection)
            .arg(window_ms)
            .arg(keys::CONNECTION_TTL_SECONDS)
            .query_async(&mut self.conn())
            .await?;
        Ok(match code {
            1 => PresenceNews::Announce(status_named(&status)),
            2 => PresenceNews::Hold(Duration::from_millis(wait)),
            _ => PresenceNews::Quiet,
        })
    }

    /// Which of `users` are online (connected and not away): who `@here` reaches. One round
    /// trip.
    pub async fn online(&self, users: &[UserId]) -> Result<HashSet<UserId>, RedisError> {
        Ok(self
            .presence_of(users)
            .await?
            .into_iter()
            .filter(|(_, status)| *status == PresenceStatus::Online)
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
            pipe.scard(keys::user_connections(*user))
                .cmd("SINTERCARD")
                .arg(2)
                .arg(keys::user_connections(*user))
                .arg(keys::away_connections(*user));
        }
        let answers: Vec<u64> = pipe.query_async(&mut self.conn()).await?;
        Ok(users
            .iter()
            .zip(answers.chunks(2))
            .map(|(user, pair)| {
                let status = match pair {
                    [0, _] => PresenceStatus::Offline,
                    [connections, away] if away == connections => PresenceStatus::Away,
                    _ => PresenceStatus::Online,
                };
                (*user, status)
            })
            .collect())
    }
}
