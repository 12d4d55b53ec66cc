//! Realtime frames: what the server pushes and what a client may send. One JSON object per text
//! frame, `{"type": "...", "data": {...}}`. Every event pushed to a connection also carries
//! `"seq"`: its number on that connection (1, 2, 3... from the client's first ping), so a client
//! that sees a number skipped knows it missed an event and catches up over REST. Events pushed
//! before that first ping carry none; the catch-up a client does when it opens covers them. Answers to the client's own
//! frames (`pong`, `error`, `reconnect`, `presence.subscribed`) carry none.

use serde::{Deserialize, Serialize};

use crate::api::ErrorBody;
use crate::channel::{Channel, ChannelRole};
use crate::conversation::Conversation;
use crate::drafts::Draft;
use crate::message::{Message, MessageDeleted};
use crate::notifications::Notification;
use crate::presence::{Presence, PresenceStatus, PresenceSubscribed, Typing};
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
    /// Someone came online, went away or went offline (to the connections watching them, see
    /// `ClientFrame::PresenceSubscribe`).
    #[serde(rename = "presence.changed")]
    PresenceChanged(Presence),
    /// The answer to `presence.subscribe`, on that connection only.
    #[serde(rename = "presence.subscribed")]
    PresenceSubscribed(PresenceSubscribed),
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
    /// The answer to a ping: the server's clock, and the number of the last event pushed to
    /// this connection (a client that has seen fewer missed some).
    #[serde(rename = "pong")]
    Pong {
        #[ts(type = "number")]
        ts: i64,
        #[ts(type = "number")]
        #[serde(default)]
        seq: u64,
    },
    /// The answer to a ping when this connection can no longer be served (the server lost track
    /// of it, or its access was revoked): open a new one, then catch up.
    #[serde(rename = "reconnect")]
    Reconnect(ReconnectReason),
    #[serde(rename = "error")]
    Error(ErrorBody),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
pub struct ReconnectReason {
    /// `not_registered`, or `revoked`.
    pub reason: String,
}

impl ServerEvent {
    /// The `type` tag, for logs.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::MessageNew(_) => "message.new",
            Self::MessageUpdated(_) => "message.updated",
            Self::MessageDeleted(_) => "message.deleted",
            Self::MentionOutsiders(_) => "mention.outsiders",
            Self::Typing(_) => "typing",
            Self::PresenceChanged(_) => "presence.changed",
            Self::PresenceSubscribed(_) => "presence.subscribed",
            Self::DraftUpdated(_) => "draft.updated",
            Self::NotificationNew(_) => "notification.new",
            Self::ThreadFollowed(_) => "thread.followed",
            Self::ChannelUpdated(_) => "channel.updated",
            Self::ConversationUpdated(_) => "conversation.updated",
            Self::MembersChanged(_) => "members.changed",
            Self::SidebarChannel(_) => "sidebar.channel",
            Self::SidebarConversation(_) => "sidebar.conversation",
            Self::SidebarRemoved(_) => "sidebar.removed",
            Self::SidebarMembership(_) => "sidebar.membership",
            Self::SidebarCategories(_) => "sidebar.categories",
            Self::UserUpdated(_) => "user.updated",
            Self::Pong { .. } => "pong",
            Self::Reconnect(_) => "reconnect",
            Self::Error(_) => "error",
        }
    }

    pub fn error(code: crate::ErrorCode, message: &str) -> Self {
        Self::Error(ErrorBody {
            code,
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
    /// The people whose presence this connection shows now: the whole list (at most
    /// `PRESENCE_WATCH_MAX`), replacing the last one. Answered with `presence.subscribed`;
    /// from then on their changes come as `presence.changed`. `version` counts up with each
    /// subscription of a connection, so one that arrives late does not replace a newer one.
    #[serde(rename = "presence.subscribe")]
    PresenceSubscribe {
        #[serde(rename = "userIDs")]
        user_ids: Vec<UserId>,
        #[ts(type = "number")]
        version: u64,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_tagged_with_type_and_data() {
        let json = serde_json::to_value(ServerEvent::Pong { ts: 5, seq: 2 }).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"type": "pong", "data": {"ts": 5, "seq": 2}})
        );
    }

    #[test]
    fn the_kind_is_the_type_tag() {
        for event in [
            ServerEvent::Pong { ts: 1, seq: 0 },
            ServerEvent::error(crate::ErrorCode::InvalidFrame, "b"),
            ServerEvent::Reconnect(ReconnectReason {
                reason: "revoked".into(),
            }),
        ] {
            let json = serde_json::to_value(&event).unwrap();
            assert_eq!(json["type"], event.kind());
        }
    }

    #[test]
    fn client_frames_parse() {
        let frame: ClientFrame = serde_json::from_str(r#"{"type":"ping"}"#).unwrap();
        assert_eq!(frame, ClientFrame::Ping);
        assert!(serde_json::from_str::<ClientFrame>(r#"{"type":"nope"}"#).is_err());
    }
}
