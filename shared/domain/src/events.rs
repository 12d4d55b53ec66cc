//! Realtime frames: what the server pushes and what a client may send. One JSON object per text
//! frame, `{"type": "...", "data": {...}}`.

use serde::{Deserialize, Serialize};

use crate::api::ErrorBody;
use crate::channel::{Channel, ChannelRole};
use crate::conversation::Conversation;
use crate::message::Message;
use crate::sidebar::{Category, Membership, SidebarChannel, SidebarConversation};
use crate::{ParentType, UserId};

/// Each event goes only to people who may see what it carries: channel and conversation events
/// to their members, sidebar events to the one user they concern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(tag = "type", content = "data")]
pub enum ServerEvent {
    #[serde(rename = "message.new")]
    MessageNew(Message),
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
#[serde(tag = "type")]
pub enum ClientFrame {
    #[serde(rename = "ping")]
    Ping,
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
