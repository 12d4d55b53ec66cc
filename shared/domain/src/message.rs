use serde::{Deserialize, Serialize};

use crate::limits::{CLIENT_NONCE_MAX_CHARS, MESSAGE_BODY_MAX_CHARS};
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
}

/// A message body: not blank, at most 4,096 characters as a person counts them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageBody(String);

impl MessageBody {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        if raw.trim().is_empty() {
            return Err(ValidationError::new("body", "a message cannot be empty"));
        }
        let chars = raw.chars().count();
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
        assert!(MessageBody::parse("   \n ").is_err());
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
