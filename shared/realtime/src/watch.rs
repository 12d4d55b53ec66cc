//! Who watches whose presence. A client shows some people (its sidebar's direct messages, a
//! member list, the authors of the messages on screen) and subscribes to exactly those, per
//! connection; a change of someone's presence goes only to those watching them, so a connect
//! costs posts to the people showing that person, not to the whole workspace.
//!
//! `watching:<connection>` holds the user ids a connection watches; `watchers:<uid>` the
//! connections watching that user (the reverse index a change is fanned out by, to those
//! connections only, numbered like every pushed event). Both expire with the connection's
//! registry entry (API Gateway closes every connection within 2 hours; a `watchers` set lives
//! as long as its longest-lived watcher), `$disconnect` removes them, and a connection whose
//! registry entry is gone (a `$disconnect` that was lost) is dropped from `watchers` the next
//! time a change finds it there. The version of a
//! connection's subscription is the `w` field of its registry entry (`conn:<id>`, see
//! `connections`), so it goes with the connection.

use std::sync::LazyLock;

use domain::UserId;

use crate::audience::user_of;
use crate::connections::{Target, claim_connections_lua, targets};
use crate::{Redis, RedisError, keys};

/// Replaces a connection's subscription, to expire with the connection's registry entry.
/// KEYS: that entry, its `watching` set. ARGV: the connection id, the subscription's version,
/// then the user ids. Returns 1 when stored, 0 when the connection is not registered or has a
/// newer subscription.
const SUBSCRIBE: &str = concat!(
    keys::lua_key_prefixes!(),
    r"
local ttl = redis.call('TTL', KEYS[1])
if ttl < 1 then
  return 0
end
local last = tonumber(redis.call('HGET', KEYS[1], 'w') or '-1')
if tonumber(ARGV[2]) <= last then
  return 0
end
redis.call('HSET', KEYS[1], 'w', ARGV[2])
for _, user in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  redis.call('SREM', WATCHERS .. user, ARGV[1])
end
redis.call('DEL', KEYS[2])
for i = 3, #ARGV do
  local watchers = WATCHERS .. ARGV[i]
  redis.call('SADD', KEYS[2], ARGV[i])
  redis.call('SADD', watchers, ARGV[1])
  if redis.call('TTL', watchers) < ttl then
    redis.call('EXPIRE', watchers, ttl)
  end
end
redis.call('EXPIRE', KEYS[2], ttl)
return 1
"
);

/// Drops a connection's subscription. KEYS: its `watching` set. ARGV: the connection id.
const UNSUBSCRIBE: &str = concat!(
    keys::lua_key_prefixes!(),
    r"
for _, user in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  redis.call('SREM', WATCHERS .. user, ARGV[1])
end
redis.call('DEL', KEYS[1])
"
);

/// Numbers an event on every live connection watching someone (KEYS[1]: their `watchers` set),
/// exactly as `connections` numbers every pushed event; answers the claim's flat quadruples
/// labelled by the watching connection's user. Ids whose registry entry is gone are dropped on
/// the way.
static CLAIM_WATCHERS: LazyLock<redis::Script> = LazyLock::new(|| {
    redis::Script::new(concat!(
        claim_connections_lua!(),
        r"
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local user = redis.call('HGET', CONN .. id, 'u')
  if not (user and claim_connection(id, user, out)) then
    redis.call('SREM', KEYS[1], id)
  end
end
return out
"
    ))
});

impl Redis {
    /// Makes `users` the people `connection_id` watches, replacing what it watched, unless the
    /// connection is not registered (closed, or lost with Redis) or already holds a subscription
    /// of this `version` or a later one. Returns whether it was stored. One round trip.
    pub async fn watch(
        &self,
        connection_id: &str,
        users: &[UserId],
        version: u64,
    ) -> Result<bool, RedisError> {
        let mut script = redis::cmd("EVAL");
        script
            .arg(SUBSCRIBE)
            .arg(2)
            .arg(keys::connection(connection_id))
            .arg(keys::watching(connection_id))
            .arg(connection_id)
            .arg(version);
        for user in users {
            script.arg(user.to_string());
        }
        let stored: i64 = script.query_async(&mut self.conn()).await?;
        Ok(stored == 1)
    }

    /// Forgets what `connection_id` watches (it closed). One round trip.
    pub async fn unwatch(&self, connection_id: &str) -> Result<(), RedisError> {
        redis::cmd("EVAL")
            .arg(UNSUBSCRIBE)
            .arg(1)
            .arg(keys::watching(connection_id))
            .arg(connection_id)
            .query_async::<()>(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Every live connection watching `user`, each with the number of the event about to be
    /// pushed to it (see `connections`). One round trip.
    pub async fn claim_watchers(&self, user: UserId) -> Result<Vec<Target>, RedisError> {
        let flat: Vec<redis::Value> = CLAIM_WATCHERS
            .key(keys::watchers(user))
            .invoke_async(&mut self.conn())
            .await?;
        Ok(targets(&flat, user_of))
    }
}
