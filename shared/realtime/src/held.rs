//! Frames held for connections that cannot take posts yet: a ticket's pending connection
//! (`tickets`), and a connection that has not pinged (its `$connect` may not have returned, and
//! API Gateway refuses posts until it has). `connheld:<id>` is the list of such a connection's
//! frames, each with its number on the connection, in the order they were held; its first ping
//! takes them (`connections::ping_connection`) and the client puts them in order by number.
//!
//! Holding rather than posting is what lets the app fetch right after its ticket instead of
//! after the socket opened: an event between the two is neither lost nor fetched twice.

use crate::{Redis, RedisError, keys};

/// Holds each frame for its connection while that connection is still fresh (ARGV: the most
/// frames one connection holds, the list's TTL, then pairs of connection id and frame). A
/// pending connection taken over since it was numbered is followed to its new id. Answers,
/// per pair, '' when the frame was held (or dropped over the limit: the client sees the gap),
/// else the id to post it to now (the connection pinged in the meantime).
const HOLD: &str = concat!(
    keys::lua_key_prefixes!(),
    r"
local out = {}
for i = 3, #ARGV, 2 do
  local id = ARGV[i]
  local moved = redis.call('GET', CONNMOVED .. id)
  if moved then
    id = moved
  end
  if redis.call('EXISTS', CONNFRESH .. id) == 1 then
    local list = CONNHELD .. id
    if redis.call('LLEN', list) < tonumber(ARGV[1]) then
      redis.call('RPUSH', list, ARGV[i + 1])
      redis.call('EXPIRE', list, ARGV[2])
    end
    table.insert(out, '')
  else
    table.insert(out, id)
  end
end
return out
"
);

impl Redis {
    /// Holds `frames` (connection id, the frame as that connection gets it) for connections
    /// that have not pinged yet. Answers, in the same order, `None` for a frame held and the
    /// connection id to post it to for one whose connection has pinged since it was numbered.
    /// One round trip.
    pub async fn hold(&self, frames: &[(&str, &[u8])]) -> Result<Vec<Option<String>>, RedisError> {
        if frames.is_empty() {
            return Ok(Vec::new());
        }
        let mut script = redis::cmd("EVAL");
        script
            .arg(HOLD)
            .arg(0)
            .arg(keys::HELD_FRAMES_MAX)
            .arg(keys::HELD_SECONDS);
        for (connection_id, frame) in frames {
            script.arg(*connection_id).arg(*frame);
        }
        let answers: Vec<String> = script.query_async(&mut self.conn()).await?;
        Ok(answers
            .into_iter()
            .map(|id| (!id.is_empty()).then_some(id))
            .collect())
    }
}
