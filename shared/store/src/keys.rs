//! Every key pattern of the table, and nothing else. Prefixes follow the seed system
//! (`USER#`, `CHAN#`, `CONV#`, `MSG#`, ...); conversation messages live under `CONV#`.

use domain::{CategoryId, ChannelId, ConversationId, MessageId, Parent, UserId};

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
pub const CONV_PREFIX: &str = "CONV#";
pub const CATEGORY_PREFIX: &str = "CATEGORY#";
pub const MSG_PREFIX: &str = "MSG#";
/// Sorts after every `MSG#<ulid>` (ULIDs are Crockford base32, all below `~`).
pub const MSG_UPPER: &str = "MSG#~";

pub const USER_PREFIX: &str = "USER#";
/// An upload not attached yet, under its uploader: `USER#<uid>` / `UPLOAD#<upload>`.
pub const UPLOAD_PREFIX: &str = "UPLOAD#";
/// A file of a message, under the message's parent: `<parent>` / `FILE#<file>`, so a files
/// pane is one Query, newest first (file ids are ULIDs).
pub const FILE_PREFIX: &str = "FILE#";
pub const HANDLE_PREFIX: &str = "HANDLE#";

pub fn user(id: UserId) -> String {
    format!("{USER_PREFIX}{id}")
}

pub fn upload(id: domain::UploadId) -> String {
    format!("{UPLOAD_PREFIX}{id}")
}

pub fn file(id: domain::FileId) -> String {
    format!("{FILE_PREFIX}{id}")
}

/// The file a `FILE#<file>` key names.
pub fn parse_file(key: &str) -> Option<domain::FileId> {
    key.strip_prefix(FILE_PREFIX)?.parse().ok()
}

/// The user a `USER#<uid>` key names.
pub fn parse_user(key: &str) -> Option<UserId> {
    key.strip_prefix(USER_PREFIX)?.parse().ok()
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
/// The workspace's settings (name, upload limits, invite policy): `WORKSPACE` / `SETTINGS`.
pub const WORKSPACE_SETTINGS: &str = "SETTINGS";

pub fn channel(id: ChannelId) -> String {
    format!("{CHAN_PREFIX}{id}")
}

/// A slug lock: points at the channel that holds (or held) the slug, so old links resolve.
pub fn channel_slug(slug: &str) -> String {
    format!("CHANSLUG#{slug}")
}

pub fn conversation(id: ConversationId) -> String {
    format!("{CONV_PREFIX}{id}")
}

/// The partition of a channel or conversation: its metadata, members, and messages.
pub fn parent(parent: Parent) -> String {
    match parent {
        Parent::Channel(id) => channel(id),
        Parent::Conversation(id) => conversation(id),
    }
}

/// The user-side membership row's SK in `USER#<uid>`: the same text as the parent's PK.
pub fn user_parent(parent: Parent) -> String {
    self::parent(parent)
}

/// Points a participant set at its conversation: `<kind>#<sha256 of the sorted ids>`.
pub fn conversation_set(kind: &str, digest: &str) -> String {
    format!("CONVSET#{kind}#{digest}")
}

pub fn category(id: CategoryId) -> String {
    format!("{CATEGORY_PREFIX}{id}")
}

/// Makes a category name unique per user (compared lower-cased).
pub fn category_name(folded: &str) -> String {
    format!("CATEGORYNAME#{folded}")
}

/// Public channels, newest first, on GSI2.
pub const PUBLIC_CHANNELS: &str = "PUBLIC_CHANNELS";

pub fn member(user: UserId) -> String {
    format!("{MEMBER_PREFIX}{user}")
}

pub fn message(id: MessageId) -> String {
    format!("{MSG_PREFIX}{id}")
}

/// A thread reply, beside its root in the parent's partition but outside the `MSG#` range, so
/// the main history never reads replies and a thread is one Query.
pub fn reply(root: MessageId, id: MessageId) -> String {
    format!("{REPLY_PREFIX}{root}#{id}")
}

pub const REPLY_PREFIX: &str = "RPL#";

pub fn thread_replies(root: MessageId) -> String {
    format!("{REPLY_PREFIX}{root}#")
}

/// Where a message lives in its parent's partition: `MSG#` for top-level, `RPL#` for replies.
pub fn message_at(root: Option<MessageId>, id: MessageId) -> String {
    match root {
        Some(root) => reply(root, id),
        None => message(id),
    }
}

/// A user's draft for a conversation (`-`) or one of its threads.
pub fn draft(parent: Parent, root: Option<MessageId>) -> String {
    match root {
        Some(root) => format!("{DRAFT_PREFIX}{}#{root}", self::parent(parent)),
        None => format!("{DRAFT_PREFIX}{}#-", self::parent(parent)),
    }
}

pub const DRAFT_PREFIX: &str = "DRAFT#";

/// A user's notification settings, in their partition.
pub const NOTIFICATION_SETTINGS: &str = "SETTINGS#notifications";

/// A pinned message's index row in its parent's partition.
pub fn pin(id: MessageId) -> String {
    format!("{PIN_PREFIX}{id}")
}

pub const PIN_PREFIX: &str = "PIN#";

/// A message's earlier bodies, beside it in its parent's partition: `<parent>` /
/// `EDITS#<message>` (message ids are unique in a partition, replies' too). Outside the `MSG#`
/// and `RPL#` ranges, so neither history, threads nor the search index read it.
pub fn edits(id: MessageId) -> String {
    format!("{EDITS_PREFIX}{id}")
}

pub const EDITS_PREFIX: &str = "EDITS#";

/// Makes a handle unique; written with the user. Mentions find people through it.
pub fn handle(handle: &str) -> String {
    format!("{HANDLE_PREFIX}{handle}")
}

/// The handle a `HANDLE#<handle>` key names.
pub fn parse_handle(key: &str) -> Option<&str> {
    key.strip_prefix(HANDLE_PREFIX)
}

/// Keeps handles that look alike (`domain::user::handle_skeleton`) from belonging to two
/// people; written with the handle lock.
pub fn handle_skeleton(skeleton: &str) -> String {
    format!("HANDLELIKE#{skeleton}")
}

/// A user's follow (or explicit unfollow) of a thread: `USER#<uid>` / `FOLLOW#<parent>#<root>`.
pub fn follow(parent: Parent, root: MessageId) -> String {
    format!("{FOLLOW_PREFIX}{}#{root}", self::parent(parent))
}

pub const FOLLOW_PREFIX: &str = "FOLLOW#";

/// A thread's followers on GSI1 (only rows that follow carry it).
pub fn thread_followers(parent: Parent, root: MessageId) -> String {
    format!("FOLLOWERS#{}#{root}", self::parent(parent))
}

/// A refresh session, stored only as the hash of its token.
pub fn refresh_token(hash: &str) -> String {
    format!("RTOKEN#{hash}")
}

/// A key no item has: the health check reads it to see that the table answers.
pub const HEALTH_PROBE: &str = "HEALTH";

/// What has been revoked for a user (the access cut-off, ended session families), in the
/// user's partition under this prefix, so one Query reads all of it.
pub const REVOKED_PREFIX: &str = "REVOKED";
/// The user-wide cut-off: tokens issued before it are void.
pub const REVOKED_ALL: &str = "REVOKED#ALL";

pub fn ended_family(family: &str) -> String {
    format!("REVOKED#FAMILY#{family}")
}

/// A user's refresh sessions on GSI1 (revoke all without a Scan).
pub fn user_sessions(user: UserId) -> String {
    format!("SESSIONS#{user}")
}

/// The pending invite of an email address (a new invite replaces it): `INVITE#<email>` / `META`.
pub fn invite(email: &str) -> String {
    format!("INVITE#{email}")
}

/// Points an invite link's token hash at the invited address: `INVITETOKEN#<hash>` / `META`.
pub fn invite_token(hash: &str) -> String {
    format!("INVITETOKEN#{hash}")
}

/// Pending invites on GSI1, sorted by invite id (a ULID: creation time).
pub const INVITES: &str = "INVITES";

/// A password account's password hash, apart from the profile so no profile read can leak
/// it: `USER#<uid>` / `CREDENTIAL`.
pub const CREDENTIAL: &str = "CREDENTIAL";

/// A password reset link, stored only as the hash of its token: `PWRESET#<hash>` / `META`.
pub fn password_reset(hash: &str) -> String {
    format!("PWRESET#{hash}")
}

pub fn sorted_by_time(at: &domain::Timestamp, id: impl std::fmt::Display) -> String {
    format!("{}#{id}", at.0.unix_timestamp_nanos())
}

/// The search index of a channel or conversation: `SRCH#<parent key>`. Its rows are postings
/// (`<term> <message ulid>`, newest last within a term) and one document row per message
/// (`!doc <message ulid>`) holding the terms last indexed and the stream position they came from.
pub fn search_partition(parent: Parent) -> String {
    format!("{SEARCH_PREFIX}{}", self::parent(parent))
}

pub const SEARCH_PREFIX: &str = "SRCH#";

/// A posting's SK. Terms never hold a space (`search::Analyzer`), so `<term> ` bounds one term's
/// postings and a typed prefix (`<prefix>`) covers every term that starts with it.
pub fn posting(term: &str, id: MessageId) -> String {
    format!("{term} {id}")
}

/// The SK of a message's index document.
pub fn search_doc(id: MessageId) -> String {
    format!("{SEARCH_DOC_PREFIX}{id}")
}

/// Search terms are words, which never start with `!`; the index's own rows and pseudo-terms
/// (`!has:file`, `!from:<uid>`, ...) do.
pub const SEARCH_DOC_PREFIX: &str = "!doc ";

/// The channel or conversation a partition key names (`CHAN#<id>`, `CONV#<id>`).
pub fn parse_parent(pk: &str) -> Option<Parent> {
    if let Some(id) = pk.strip_prefix(CHAN_PREFIX) {
        return id.parse().ok().map(Parent::Channel);
    }
    pk.strip_prefix(CONV_PREFIX)?
        .parse()
        .ok()
        .map(Parent::Conversation)
}

/// The message a message row's SK names (`MSG#<id>`, or `RPL#<root>#<id>` for a reply).
pub fn parse_message_at(sk: &str) -> Option<MessageId> {
    if let Some(id) = sk.strip_prefix(MSG_PREFIX) {
        return id.parse().ok();
    }
    let (_root, id) = sk.strip_prefix(REPLY_PREFIX)?.split_once('#')?;
    id.parse().ok()
}

/// The partition of the data migrations' records (`store::migrations`).
pub const MIGRATIONS: &str = "MIGRATIONS";
pub const MIGRATION_VERSION_PREFIX: &str = "V#";

/// A versioned migration's record: `V#0002` (zero-padded so they sort by version).
pub fn migration_version(version: u32) -> String {
    format!("{MIGRATION_VERSION_PREFIX}{version:04}")
}

pub fn parse_migration_version(sk: &str) -> Option<u32> {
    sk.strip_prefix(MIGRATION_VERSION_PREFIX)?.parse().ok()
}

/// A repeatable operator task's record (e.g. re-analysing the search index): `TASK#<name>`.
pub fn migration_task(name: &str) -> String {
    format!("TASK#{name}")
}
