//! Realtime frames: what the server pushes and what a client may send. One JSON object per text
//! frame, `{"type": "...", "data": {...}}`.

use serde::{Deserialize, Serialize};

use crate::api::ErrorBody;
use crate::channel::{Channel, ChannelRole};
use crate::conversation::Conversation;
use crate::drafts::Draft;
use crate::message::{Message, MessageDeleted};
use crate::notifications::Notification;
use crate::presence::{Presence, PresenceStatus, Typing};
use crate::sidebar::{Category, Membership, SidebarChannel, SidebarConversation};
use crate::user::UserView;
use crate::{MessageId, ParentType, UserId};

/// Each event goes only to people who may see what it carries: channel and conversation events
/// to their members, sidebar events to the one user they concern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(tag = "type", content = "data")]
pub enum ServerEvent {
    #[serde(rename = "message.new")]
    MessageNew(Message),
    /// Edited, reacted to, pinned or unpinned, or a thread root whose replies changed (to
    /// members).
    #[serde(rename = "message.updated")]
    MessageUpdated(Message),
    /// Soft-deleted (to members).
    #[serde(rename = "message.deleted")]
    MessageDeleted(MessageDeleted),
    /// The author mentioned people who are not members and so were not told (to the author).
    #[serde(rename = "mention.outsiders")]
    MentionOutsiders(MentionOutsiders),
    /// Someone is typing (to the members who can see it, not the typist).
    #[serde(rename = "typing")]
    Typing(Typing),
    /// Someone came online, went away or went offline.
    #[serde(rename = "presence.changed")]
    PresenceChanged(Presence),
    /// A draft was saved or cleared on another device (to the user's devices). An empty body
    /// means cleared.
    #[serde(rename = "draft.updated")]
    DraftUpdated(Draft),
    /// Something the user should hear about (to that user's devices).
    #[serde(rename = "notification.new")]
    NotificationNew(Notification),
    /// The user followed or unfollowed a thread on another device.
    #[serde(rename = "thread.followed")]
    ThreadFollowed(ThreadFollowed),
    /// Name, description or archived state changed (to members).
    #[serde(rename = "channel.updated")]
    ChannelUpdated(Channel),
    /// A group's name or participants changed (to participants).
    #[serde(rename = "conversation.updated")]
    ConversationUpdated(Conversation),
    /// Someone joined, left, was added or removed, or changed role (to members).
    #[serde(rename = "members.changed")]
    MembersChanged(MembersChanged),
    /// The user now belongs to this channel (to that user's devices).
    #[serde(rename = "sidebar.channel")]
    SidebarChannel(SidebarChannel),
    /// The user now sees this conversation (to that user's devices).
    #[serde(rename = "sidebar.conversation")]
    SidebarConversation(SidebarConversation),
    /// The user left or was removed (to that user's devices).
    #[serde(rename = "sidebar.removed")]
    SidebarRemoved(SidebarRemoved),
    /// Favourite, mute, category, position or read point changed (to the user's devices).
    #[serde(rename = "sidebar.membership")]
    SidebarMembership(Membership),
    /// The user's categories changed (to the user's devices).
    #[serde(rename = "sidebar.categories")]
    SidebarCategories(Vec<Category>),
    /// What others see of a person changed: name, handle, or deactivated (to the person and to
    /// everyone who shares a channel or conversation with them).
    #[serde(rename = "user.updated")]
    UserUpdated(UserView),
    #[serde(rename = "pong")]
    Pong {
        #[ts(type = "number")]
        ts: i64,
    },
    #[serde(rename = "error")]
    Error(ErrorBody),
}

impl ServerEvent {
    pub fn error(code: &str, message: &str) -> Self {
        Self::Error(ErrorBody {
            code: code.to_string(),
            message: message.to_string(),
        })
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum MemberAction {
    Joined,
    Left,
    Added,
    Removed,
    Role,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MembersChanged {
    #[serde(rename = "parentID")]
    #[schema(value_type = String)]
    pub parent_id: String,
    pub parent_type: ParentType,
    #[serde(rename = "userID")]
    pub user_id: UserId,
    pub action: MemberAction,
    /// The role after the change; absent when the user is no longer a member.
    pub role: Option<ChannelRole>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SidebarRemoved {
    #[serde(rename = "parentID")]
    #[schema(value_type = String)]
    pub parent_id: String,
    pub parent_type: ParentType,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MentionOutsiders {
    #[serde(rename = "messageID")]
    pub message_id: MessageId,
    #[serde(rename = "parentID")]
    #[schema(value_type = String)]
    pub parent_id: String,
    pub parent_type: ParentType,
    #[serde(rename = "userIDs")]
    pub user_ids: Vec<UserId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ThreadFollowed {
    #[serde(rename = "parentID")]
    #[schema(value_type = String)]
    pub parent_id: String,
    pub parent_type: ParentType,
    #[serde(rename = "threadRootID")]
    pub thread_root_id: MessageId,
    pub following: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(tag = "type")]
pub enum ClientFrame {
    #[serde(rename = "ping")]
    Ping,
    /// The user is typing; clients send it at most every few seconds while typing.
    #[serde(rename = "typing")]
    Typing {
        #[serde(rename = "parentID")]
        #[schema(value_type = String)]
        parent_id: String,
        #[serde(rename = "parentType")]
        parent_type: ParentType,
        #[serde(rename = "threadRootID", default)]
        #[ts(optional)]
        thread_root_id: Option<MessageId>,
    },
    /// The user is at the keyboard (`online`) or not (`away`).
    #[serde(rename = "presence")]
    Presence { status: PresenceStatus },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_tagged_with_type_and_data() {
        let json = serde_json::to_value(ServerEvent::Pong { ts: 5 }).unwrap();
        assert_eq!(json, serde_json::json!({"type": "pong", "data": {"ts": 5}}));
    }

    #[test]
    fn client_frames_parse() {
        let frame: ClientFrame = serde_json::from_str(r#"{"type":"ping"}"#).unwrap();
        assert_eq!(frame, ClientFrame::Ping);
        assert!(serde_json::from_str::<ClientFrame>(r#"{"type":"nope"}"#).is_err());
    }
}
