//! Notifications: who gets one is decided on the server (mentions, direct messages, thread
//! replies; mute respected), how it shows is each user's setting.

use serde::{Deserialize, Serialize};

use crate::{MessageId, ParentType, Timestamp, UserId};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// A message in a direct or group conversation.
    Message,
    /// `@handle`, `@all` or `@here`.
    Mention,
    /// A reply in a thread the user follows.
    ThreadReply,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub kind: NotificationKind,
    #[serde(rename = "parentID")]
    #[schema(value_type = String)]
    pub parent_id: String,
    pub parent_type: ParentType,
    #[serde(rename = "messageID")]
    pub message_id: MessageId,
    #[serde(rename = "threadRootID")]
    pub thread_root_id: Option<MessageId>,
    #[serde(rename = "authorID")]
    pub author_id: UserId,
    /// The start of the message, one line, at most 140 characters.
    pub excerpt: String,
    pub created_at: Timestamp,
}

/// Which notifications a user wants, on every device.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum NotifyLevel {
    /// Mentions, direct messages and thread replies.
    All,
    /// Mentions and direct messages only.
    Mentions,
    Nothing,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NotificationSettings {
    pub level: NotifyLevel,
    /// Show browser (desktop) notifications, not only in-app ones.
    pub desktop: bool,
    pub sound: bool,
    /// Mail a mention or a direct message that came while one was away (no app open for a
    /// while), at most one mail per 15 minutes. Absent: yes.
    #[serde(default = "yes")]
    #[ts(optional, as = "Option<bool>")]
    pub email: bool,
}

fn yes() -> bool {
    true
}

impl Default for NotificationSettings {
    fn default() -> Self {
        Self {
            level: NotifyLevel::All,
            desktop: true,
            sound: false,
            email: true,
        }
    }
}
