//! Who may be mailed about a mention or a direct message: someone with no live connection who
//! also had none for `SEEN_SECONDS` (a last connection closing marks them `seen:<uid>` that
//! long), and at most once per `MAIL_GAP_SECONDS` each (`awaymail:<uid>`, claimed with SET NX:
//! concurrent sends cannot both mail).

use domain::UserId;
use domain::limits::{AWAY_MAIL_AFTER_SECONDS, AWAY_MAIL_GAP_SECONDS};

use crate::{Redis, RedisError, keys};

/// How long after their last connection closed someone still counts as just gone.
pub const SEEN_SECONDS: u64 = AWAY_MAIL_AFTER_SECONDS;
/// At most one mail per person in this long.
pub const MAIL_GAP_SECONDS: u64 = AWAY_MAIL_GAP_SECONDS;

impl Redis {
    /// `user`'s connection just closed: they are not "away for a while" until `SEEN_SECONDS`
    /// pass without a connection. One round trip.
    pub async fn mark_seen(&self, user: UserId) -> Result<(), RedisError> {
        redis::cmd("SET")
            .arg(keys::recently_seen(user))
            .arg(1)
            .arg("EX")
            .arg(SEEN_SECONDS)
            .query_async::<()>(&mut self.conn())
            .await?;
        Ok(())
    }

    /// Which of `users` have no live connection and had none for `SEEN_SECONDS`. One pipelined
    /// round trip.
    pub async fn away_for_a_while(&self, users: &[UserId]) -> Result<Vec<UserId>, RedisError> {
        if users.is_empty() {
            return Ok(Vec::new());
        }
        let mut pipe = redis::pipe();
        for user in users {
            pipe.scard(keys::user_connections(*user))
                .exists(keys::recently_seen(*user));
        }
        let answers: Vec<u64> = pipe.query_async(&mut self.conn()).await?;
        Ok(users
            .iter()
            .zip(answers.chunks(2))
            .filter(|(_, pair)| matches!(pair, [0, 0]))
            .map(|(user, _)| *user)
            .collect())
    }

    /// Claims the next mail to `user`: true when none went in the last `MAIL_GAP_SECONDS` (and
    /// this caller may send one), false otherwise. One round trip.
    pub async fn claim_away_mail(&self, user: UserId) -> Result<bool, RedisError> {
        let set: Option<String> = redis::cmd("SET")
            .arg(keys::away_mail(user))
            .arg(1)
            .arg("NX")
            .arg("EX")
            .arg(MAIL_GAP_SECONDS)
            .query_async(&mut self.conn())
            .await?;
        Ok(set.is_some())
    }

    /// Gives a claim back after the mail could not be sent, so the next event tries again.
    pub async fn release_away_mail(&self, user: UserId) -> Result<(), RedisError> {
        redis::cmd("DEL")
            .arg(keys::away_mail(user))
            .query_async::<()>(&mut self.conn())
            .await?;
        Ok(())
    }
}
