//! Typing throttle: at most one `typing` event per user and place (a conversation, or one of
//! its threads) per window, whichever Lambda container handles the frames.

use domain::UserId;

use crate::{Redis, RedisError, keys};

impl Redis {
    /// `true` when `user` may send another typing event for `place` now; then no other for
    /// `seconds`. One `SET NX EX`.
    pub async fn may_type(
        &self,
        user: UserId,
        place: &str,
        seconds: u64,
    ) -> Result<bool, RedisError> {
        let set: Option<String> = redis::cmd("SET")
            .arg(keys::typing(user, place))
            .arg(1)
            .arg("NX")
            .arg("EX")
            .arg(seconds)
            .query_async(&mut self.conn())
            .await?;
        Ok(set.is_some())
    }
}
