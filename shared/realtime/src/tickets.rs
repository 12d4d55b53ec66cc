//! WebSocket tickets: the REST API mints one for a signed-in user; `$connect` redeems it once.
//! Browsers cannot put headers on a WebSocket, and a JWT in the URL would land in access logs.
//!
//! A ticket carries the grant of the access token it was minted with (session family and issue
//! time), so a ticket minted before a revocation opens no socket after it, and the socket it
//! opens can be found when its family ends.

use domain::UserId;
use domain::limits::WS_TICKET_TTL_SECONDS;
use domain::revocation::Grant;

use crate::{Redis, RedisError, keys, random_token};

/// Who a redeemed ticket was minted for, and under which grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub user: UserId,
    pub grant: Grant,
}

impl Redis {
    pub async fn mint_ticket(&self, user: UserId, grant: &Grant) -> Result<String, RedisError> {
        let ticket = random_token();
        // The family is a ULID (no spaces), so the value splits back unambiguously.
        redis::cmd("SET")
            .arg(keys::ws_ticket(&ticket))
            .arg(format!("{user} {} {}", grant.issued_ms, grant.family))
            .arg("EX")
            .arg(WS_TICKET_TTL_SECONDS)
            .query_async::<()>(&mut self.conn())
            .await?;
        Ok(ticket)
    }

    /// The ticket's user and grant, once: a second redeem of the same ticket finds nothing.
    pub async fn redeem_ticket(&self, ticket: &str) -> Result<Option<Ticket>, RedisError> {
        let value: Option<String> = redis::cmd("GETDEL")
            .arg(keys::ws_ticket(ticket))
            .query_async(&mut self.conn())
            .await?;
        Ok(value.and_then(|v| {
            let mut parts = v.splitn(3, ' ');
            let user = parts.next()?.parse().ok()?;
            let issued_ms = parts.next()?.parse().ok()?;
            let family = parts.next().unwrap_or_default().to_string();
            Some(Ticket {
                user,
                grant: Grant { family, issued_ms },
            })
        }))
    }
}
