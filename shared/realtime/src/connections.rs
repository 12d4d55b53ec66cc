//! Who is connected where. `conn:<id>` is a hash: the user (`u`), the session family (`f`) and
//! issue time (`i`) of the ticket it was opened with (so a revocation finds it), and `s`, the
//! sequence number of the last event pushed to it (and `w`, the version of its presence
//! subscription, see `watch`). `userconns:<user>` is the set of that user's
//! connection ids. Both expire after API Gateway's 2-hour connection limit, so a lost
//! `$disconnect` cannot leave entries behind for long. A ticket's pending connection
//! (`tickets`) has the same hash, in `userpending:<user>`, until `$connect` takes it over.
//!
//! Every event pushed to a connection carries the next number of its sequence, so a client
//! that sees a number skipped knows it missed something and catches up; a ping is answered with
//! the last number, so a loss at the end of a quiet spell is noticed too. Numbering starts at
//! the ticket: until the client's first ping, a connection's events are held in Redis rather
//! than posted (`held`), and that ping takes them.

use std::collections::HashMap;

use domain::UserId;
use domain::revocation::Grant;

use crate::{Redis, RedisError, keys};

// A connection's fresh mark (`keys::fresh_connection`) says it has not pinged yet: its ticket
// is not redeemed, or its `$connect` may not have returned (API Gateway refuses posts then), or
// its client has not spoken. Its events are held, and a 410 must not unregister it.

/// Lua: `claim_connection(id, label, out)` numbers the next event of connection `id` and
/// appends a flat quadruple to `out`: `label` (whose it is), the connection id, the event's
/// number on that connection, and 1 when the event is to be held for it (it is fresh) rather
/// than posted; it answers false, appending nothing, when the connection's entry is gone.
/// `claim_connections(user, label, out)` does so for every connection of `user` (user id),
/// live or pending, forgetting ids whose entry is gone. A macro, so scripts can `concat!` it
/// (`audience` and `watch` use it too); it declares the key prefixes
/// (`keys::lua_key_prefixes`) as well.
macro_rules! claim_connections_lua {
    () => {
        concat!(
            $crate::keys::lua_key_prefixes!(),
            r"
local function claim_connection(id, label, out)
  local conn = CONN .. id
  if redis.call('EXISTS', conn) == 0 then
    return false
  end
  table.insert(out, label)
  table.insert(out, id)
  table.insert(out, redis.call('HINCRBY', conn, 's', 1))
  table.insert(out, redis.call('EXISTS', CONNFRESH .. id))
  return true
end
local function claim_connections(user, label, out)
  for _, key in ipairs({USERCONNS .. user, USERPENDING .. user}) do
    for _, id in ipairs(redis.call('SMEMBERS', key)) do
      if not claim_connection(id, label, out) then
        redis.call('SREM', key, id)
      end
    end
  end
end
"
        )
    };
}
pub(crate) use claim_connections_lua;

/// Numbers the next event of every connection of the users in ARGV (user ids); each
/// quadruple is labelled with the user's index in ARGV (from 1).
const CLAIM: &str = concat!(
    claim_connections_lua!(),
    r"
local out = {}
for k = 1, #ARGV do
  claim_connections(ARGV[k], k, out)
end
return out
"
);

/// Records a connection (ARGV: id, user, family, issue time, the pending connection it takes
/// over or '', its TTL, the fresh mark's TTL). Taking over moves the pending connection's
/// number and held frames to it, and leaves a forwarding entry for the frames on their way.
const REGISTER: &str = concat!(
    keys::lua_key_prefixes!(),
    r"
local id, user, pending = ARGV[1], ARGV[2], ARGV[5]
local seq = 0
if pending ~= '' then
  seq = tonumber(redis.call('HGET', CONN .. pending, 's') or '0')
  redis.call('DEL', CONN .. pending, CONNFRESH .. pending)
  redis.call('SREM', USERPENDING .. user, pending)
  if redis.call('EXISTS', CONNHELD .. pending) == 1 then
    redis.call('RENAME', CONNHELD .. pending, CONNHELD .. id)
  end
  redis.call('SET', CONNMOVED .. pending, id, 'EX', ARGV[7])
end
redis.call('HSET', CONN .. id, 'u', user, 'f', ARGV[3], 'i', ARGV[4], 's', seq)
redis.call('EXPIRE', CONN .. id, ARGV[6])
redis.call('SADD', USERCONNS .. user, id)
redis.call('EXPIRE', USERCONNS .. user, ARGV[6])
redis.call('SET', CONNFRESH .. id, 1, 'EX', ARGV[7])
"
);

/// Forgets a connection (KEYS: its entry, its fresh mark, its held frames; ARGV: its id) and
/// answers whose it was.
const UNREGISTER: &str = concat!(
    keys::lua_key_prefixes!(),
    r"
local user = redis.call('HGET', KEYS[1], 'u')
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
if user then
  redis.call('SREM', USERCONNS .. user, ARGV[1])
end
return user
"
);

/// A registered connection, as a ping finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    pub user: UserId,
    /// What the socket was opened under, for revocation checks.
    pub grant: Grant,
    /// The number of the last event numbered for it (0 before the first).
    pub last_seq: u64,
    /// The frames held for it until this ping, to post now (each carries its number).
    pub held: Vec<Vec<u8>>,
}

/// One connection an event goes to, with that event's number on it (0: unnumbered).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    pub user: UserId,
    pub connection_id: String,
    pub seq: u64,
    /// The connection has not pinged yet: the event is held for it, not posted (`held`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub held: bool,
}

impl Redis {
    /// Records `connection_id` as `user`'s, opened under `grant`, with nothing held for it.
    pub async fn register_connection(
        &self,
        connection_id: &str,
        user: UserId,
        grant: &Grant,
    ) -> Result<(), RedisError> {
        self.register(connection_id, user, grant, "").await
    }

    /// Records `connection_id` as opened with `ticket`: it takes over the ticket's pending
    /// connection, with the events numbered and held for it since the ticket was minted.
    pub async fn register_ticketed(
        &self,
        connection_id: &str,
        ticket: &crate::tickets::Ticket,
    ) -> Result<(), RedisError> {
        self.register(connection_id, ticket.user, &ticket.grant, &ticket.pending)
            .await
    }

    async fn register(
        &self,
        connection_id: &str,
        user: UserId,
        grant: &Grant,
        pending: &str,
    ) -> Result<(), RedisError> {
        redis::cmd("EVAL")
            .arg(REGISTER)
            .arg(0)
            .arg(connection_id)
            .arg(user.to_string())
            .arg(&grant.family)
            .arg(grant.issued_ms)
            .arg(pending)
            .arg(keys::CONNECTION_TTL_SECONDS)
            .arg(keys::HELD_SECONDS)
            .query_async::<()>(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Forgets a connection; returns whose it was.
    pub async fn unregister_connection(
        &self,
        connection_id: &str,
    ) -> Result<Option<UserId>, RedisError> {
        let user: Option<String> = redis::cmd("EVAL")
            .arg(UNREGISTER)
            .arg(3)
            .arg(keys::connection(connection_id))
            .arg(keys::fresh_connection(connection_id))
            .arg(keys::held_frames(connection_id))
            .arg(connection_id)
            .query_async(&mut self.conn())
            .await?;
        Ok(user.and_then(|u| u.parse().ok()))
    }

    /// The connection as the registry knows it, `None` when it does not (the registry was lost,
    /// or the connection was closed), and ends its fresh window: a frame from the client proves
    /// the socket is live, so from now on its events are posted, and a 410 means gone. Takes the
    /// frames held for it until now in the same step (`Registered::held`), so none is left
    /// behind by an event numbered meanwhile.
    pub async fn ping_connection(
        &self,
        connection_id: &str,
    ) -> Result<Option<Registered>, RedisError> {
        type Fields = (Option<String>, Option<String>, Option<i64>, Option<u64>);
        let held_key = keys::held_frames(connection_id);
        let ((user, family, issued, seq), held): (Fields, Vec<Vec<u8>>) = redis::pipe()
            .atomic()
            .cmd("HMGET")
            .arg(keys::connection(connection_id))
            .arg(&["u", "f", "i", "s"])
            .del(keys::fresh_connection(connection_id))
            .ignore()
            .lrange(&held_key, 0, -1)
            .del(&held_key)
            .ignore()
            .query_async(&mut self.conn())
            .await?;
        let Some(user) = user.and_then(|u| u.parse().ok()) else {
            return Ok(None);
        };
        Ok(Some(Registered {
            user,
            grant: Grant {
                family: family.unwrap_or_default(),
                issued_ms: issued.unwrap_or(0),
            },
            last_seq: seq.unwrap_or(0),
            held,
        }))
    }

    /// Removes dead connections of known users, except those registered in the last moments
    /// (their 410 may only mean `$connect` has not returned yet). Two round trips.
    pub async fn forget_connections(&self, dead: &[(UserId, String)]) -> Result<(), RedisError> {
        if dead.is_empty() {
            return Ok(());
        }
        let mut fresh = redis::pipe();
        for (_, connection_id) in dead {
            fresh.exists(keys::fresh_connection(connection_id));
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
            pipe.del(keys::connection(connection_id)).ignore();
            pipe.srem(keys::user_connections(*user), connection_id)
                .ignore();
        }
        pipe.query_async::<()>(&mut self.conn()).await?;
        Ok(())
    }

    pub async fn user_of_connection(
        &self,
        connection_id: &str,
    ) -> Result<Option<UserId>, RedisError> {
        let user: Option<String> = redis::cmd("HGET")
            .arg(keys::connection(connection_id))
            .arg("u")
            .query_async(&mut self.conn())
            .await?;
        Ok(user.and_then(|u| u.parse().ok()))
    }

    /// The live connection ids of each user, in one pipelined round trip (numbers nothing).
    pub async fn connections_of(
        &self,
        users: &[UserId],
    ) -> Result<HashMap<UserId, Vec<String>>, RedisError> {
        if users.is_empty() {
            return Ok(HashMap::new());
        }
        let mut pipe = redis::pipe();
        for user in users {
            pipe.smembers(keys::user_connections(*user));
        }
        let sets: Vec<Vec<String>> = pipe.query_async(&mut self.conn()).await?;
        Ok(users
            .iter()
            .copied()
            .zip(sets)
            .filter(|(_, conns)| !conns.is_empty())
            .collect())
    }

    /// The connections of `user` opened in session family `family` (one device's sign-in).
    pub async fn connections_in_family(
        &self,
        user: UserId,
        family: &str,
    ) -> Result<Vec<String>, RedisError> {
        let ids = self
            .connections_of(&[user])
            .await?
            .remove(&user)
            .unwrap_or_default();
        if ids.is_empty() {
            return Ok(ids);
        }
        let mut pipe = redis::pipe();
        for id in &ids {
            pipe.hget(keys::connection(id), "f");
        }
        let families: Vec<Option<String>> = pipe.query_async(&mut self.conn()).await?;
        Ok(ids
            .into_iter()
            .zip(families)
            .filter_map(|(id, f)| (f.as_deref() == Some(family)).then_some(id))
            .collect())
    }

    /// Every live connection of `users`, each with the number of the event about to be pushed
    /// to it. One round trip.
    pub async fn claim_deliveries(&self, users: &[UserId]) -> Result<Vec<Target>, RedisError> {
        if users.is_empty() {
            return Ok(Vec::new());
        }
        let mut script = redis::cmd("EVAL");
        script.arg(CLAIM).arg(0);
        for user in users {
            script.arg(user.to_string());
        }
        let flat: Vec<redis::Value> = script.query_async(&mut self.conn()).await?;
        Ok(targets(&flat, |label| {
            redis::from_redis_value_ref::<usize>(label)
                .ok()
                .and_then(|index| index.checked_sub(1))
                .and_then(|i| users.get(i))
                .copied()
        }))
    }
}

/// The targets in a claim script's flat quadruples; `user` reads a quadruple's label.
pub(crate) fn targets(
    flat: &[redis::Value],
    user: impl Fn(&redis::Value) -> Option<UserId>,
) -> Vec<Target> {
    let mut deliveries = Vec::with_capacity(flat.len() / 4);
    for quadruple in flat.chunks_exact(4) {
        let (Some(user), Ok(connection_id), Ok(seq), Ok(held)) = (
            user(&quadruple[0]),
            redis::from_redis_value_ref::<String>(&quadruple[1]),
            redis::from_redis_value_ref::<u64>(&quadruple[2]),
            redis::from_redis_value_ref::<u8>(&quadruple[3]),
        ) else {
            continue;
        };
        deliveries.push(Target {
            user,
            connection_id,
            seq,
            held: held == 1,
        });
    }
    deliveries
}
