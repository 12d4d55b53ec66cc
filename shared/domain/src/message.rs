use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::limits::{CLIENT_NONCE_MAX_CHARS, MESSAGE_BODY_MAX_BYTES, MESSAGE_BODY_MAX_CHARS};
use crate::{MessageId, Timestamp, UserId, ValidationError};

pub use crate::parent::ParentType;

/// What a system message records; the web app words it in the reader's language.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum SystemAction {
    /// `actor` joined on their own.
    Joined,
    /// `actor` left on their own.
    Left,
    /// `actor` added `target`.
    Added,
    /// `actor` removed `target`.
    Removed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
pub struct SystemNote {
    pub action: SystemAction,
    #[serde(rename = "targetID")]
    pub target_id: Option<UserId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
pub struct Message {
    pub id: MessageId,
    /// The channel or conversation id (a ULID, as text).
    #[serde(rename = "parentID")]
    #[schema(value_type = String)]
    pub parent_id: String,
    #[serde(rename = "parentType")]
    pub parent_type: ParentType,
    #[serde(rename = "authorID")]
    pub author_id: UserId,
    pub body: String,
    /// Position in the parent, 1, 2, 3...: unread counts are the parent's last seq minus the
    /// reader's.
    #[ts(type = "number")]
    pub seq: u64,
    #[serde(rename = "createdAt")]
    pub created_at: Timestamp,
    /// The sender's idempotency key, echoed so the sender can match its optimistic copy.
    #[serde(rename = "clientNonce")]
    pub client_nonce: Option<String>,
    /// Set on messages the system writes (joins, leaves, adds, removes); the author is the
    /// person who acted, and the body is empty.
    #[serde(default)]
    pub system: Option<SystemNote>,
    /// Set on thread replies: the top-level message they answer. A reply's `seq` is its place
    /// in the thread (1, 2, 3...); replies do not move the parent's unread count.
    #[serde(rename = "threadRootID", default)]
    pub thread_root_id: Option<MessageId>,
    #[serde(rename = "editedAt", default)]
    pub edited_at: Option<Timestamp>,
    /// A deleted message keeps its place (and its thread) with an empty body.
    #[serde(default)]
    pub deleted: bool,
    /// On thread roots: how many replies, the newest reply's time, and up to three of the
    /// latest repliers (newest last).
    #[serde(rename = "replyCount", default)]
    pub reply_count: u32,
    #[serde(rename = "lastReplyAt", default)]
    pub last_reply_at: Option<Timestamp>,
    #[serde(rename = "recentReplierIDs", default)]
    pub recent_replier_ids: Vec<UserId>,
    /// Emoji → who reacted with it.
    #[serde(default)]
    pub reactions: BTreeMap<String, Vec<UserId>>,
    #[serde(rename = "pinnedAt", default)]
    pub pinned_at: Option<Timestamp>,
    #[serde(rename = "pinnedBy", default)]
    pub pinned_by: Option<UserId>,
    /// The people `@handle` mentions in the body resolved to (members or not).
    #[serde(rename = "mentionIDs", default)]
    pub mention_ids: Vec<UserId>,
    /// `@all` (every member) and `@here` (every member online).
    #[serde(rename = "mentionsAll", default)]
    pub mentions_all: bool,
    #[serde(rename = "mentionsHere", default)]
    pub mentions_here: bool,
    /// Files shared with the message, in the order they were attached; gone once it is deleted.
    #[serde(default)]
    pub attachments: Vec<crate::files::Attachment>,
}

impl Message {
    pub fn is_reply(&self) -> bool {
        self.thread_root_id.is_some()
    }
}

/// One page of a message history, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MessagePage {
    pub items: Vec<Message>,
    pub has_more_older: bool,
    pub has_more_newer: bool,
    /// Pass as `before` for the page just older than this one.
    pub older_cursor: Option<String>,
    /// Pass as `after` for the page just newer than this one.
    pub newer_cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SendMessage {
    pub body: String,
    #[serde(default)]
    #[ts(optional)]
    pub client_nonce: Option<String>,
    /// Makes the message a reply in this top-level message's thread.
    #[serde(rename = "threadRootID", default)]
    #[ts(optional)]
    pub thread_root_id: Option<MessageId>,
    /// Uploads to attach (`POST /api/v1/uploads`), at most 10; the body may then be empty.
    #[serde(rename = "attachmentIDs", default)]
    #[ts(as = "Option<Vec<crate::UploadId>>", optional)]
    pub attachment_ids: Vec<crate::UploadId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditMessage {
    pub body: String,
}

/// A body a message had before an edit, and when it was written (sent, or an earlier edit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MessageVersion {
    pub body: String,
    pub written_at: Timestamp,
}

/// A message's earlier bodies, newest first (at most `MESSAGE_EDIT_HISTORY_MAX`; older ones
/// are dropped). The current body is the message's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MessageHistory {
    pub items: Vec<MessageVersion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PinMessage {
    pub pinned: bool,
}

/// `message.deleted`: enough to find the message wherever a client shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
pub struct MessageDeleted {
    pub id: MessageId,
    #[serde(rename = "parentID")]
    #[schema(value_type = String)]
    pub parent_id: String,
    #[serde(rename = "parentType")]
    pub parent_type: ParentType,
    #[serde(rename = "threadRootID")]
    pub thread_root_id: Option<MessageId>,
}

/// A thread: its root and a page of replies, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ThreadPage {
    pub root: Message,
    pub replies: Vec<Message>,
    /// Pass as `after` for the replies that follow; absent when there are none yet.
    pub next_cursor: Option<String>,
    /// Whether the caller follows the thread (gets notified of replies).
    pub following: bool,
}

/// Characters as a person counts them: grapheme clusters (an emoji with skin tone, or a
/// letter with its accents, is one).
pub fn visible_chars(text: &str) -> usize {
    text.graphemes(true).count()
}

/// A message body: not blank, at most 4,096 characters as a person counts them (grapheme
/// clusters: an emoji with skin tone, or a letter with its accents, is one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageBody(String);

impl MessageBody {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        if raw.trim().is_empty() {
            return Err(ValidationError::new("body", "a message cannot be empty"));
        }
        // Checked after the size limits would be cheaper, but an empty-looking message over
        // them is still best told it is empty; `has_visible` stops at the first visible char.
        if !crate::text::has_visible(raw) {
            return Err(ValidationError::new(
                "body",
                "a message needs at least one visible character; this one shows as empty",
            ));
        }
        if raw.len() > MESSAGE_BODY_MAX_BYTES {
            return Err(ValidationError::new(
                "body",
                format!(
                    "a message has at most {} KB of text; split it, or share it as a file",
                    MESSAGE_BODY_MAX_BYTES / 1024
                ),
            ));
        }
        let chars = visible_chars(raw);
        if chars > MESSAGE_BODY_MAX_CHARS {
            return Err(ValidationError::new(
                "body",
                format!(
                    "a message has at most {MESSAGE_BODY_MAX_CHARS} characters; this one has {chars}"
                ),
            ));
        }
        // Keep the author's line breaks and indentation, but not surrounding blank lines.
        Ok(Self(
            raw.trim_matches(|c| c == '\n' || c == '\r').to_string(),
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A sender's idempotency key: 1 to 64 of `[A-Za-z0-9_-]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientNonce(String);

impl ClientNonce {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let ok = !raw.is_empty()
            && raw.len() <= CLIENT_NONCE_MAX_CHARS
            && raw
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok {
            Ok(Self(raw.to_string()))
        } else {
            Err(ValidationError::new(
                "clientNonce",
                "use 1 to 64 letters, digits, - or _",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_count_characters_not_bytes() {
        assert!(MessageBody::parse(&"é".repeat(4096)).is_ok());
        assert!(MessageBody::parse(&"é".repeat(4097)).is_err());
        // e + a combining accent is two code points and one character to its reader.
        assert!(MessageBody::parse(&"e\u{301}".repeat(4096)).is_ok());
        assert!(MessageBody::parse(&"e\u{301}".repeat(4097)).is_err());
        // So is a family emoji (five code points); bytes are bounded too.
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert!(MessageBody::parse(&family.repeat(900)).is_ok());
        assert!(MessageBody::parse(&family.repeat(4096)).is_err());
        assert!(MessageBody::parse("   \n ").is_err());
    }

    #[test]
    fn bodies_of_only_invisible_characters_are_refused() {
        for blank in [
            "\u{200B}",
            " \u{200B}\u{200C}\u{200D} ",
            "\u{2060}\u{FEFF}",
            "\n\u{3164}\n",
            "\u{0301}\u{0302}",
            "\u{2800}",
            "\u{202E}\u{2066}",
        ] {
            let refused = MessageBody::parse(blank).unwrap_err();
            assert_eq!(refused.field, "body", "{blank:?}");
        }
        for shown in ["k", "\u{200B}ok", "👍", "e\u{301}", "·"] {
            assert!(MessageBody::parse(shown).is_ok(), "{shown:?}");
        }
    }

    #[test]
    fn bodies_keep_inner_whitespace() {
        assert_eq!(
            MessageBody::parse("\n  code\n").unwrap().into_string(),
            "  code"
        );
    }

    #[test]
    fn nonces_are_restricted() {
        assert!(ClientNonce::parse("abc_DEF-123").is_ok());
        assert!(ClientNonce::parse("").is_err());
        assert!(ClientNonce::parse("has space").is_err());
        assert!(ClientNonce::parse(&"n".repeat(65)).is_err());
    }
}
