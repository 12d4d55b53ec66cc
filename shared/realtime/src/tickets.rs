//! WebSocket tickets: the REST API mints one for a signed-in user; `$connect` redeems it once.
//! Browsers cannot put headers on a WebSocket, and a JWT in the URL would land in access logs.
//!
//! A ticket carries the auth epoch of the token it was minted with, so one minted before a
//! deactivation or a role change (which bump the epoch) opens no socket after it.

use domain::UserId;
use domain::limits::WS_TICKET_TTL_SECONDS;

use crate::{Redis, RedisError, hash_token, random_token};

fn key(ticket: &str) -> String {
    format!("wsticket:{}", hash_token(ticket))
}

/// Who a redeemed ticket was minted for, and in which auth epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    pub user: UserId,
    pub epoch: u64,
}

impl Redis {
    pub async fn mint_ticket(&self, user: UserId, epoch: u64) -> Result<String, RedisError> {
        let ticket = random_token();
        redis::cmd("SET")
            .arg(key(&ticket))
            .arg(format!("{user}:{epoch}"))
            .arg("EX")
            .arg(WS_TICKET_TTL_SECONDS)
            .query_async::<()>(&mut self.conn())
            .await?;
        Ok(ticket)
    }

    /// The ticket's user and epoch, once: a second redeem of the same ticket finds nothing.
    pub async fn redeem_ticket(&self, ticket: &str) -> Result<Option<Ticket>, RedisError> {
        let value: Option<String> = redis::cmd("GETDEL")
            .arg(key(ticket))
            .query_async(&mut self.conn())
            .await?;
        Ok(value.and_then(|v| {
            let (user, epoch) = v.split_once(':')?;
            Some(Ticket {
                user: user.parse().ok()?,
                epoch: epoch.parse().ok()?,
            })
        }))
    }
}
