//! Who hears an event in a channel or conversation, without a DynamoDB Query per event.
//!
//! `members:<workspace>:<parent>` is a hash: one field per member (`1` when they muted the
//! parent, `0` otherwise) and `#v`, the members version the list was read at (the parent's
//! `membersVersion` in DynamoDB, which every change of its members moves in the same
//! transaction). A fan-out asks for the list at the version it knows; a different version is a
//! miss, so a removal takes effect at the very next event whatever happened to this cache, and
//! an entry lost with Redis costs one Query to rebuild.
//!
//! Reading the list and numbering the event on every live connection of its members is one
//! script: one round trip, however many members. (The version's field, `#v`, cannot clash with
//! a member's: user ids are ULIDs.)

use std::sync::LazyLock;

use domain::UserId;

use crate::connections::{Target, claim_connections_lua, targets};
use crate::{Redis, RedisError, keys};

/// KEYS[1]: the list; ARGV[1]: the version wanted. Answers nil when the list is not cached at
/// that version, else `{members, targets}`: flat (user id, muted) pairs, and the claim's flat
/// quadruples labelled by user id.
static CLAIM_CACHED: LazyLock<redis::Script> = LazyLock::new(|| {
    redis::Script::new(concat!(
        claim_connections_lua!(),
        r"
if redis.call('HGET', KEYS[1], '#v') ~= ARGV[1] then
  return false
end
local fields = redis.call('HGETALL', KEYS[1])
local members, out = {}, {}
for i = 1, #fields, 2 do
  local user = fields[i]
  if user ~= '#v' then
    table.insert(members, user)
    table.insert(members, fields[i + 1])
    claim_connections(user, user, out)
  end
end
return {members, out}
"
    ))
});

/// KEYS[1]: the list; ARGV: the version it was read at, the TTL, whether to number an event
/// (`1`/`0`), then flat (user id, muted) pairs. Keeps the list unless a newer version is
/// cached, and answers the claim's flat quadruples labelled by user id.
static CACHE_AND_CLAIM: LazyLock<redis::Script> = LazyLock::new(|| {
    redis::Script::new(concat!(
        claim_connections_lua!(),
        r"
local cached = tonumber(redis.call('HGET', KEYS[1], '#v') or '-1')
if tonumber(ARGV[1]) > cached then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], '#v', ARGV[1])
  for i = 4, #ARGV, 2 do
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  end
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
local out = {}
if ARGV[3] == '1' then
  for i = 4, #ARGV, 2 do
    claim_connections(ARGV[i], ARGV[i], out)
  end
end
return out
"
    ))
});

/// The members of a parent, with whether each muted it, and the connections one event goes to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Audience {
    pub members: Vec<(UserId, bool)>,
    pub targets: Vec<Target>,
}

/// A claim quadruple's label that is a user id.
pub(crate) fn user_of(value: &redis::Value) -> Option<UserId> {
    redis::from_redis_value_ref::<String>(value)
        .ok()?
        .parse()
        .ok()
}

impl Redis {
    /// The members of `parent` cached at `version`, with the next event numbered on each of
    /// their live connections; `None` when the cache does not hold that version (nothing is
    /// numbered then). One round trip.
    pub async fn claim_cached_audience(
        &self,
        workspace: &str,
        parent: &str,
        version: u64,
    ) -> Result<Option<Audience>, RedisError> {
        let reply: Option<(Vec<redis::Value>, Vec<redis::Value>)> = CLAIM_CACHED
            .key(keys::members(workspace, parent))
            .arg(version)
            .invoke_async(&mut self.conn())
            .await?;
        let Some((members, claimed)) = reply else {
            return Ok(None);
        };
        let members = members
            .chunks_exact(2)
            .filter_map(|pair| {
                let muted = redis::from_redis_value_ref::<String>(&pair[1]).ok()? == "1";
                Some((user_of(&pair[0])?, muted))
            })
            .collect();
        Ok(Some(Audience {
            members,
            targets: targets(&claimed, user_of),
        }))
    }

    /// Caches `members` as `parent`'s list at `version` (unless a newer one is cached), and,
    /// when `claim`, numbers the next event on each of their live connections. One round trip.
    pub async fn cache_audience(
        &self,
        workspace: &str,
        parent: &str,
        version: u64,
        members: &[(UserId, bool)],
        claim: bool,
    ) -> Result<Vec<Target>, RedisError> {
        let mut invocation = CACHE_AND_CLAIM.key(keys::members(workspace, parent));
        invocation
            .arg(version)
            .arg(keys::MEMBERS_TTL_SECONDS)
            .arg(if claim { "1" } else { "0" });
        for (user, muted) in members {
            invocation
                .arg(user.to_string())
                .arg(if *muted { "1" } else { "0" });
        }
        let claimed: Vec<redis::Value> = invocation.invoke_async(&mut self.conn()).await?;
        Ok(targets(&claimed, user_of))
    }
}
