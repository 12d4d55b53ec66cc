//! Who may read and write in a channel or conversation: every route that touches a parent
//! checks the caller here. The changes of who is in one are `membership`'s; who hears of
//! anything is `audience`'s.

use domain::ErrorCode;
use domain::channel::{Channel, ChannelRole};
use domain::conversation::Conversation;
use domain::{ChannelId, ConversationId, Parent};

use crate::extract::Caller;
use crate::{ApiError, AppState};

pub fn channel_not_found() -> ApiError {
    ApiError::not_found(
        ErrorCode::ChannelNotFound,
        "no such channel, or you cannot see it",
    )
}

pub fn conversation_not_found() -> ApiError {
    ApiError::not_found(
        ErrorCode::ConversationNotFound,
        "no such conversation, or you are not in it",
    )
}

/// Parses a channel id from a path; anything else is an unknown channel.
pub fn channel_id(text: &str) -> Result<ChannelId, ApiError> {
    text.parse().map_err(|_| channel_not_found())
}

pub fn conversation_id(text: &str) -> Result<ConversationId, ApiError> {
    text.parse().map_err(|_| conversation_not_found())
}

/// The channel, or 404.
pub async fn load_channel(state: &AppState, id: ChannelId) -> Result<Channel, ApiError> {
    state
        .store
        .channels()
        .get(id)
        .await?
        .ok_or_else(channel_not_found)
}

/// The conversation, if the caller is in it; 404 otherwise (its existence is not revealed).
pub async fn load_conversation(
    state: &AppState,
    id: ConversationId,
    caller: &Caller,
) -> Result<Conversation, ApiError> {
    require_member(state, Parent::Conversation(id), caller).await?;
    state
        .store
        .conversations()
        .get(id)
        .await?
        .ok_or_else(conversation_not_found)
}

/// The caller's role where they must be a member to read or write. A non-member learns only
/// that a public channel must be joined first; private channels and conversations stay
/// invisible. System admins get no exception: messages are for members.
pub async fn require_member(
    state: &AppState,
    parent: Parent,
    caller: &Caller,
) -> Result<ChannelRole, ApiError> {
    if let Some(role) = state.store.memberships().role_of(parent, caller.id).await? {
        return Ok(role);
    }
    match parent {
        Parent::Channel(id) => match state.store.channels().get(id).await? {
            Some(c) if domain::permissions::can_see(caller.role, None, &c) => {
                Err(ApiError::forbidden(
                    ErrorCode::NotAMember,
                    "join this channel to read and write in it",
                ))
            }
            _ => Err(channel_not_found()),
        },
        Parent::Conversation(_) => Err(conversation_not_found()),
    }
}

/// Who may read a parent's history: its members (`Some(role)`), and, to preview a public
/// channel before joining, anyone who may see it (every active account but a guest: `None`).
/// A private channel or a conversation stays invisible to everyone outside it.
pub async fn require_reader(
    state: &AppState,
    parent: Parent,
    caller: &Caller,
) -> Result<Option<ChannelRole>, ApiError> {
    if let Some(role) = state.store.memberships().role_of(parent, caller.id).await? {
        return Ok(Some(role));
    }
    match parent {
        Parent::Channel(id) => match state.store.channels().get(id).await? {
            Some(c) if domain::permissions::can_see(caller.role, None, &c) => Ok(None),
            _ => Err(channel_not_found()),
        },
        Parent::Conversation(_) => Err(conversation_not_found()),
    }
}
