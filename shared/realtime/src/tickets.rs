//! WebSocket tickets: the REST API mints one for a signed-in user; `$connect` redeems it once.
//! Browsers cannot put headers on a WebSocket, and a JWT in the URL would land in access logs.

use domain::UserId;
use domain::limits::WS_TICKET_TTL_SECONDS;

use crate::{Redis, RedisError, hash_token, random_token};

fn key(ticket: &str) -> String {
    format!("wsticket:{}", hash_token(ticket))
}

impl Redis {
    pub async fn mint_ticket(&self, user: UserId) -> Result<String, RedisError> {
        let ticket = random_token();
        redis::cmd("SET")
            .arg(key(&ticket))
            .arg(user.to_string())
            .arg("EX")
            .arg(WS_TICKET_TTL_SECONDS)
            .query_async::<()>(&mut self.conn())
            .await?;
        Ok(ticket)
    }

    /// The ticket's user, once: a second redeem of the same ticket finds nothing.
    pub async fn redeem_ticket(&self, ticket: &str) -> Result<Option<UserId>, RedisError> {
        let user: Option<String> = redis::cmd("GETDEL")
            .arg(key(ticket))
            .query_async(&mut self.conn())
            .await?;
        Ok(user.and_then(|u| u.parse().ok()))
    }
}
