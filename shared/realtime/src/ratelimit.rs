//! Fixed-window rate limits, counted in Redis so they hold across Lambda containers. One round
//! trip per check: a small script counts the attempt, starts the window on the first one and
//! reads how long the window has left, atomically.

use domain::limits::RateLimit;

use crate::{Redis, RedisError, keys};

/// Counts one attempt; starts the window with the first (or when a key somehow lost its
/// expiry, so a counter can never live forever). Answers the count and the window's
/// milliseconds left.
const HIT: &str = r"
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
";

/// Whether an attempt may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Over the limit until the window ends, this many seconds from now (at least 1).
    Limited {
        retry_after_seconds: u64,
    },
}

impl Redis {
    /// Counts an attempt by `subject` in `bucket` against `limit`.
    pub async fn hit_rate_limit(
        &self,
        bucket: &str,
        subject: &str,
        limit: RateLimit,
    ) -> Result<Verdict, RedisError> {
        let window_millis = limit.window_seconds.max(1) * 1000;
        let (count, ttl_millis): (u64, i64) = redis::cmd("EVAL")
            .arg(HIT)
            .arg(1)
            .arg(keys::rate_limit(bucket, subject))
            .arg(window_millis)
            .query_async(&mut self.conn())
            .await?;
        if count <= u64::from(limit.max) {
            return Ok(Verdict::Allowed);
        }
        let millis = u64::try_from(ttl_millis).unwrap_or(window_millis);
        Ok(Verdict::Limited {
            retry_after_seconds: millis.div_ceil(1000).max(1),
        })
    }
}
