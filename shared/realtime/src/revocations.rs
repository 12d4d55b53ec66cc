//! A cache of what has been revoked per user (`domain::revocation::Revocations`). The durable
//! record is in DynamoDB (`store::revocations`); this copy only saves a read per request. A
//! missing or unloaded entry is a miss, never "nothing revoked": the caller reads the table and
//! fills the cache.
//!
//! Revocations only grow, so every write here is a merge (the later cut-off, the union of ended
//! families) done atomically in Redis. A revoker adds its revocation whether or not the entry is
//! loaded, and a reader filling the entry from an older read of the table merges into it, so in
//! whatever order the two land the revocation stays. The entry expires after a few minutes and
//! is read again from the table: even a Redis that came back with an old copy of its data forgets
//! that copy within that time.

use std::collections::BTreeMap;

use domain::UserId;
use domain::revocation::Revocations;

use crate::{Redis, RedisError, keys};

const LOADED: &str = "loaded";
const BEFORE: &str = "before";
const FAMILY_PREFIX: &str = "f:";

/// Merges into the entry in KEYS[1]. ARGV: mark loaded (1 or 0), seconds to keep, the cut-off,
/// then pairs of (family, until). Keeps the later of each; a loaded mark restarts the expiry,
/// and an entry without one gets it.
const MERGE: &str = r"
local key = KEYS[1]
local function raise(field, value)
  local current = tonumber(redis.call('HGET', key, field) or '0')
  if tonumber(value) > current then redis.call('HSET', key, field, value) end
end
raise('before', ARGV[3])
for i = 4, #ARGV, 2 do
  raise('f:' .. ARGV[i], ARGV[i + 1])
end
if ARGV[1] == '1' then
  redis.call('HSET', key, 'loaded', '1')
  redis.call('EXPIRE', key, ARGV[2])
elseif redis.call('TTL', key) < 0 then
  redis.call('EXPIRE', key, ARGV[2])
end
return 1
";

impl Redis {
    /// The cached revocations of `user`, `None` when the cache has not loaded them.
    pub async fn cached_revocations(
        &self,
        user: UserId,
    ) -> Result<Option<Revocations>, RedisError> {
        let fields: BTreeMap<String, i64> = redis::cmd("HGETALL")
            .arg(keys::revocations(user))
            .query_async(&mut self.conn())
            .await?;
        if !fields.contains_key(LOADED) {
            return Ok(None);
        }
        let mut revocations = Revocations::default();
        for (field, value) in fields {
            if field == BEFORE {
                revocations.before_ms = value;
            } else if let Some(family) = field.strip_prefix(FAMILY_PREFIX) {
                revocations.ended_families.insert(family.to_string(), value);
            }
        }
        Ok(Some(revocations))
    }

    /// Fills the cache with what the table holds (merged with whatever is there already).
    pub async fn fill_revocations(
        &self,
        user: UserId,
        loaded: &Revocations,
    ) -> Result<(), RedisError> {
        self.merge_revocations(user, loaded, true).await
    }

    /// Adds a revocation just recorded in the table, loaded or not.
    pub async fn add_revocation(
        &self,
        user: UserId,
        revocation: &Revocations,
    ) -> Result<(), RedisError> {
        self.merge_revocations(user, revocation, false).await
    }

    async fn merge_revocations(
        &self,
        user: UserId,
        revocations: &Revocations,
        loaded: bool,
    ) -> Result<(), RedisError> {
        let mut script = redis::cmd("EVAL");
        script
            .arg(MERGE)
            .arg(1)
            .arg(keys::revocations(user))
            .arg(if loaded { "1" } else { "0" })
            .arg(keys::REVOCATIONS_TTL_SECONDS)
            .arg(revocations.before_ms);
        for (family, until) in &revocations.ended_families {
            script.arg(family).arg(until);
        }
        script.query_async::<()>(&mut self.conn()).await?;
        Ok(())
    }

    /// Drops the cached entry: the next reader goes to the table.
    pub async fn forget_cached_revocations(&self, user: UserId) -> Result<(), RedisError> {
        redis::cmd("DEL")
            .arg(keys::revocations(user))
            .query_async::<()>(&mut self.conn())
            .await?;
        Ok(())
    }
}
