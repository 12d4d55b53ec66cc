//! Every Redis key Parley uses, and how long each lives, in one place. Redis holds only what
//! can be rebuilt (who is connected where, presence, caches, tickets, counters); each module
//! beside this one says what its keys hold.
//!
//! Lua scripts build some keys themselves from ids they read (a connection's user, a watcher's
//! connection). They take the prefixes from `lua_key_prefixes!()`, which the scripts `concat!`
//! in front of their source, so each name is still written once.

use domain::UserId;
use domain::limits::WS_CONNECTION_MAX_SECONDS;

use crate::hash_token;

/// The prefixes scripts build keys with. A macro, so `concat!` can take them.
macro_rules! key_prefix {
    (connection) => {
        "conn:"
    };
    (user_connections) => {
        "userconns:"
    };
    (fresh_connection) => {
        "connfresh:"
    };
    (watchers) => {
        "watchers:"
    };
    (user_pending) => {
        "userpending:"
    };
    (held_frames) => {
        "connheld:"
    };
    (moved_connection) => {
        "connmoved:"
    };
}

/// Lua locals `CONN`, `USERCONNS`, `CONNFRESH`, `WATCHERS`, `USERPENDING`, `CONNHELD` and
/// `CONNMOVED`: the prefixes of `connection`, `user_connections`, `fresh_connection`, `watchers`,
/// `user_pending`, `held_frames` and `moved_connection` keys, for scripts to start with.
macro_rules! lua_key_prefixes {
    () => {
        concat!(
            "local CONN, USERCONNS, CONNFRESH, WATCHERS, USERPENDING, CONNHELD, CONNMOVED = '",
            $crate::keys::key_prefix!(connection),
            "', '",
            $crate::keys::key_prefix!(user_connections),
            "', '",
            $crate::keys::key_prefix!(fresh_connection),
            "', '",
            $crate::keys::key_prefix!(watchers),
            "', '",
            $crate::keys::key_prefix!(user_pending),
            "', '",
            $crate::keys::key_prefix!(held_frames),
            "', '",
            $crate::keys::key_prefix!(moved_connection),
            "'\n"
        )
    };
}
pub(crate) use {key_prefix, lua_key_prefixes};

/// Entries that describe a connection: API Gateway closes every connection after 2 hours, so
/// they outlive it a little and a lost `$disconnect` cannot leave them behind for long.
pub const CONNECTION_TTL_SECONDS: u64 = WS_CONNECTION_MAX_SECONDS + 300;
/// A connection's fresh mark: longer than any `$connect` handler runs.
pub const FRESH_CONNECTION_SECONDS: u64 = 30;
/// A pending connection (a ticket not yet redeemed) and the frames held for a connection: a
/// ticket's life, and some more for the `$connect` that redeems it at the last moment.
pub const HELD_SECONDS: u64 = domain::limits::WS_TICKET_TTL_SECONDS + 30;
/// How many frames wait for one connection at most. Past that they are dropped, and the client
/// sees the gap in their numbers and catches up.
pub const HELD_FRAMES_MAX: usize = 1000;
/// A parent's cached member list: an idle parent's is read again after this; an active one is
/// refreshed by its changes.
pub const MEMBERS_TTL_SECONDS: u64 = 3600;
/// A loaded revocations entry is trusted this long before the table is read again.
pub const REVOCATIONS_TTL_SECONDS: u64 = 300;
/// How long a retried send is recognised as the same send.
pub const SEND_NONCE_TTL_SECONDS: u64 = 24 * 3600;
// Tickets, pending sign-ins, typing marks and rate-limit windows live as long as the limits in
// `domain::limits` say (`WS_TICKET_TTL_SECONDS`, `OIDC_LOGIN_TTL_SECONDS`,
// `TYPING_THROTTLE_SECONDS`, each `RateLimit`'s window).

/// A connection (hash): its user `u`, session family `f`, issue time `i`, last event number
/// `s` and presence subscription version `w` (`connections`, `watch`).
pub fn connection(connection_id: &str) -> String {
    format!(concat!(key_prefix!(connection), "{}"), connection_id)
}

/// The ids of a user's live connections (set; `connections`).
pub fn user_connections(user: UserId) -> String {
    format!(concat!(key_prefix!(user_connections), "{}"), user)
}

/// Marks a connection whose `$connect` may not have returned yet (`connections`).
pub fn fresh_connection(connection_id: &str) -> String {
    format!(concat!(key_prefix!(fresh_connection), "{}"), connection_id)
}

/// The ids of a user's connections that said they are away (set; `presence`).
pub fn away_connections(user: UserId) -> String {
    format!("awayconns:{user}")
}

/// What was last announced of a user's presence, the throttle's gate, and a held change
/// (`presence`).
pub fn presence_said(user: UserId) -> String {
    format!("presence:said:{user}")
}

pub fn presence_gate(user: UserId) -> String {
    format!("presence:gate:{user}")
}

pub fn presence_held(user: UserId) -> String {
    format!("presence:held:{user}")
}

/// Someone's last connection closed less than `away_mail::SEEN_SECONDS` ago (`away_mail`).
pub fn recently_seen(user: UserId) -> String {
    format!("seen:{user}")
}

/// A mail about what happened while away went to this person in the last
/// `away_mail::MAIL_GAP_SECONDS` (`away_mail`).
pub fn away_mail(user: UserId) -> String {
    format!("awaymail:{user}")
}

/// The people a connection watches (set; `watch`).
pub fn watching(connection_id: &str) -> String {
    format!("watching:{connection_id}")
}

/// The connections watching a user (set; `watch`).
pub fn watchers(user: UserId) -> String {
    format!(concat!(key_prefix!(watchers), "{}"), user)
}

/// A channel's or conversation's cached member list (hash; `audience`).
pub fn members(workspace: &str, parent: &str) -> String {
    format!("members:{workspace}:{parent}")
}

/// A user's typing throttle in one place (`typing`).
pub fn typing(user: UserId, place: &str) -> String {
    format!("typing:{user}:{place}")
}

/// What has been revoked of a user's sessions (hash; `revocations`).
pub fn revocations(user: UserId) -> String {
    format!("revoked:{user}")
}

/// A rate limit's counter for one subject (an IP, an address, a user id) in its bucket
/// (`ratelimit`). Hashed: Redis need not hold addresses, and any subject makes a key of the
/// same shape.
pub fn rate_limit(bucket: &str, subject: &str) -> String {
    format!("ratelimit:{bucket}:{}", hash_token(subject))
}

/// A send's nonce, so a retried send is recognised (`ephemeral`).
pub fn send_nonce(author: UserId, nonce: &str) -> String {
    format!("sendnonce:{author}:{}", hash_token(nonce))
}

/// The ids of a user's pending connections: tickets minted and not yet redeemed (set;
/// `tickets`). Events are numbered and held for them as for a connection.
pub fn user_pending(user: UserId) -> String {
    format!(concat!(key_prefix!(user_pending), "{}"), user)
}

/// How a pending connection's id starts. API Gateway's connection ids are base64 and never
/// hold a `.`.
const PENDING_CONNECTION_PREFIX: &str = "ticket.";

/// The id a ticket's pending connection goes by until `$connect` redeems it (`tickets`).
pub fn pending_connection(ticket: &str) -> String {
    format!("{PENDING_CONNECTION_PREFIX}{}", hash_token(ticket))
}

/// Whether `connection_id` is a pending connection's (no socket to post to).
pub fn is_pending(connection_id: &str) -> bool {
    connection_id.starts_with(PENDING_CONNECTION_PREFIX)
}

/// The frames held for a connection that cannot take posts yet (list; `held`).
pub fn held_frames(connection_id: &str) -> String {
    format!(concat!(key_prefix!(held_frames), "{}"), connection_id)
}

/// The connection a redeemed ticket's pending connection became, for a moment (`held`).
pub fn moved_connection(pending_id: &str) -> String {
    format!(concat!(key_prefix!(moved_connection), "{}"), pending_id)
}

/// A WebSocket ticket, by its hash (`tickets`).
pub fn ws_ticket(ticket: &str) -> String {
    format!("wsticket:{}", hash_token(ticket))
}

/// A sign-in on its way through the identity provider, by its `state`'s hash.
pub fn oidc_pending(state: &str) -> String {
    format!("oidc:pending:{}", hash_token(state))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn scripts_build_the_keys_rust_builds() {
        let user = UserId::new();
        // "local CONN, USERCONNS, ... = 'conn:', 'userconns:', ..."
        let (names, values) = lua_key_prefixes!()
            .trim()
            .strip_prefix("local ")
            .unwrap()
            .split_once(" = ")
            .unwrap();
        let names: Vec<&str> = names.split(", ").collect();
        let values: Vec<&str> = values.split(", ").map(|v| v.trim_matches('\'')).collect();
        assert_eq!(names.len(), values.len());
        for (name, key, id) in [
            ("CONN", connection("c1"), "c1".to_string()),
            ("USERCONNS", user_connections(user), user.to_string()),
            ("CONNFRESH", fresh_connection("c1"), "c1".to_string()),
            ("WATCHERS", watchers(user), user.to_string()),
            ("USERPENDING", user_pending(user), user.to_string()),
            ("CONNHELD", held_frames("c1"), "c1".to_string()),
            ("CONNMOVED", moved_connection("c1"), "c1".to_string()),
        ] {
            let index = names.iter().position(|n| *n == name).unwrap();
            assert_eq!(format!("{}{id}", values[index]), key, "{name}");
        }
    }
}
