//! Who is connected where. `conn:<id>` is a hash: the user (`u`), the session family (`f`) and
//! issue time (`i`) of the ticket it was opened with (so a revocation finds it), and `s`, the
//! sequence number of the last event pushed to it (and `w`, the version of its presence
//! subscription, see `watch`). `userconns:<user>` is the set of that user's
//! connection ids. Both expire after API Gateway's 2-hour connection limit, so a lost
//! `$disconnect` cannot leave entries behind for long.
//!
//! Every event pushed to a connection carries the next number of its sequence, so a client
//! that sees a number skipped knows it missed something and catches up; a ping is answered with
//! the last number, so a loss at the end of a quiet spell is noticed too. Numbering starts once
//! the client has been heard from (its first ping).

use std::collections::HashMap;

use domain::UserId;
use domain::revocation::Grant;

use crate::{Redis, RedisError, keys};

// A connection's fresh mark (`keys::fresh_connection`) says its `$connect` may not have
// returned yet. API Gateway answers 410 to posts in that window too; such a 410 must not
// unregister a socket that is about to be live.

/// Lua: `claim_connection(id, label, out)` numbers the next event of connection `id` and
/// appends a flat triple to `out`: `label` (whose it is), the connection id, and the event's
/// number on that connection; it answers false, appending nothing, when the connection's entry
/// is gone. A connection not yet heard from gets 0 (no number): its `$connect` may not have
/// returned, when API Gateway refuses posts to it, and a number spent on a refused post would
/// look like a loss. Its client pings as soon as it opens, and catches up on what came before.
/// `claim_connections(key, label, out)` does so for every connection in the `userconns` set
/// `key`, forgetting ids whose entry is gone. A macro, so scripts can `concat!` it (`audience`
/// and `watch` use it too); it declares the key prefixes (`keys::lua_key_prefixes`) as well.
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
  local seq = 0
  if redis.call('EXISTS', CONNFRESH .. id) == 0 then
    seq = redis.call('HINCRBY', conn, 's', 1)
  end
  table.insert(out, label)
  table.insert(out, id)
  table.insert(out, seq)
  return true
end
local function claim_connections(key, label, out)
  local ids = redis.call('SMEMBERS', key)
  for _, id in ipairs(ids) do
    if not claim_connection(id, label, out) then
      redis.call('SREM', key, id)
    end
  end
end
"
        )
    };
}
pub(crate) use claim_connections_lua;

/// Numbers the next event of every live connection of the users in KEYS (their `userconns`
/// sets); each triple is labelled with the user's index in KEYS (from 1).
const CLAIM: &str = concat!(
    claim_connections_lua!(),
    r"
local out = {}
for k = 1, #KEYS do
  claim_connections(KEYS[k], k, out)
end
return out
"
);

/// Forgets a connection (KEYS: its entry, its fresh mark; ARGV: its id) and answers whose it was.
const UNREGISTER: &str = concat!(
    keys::lua_key_prefixes!(),
    r"
local user = redis.call('HGET', KEYS[1], 'u')
redis.call('DEL', KEYS[1], KEYS[2])
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
    /// The number of the last event pushed to it (0 before the first numbered one).
    pub last_seq: u64,
}

/// One connection an event goes to, with that event's number on it (0: unnumbered).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    pub user: UserId,
    pub connection_id: String,
    pub seq: u64,
}

impl Redis {
    pub async fn register_connection(
        &self,
        connection_id: &str,
        user: UserId,
        grant: &Grant,
    ) -> Result<(), RedisError> {
        let conn = keys::connection(connection_id);
        redis::pipe()
            .atomic()
            .hset_multiple(
                &conn,
                &[
                    ("u", user.to_string()),
                    ("f", grant.family.clone()),
                    ("i", grant.issued_ms.to_string()),
                    ("s", "0".to_string()),
                ],
            )
            .expire(&conn, keys::CONNECTION_TTL_SECONDS as i64)
            .sadd(keys::user_connections(user), connection_id)
            .expire(
                keys::user_connections(user),
                keys::CONNECTION_TTL_SECONDS as i64,
            )
            .set_ex(
                keys::fresh_connection(connection_id),
                1,
                keys::FRESH_CONNECTION_SECONDS,
            )
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
            .arg(2)
            .arg(keys::connection(connection_id))
            .arg(keys::fresh_connection(connection_id))
            .arg(connection_id)
            .query_async(&mut self.conn())
            .await?;
        Ok(user.and_then(|u| u.parse().ok()))
    }

    /// The connection as the registry knows it, `None` when it does not (the registry was lost,
    /// or the connection was closed), and ends its fresh window: a frame from the client proves
    /// the socket is live, so from now on a 410 means gone.
    pub async fn ping_connection(
        &self,
        connection_id: &str,
    ) -> Result<Option<Registered>, RedisError> {
        type Fields = (Option<String>, Option<String>, Option<i64>, Option<u64>);
        let ((user, family, issued, seq),): (Fields,) = redis::pipe()
            .cmd("HMGET")
            .arg(keys::connection(connection_id))
            .arg(&["u", "f", "i", "s"])
            .del(keys::fresh_connection(connection_id))
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
        script.arg(CLAIM).arg(users.len());
        for user in users {
            script.arg(keys::user_connections(*user));
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

/// The targets in a claim script's flat triples; `user` reads a triple's label.
pub(crate) fn targets(
    flat: &[redis::Value],
    user: impl Fn(&redis::Value) -> Option<UserId>,
) -> Vec<Target> {
    let mut deliveries = Vec::with_capacity(flat.len() / 3);
    for triple in flat.chunks_exact(3) {
        let (Some(user), Ok(connection_id), Ok(seq)) = (
            user(&triple[0]),
            redis::from_redis_value_ref::<String>(&triple[1]),
            redis::from_redis_value_ref::<u64>(&triple[2]),
        ) else {
            continue;
        };
        deliveries.push(Target {
            user,
            connection_id,
            seq,
        });
    }
    deliveries
}
