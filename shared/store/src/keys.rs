//! Every key pattern of the table, and nothing else. Prefixes follow the seed system
//! (`USER#`, `CHAN#`, `MSG#`, ...); conversation messages will live under `CONV#`.

use domain::{ChannelId, MessageId, UserId};

pub const PK: &str = "PK";
pub const SK: &str = "SK";
pub const GSI1: &str = "GSI1";
pub const GSI1PK: &str = "GSI1PK";
pub const GSI1SK: &str = "GSI1SK";
pub const GSI2: &str = "GSI2";
pub const GSI2PK: &str = "GSI2PK";
pub const GSI2SK: &str = "GSI2SK";
pub const TTL: &str = "ttl";

/// The SK of an entity's own item (user profile, channel metadata, locks).
pub const META: &str = "META";
pub const PROFILE: &str = "PROFILE";
pub const LOCK: &str = "LOCK";

pub const MEMBER_PREFIX: &str = "MEMBER#";
pub const CHAN_PREFIX: &str = "CHAN#";
pub const MSG_PREFIX: &str = "MSG#";
/// Sorts after every `MSG#<ulid>` (ULIDs are Crockford base32, all below `~`).
pub const MSG_UPPER: &str = "MSG#~";

pub fn user(id: UserId) -> String {
    format!("USER#{id}")
}

/// All users, oldest first, on GSI2.
pub const ALL_USERS: &str = "ALL_USERS";

/// Makes an email address unique: written in the same transaction as the user.
pub fn email_lock(email: &str) -> String {
    format!("USEREMAIL#{email}")
}

/// Maps an identity provider's subject to a user; written with the user.
pub fn oidc_subject_lock(issuer: &str, subject: &str) -> String {
    format!("OIDCSUB#{issuer}#{subject}")
}

/// Exists once the first admin is chosen; its conditional put makes the choice atomic.
pub const WORKSPACE: &str = "WORKSPACE";
pub const FIRST_ADMIN: &str = "FIRST_ADMIN";

pub fn channel(id: ChannelId) -> String {
    format!("CHAN#{id}")
}

pub fn channel_slug(slug: &str) -> String {
    format!("CHANSLUG#{slug}")
}

/// Public channels, newest first, on GSI2.
pub const PUBLIC_CHANNELS: &str = "PUBLIC_CHANNELS";

pub fn member(user: UserId) -> String {
    format!("{MEMBER_PREFIX}{user}")
}

/// The user-side membership row: `USER#<uid>` / `CHAN#<cid>`.
pub fn user_channel(channel: ChannelId) -> String {
    format!("{CHAN_PREFIX}{channel}")
}

pub fn message(id: MessageId) -> String {
    format!("{MSG_PREFIX}{id}")
}

/// A refresh session, stored only as the hash of its token.
pub fn refresh_token(hash: &str) -> String {
    format!("RTOKEN#{hash}")
}

/// A user's refresh sessions on GSI1 (revoke all without a Scan).
pub fn user_sessions(user: UserId) -> String {
    format!("SESSIONS#{user}")
}

pub fn sorted_by_time(at: &domain::Timestamp, id: impl std::fmt::Display) -> String {
    format!("{}#{id}", at.0.unix_timestamp_nanos())
}
