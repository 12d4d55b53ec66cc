//! WebSocket tickets: the REST API mints one for a signed-in user; `$connect` redeems it once.
//! Browsers cannot put headers on a WebSocket, and a JWT in the URL would land in access logs.
//!
//! A ticket carries the grant of the access token it was minted with (session family and issue
//! time), so a ticket minted before a revocation opens no socket after it, and the socket it
//! opens can be found when its family ends.
//!
//! Minting a ticket also opens its *pending connection* (`keys::pending_connection`): from that
//! moment the user's events are numbered and held for it as for a connection (see `held`), and
//! the socket the ticket opens takes them over. So whatever the app fetches after it got its
//! ticket, no event between that fetch and the socket's first ping is lost, and the first
//! connection needs no catch-up.

use domain::UserId;
use domain::limits::WS_TICKET_TTL_SECONDS;
use domain::revocation::Grant;

use crate::{Redis, RedisError, keys, random_token};

/// Who a redeemed ticket was minted for, and under which grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub user: UserId,
    pub grant: Grant,
    /// The id of the ticket's pending connection, which `$connect` takes over.
    pub pending: String,
}

impl Redis {
    pub async fn mint_ticket(&self, user: UserId, grant: &Grant) -> Result<String, RedisError> {
        let ticket = random_token();
        let pending = keys::pending_connection(&ticket);
        let conn = keys::connection(&pending);
        let ttl = keys::HELD_SECONDS;
        redis::pipe()
            .atomic()
            // The family is a ULID (no spaces), so the value splits back unambiguously.
            .set_ex(
                keys::ws_ticket(&ticket),
                format!("{user} {} {}", grant.issued_ms, grant.family),
                WS_TICKET_TTL_SECONDS,
            )
            .hset_multiple(
                &conn,
                &[
                    ("u", user.to_string()),
                    ("f", grant.family.clone()),
                    ("i", grant.issued_ms.to_string()),
                    ("s", "0".to_string()),
                ],
            )
            .expire(&conn, ttl as i64)
            .set_ex(keys::fresh_connection(&pending), 1, ttl)
            .sadd(keys::user_pending(user), &pending)
            .expire(keys::user_pending(user), ttl as i64)
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
                pending: keys::pending_connection(ticket),
            })
        }))
    }
}
