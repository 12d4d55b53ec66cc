//! Who may read and write in a channel or conversation, and the changes of who is in one (with
//! the system messages and events that record them). Every route that touches a parent goes
//! through here; `audience` decides who hears of it.

use domain::ErrorCode;
use domain::channel::{Channel, ChannelRole};
use domain::conversation::Conversation;

use domain::events::{MemberAction, MembersChanged, ServerEvent, SidebarRemoved};
use domain::message::{Message, SystemAction, SystemNote};
use domain::{ChannelId, ConversationId, MessageId, Parent, UserId};
use store::messages::NewMessage;

use crate::audience::{publish, publish_message, tell};
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

/// Writes a system message (joins, leaves, adds, removes) and sends it to the members. A
/// failure is logged: the change it records has already happened.
pub async fn system_message(
    state: &AppState,
    parent: Parent,
    actor: UserId,
    action: SystemAction,
    target: Option<UserId>,
) -> Option<Message> {
    let new = NewMessage {
        id: MessageId::new(),
        author: actor,
        body: String::new(),
        client_nonce: None,
        mentions: Default::default(),
        system: Some(SystemNote {
            action,
            target_id: target,
        }),
    };
    match state.store.messages().append_versioned(parent, new).await {
        Ok(appended) => {
            let message = appended.message;
            let event = ServerEvent::MessageNew(message.clone());
            publish_message(state, parent, Some(appended.members_version), &event).await;
            Some(message)
        }
        // Archived channels take no messages, not even system ones.
        Err(store::StoreError::NotFound) => None,
        Err(e) => {
            tracing::error!(error = %e, %parent, "cannot write a system message");
            None
        }
    }
}

/// Where someone who just came in starts reading: what was said before they came counts as
/// read. The line recording their arrival (`arrival`) is read too when they came by
/// themselves, and is their first unread when someone else brought them in.
pub async fn start_reading(
    state: &AppState,
    parent: Parent,
    user: UserId,
    arrival: &Message,
    came_by_themselves: bool,
) -> Result<(), ApiError> {
    let seq = if came_by_themselves {
        arrival.seq
    } else {
        arrival.seq.saturating_sub(1)
    };
    // Forward only: a device of theirs may already have read further.
    state
        .store
        .memberships()
        .mark_read(parent, user, seq, false)
        .await?;
    Ok(())
}

pub async fn members_changed(
    state: &AppState,
    parent: Parent,
    user: UserId,
    action: MemberAction,
    role: Option<ChannelRole>,
) {
    let event = ServerEvent::MembersChanged(MembersChanged {
        parent_id: parent.to_string(),
        parent_type: parent.kind(),
        user_id: user,
        action,
        role,
    });
    publish(state, parent, &event).await;
}

/// What follows someone leaving or being removed: their devices drop the row, the remaining
/// members hear of it, and a system message records it.
pub async fn member_departed(state: &AppState, parent: Parent, actor: UserId, user: UserId) {
    let removed = ServerEvent::SidebarRemoved(SidebarRemoved {
        parent_id: parent.to_string(),
        parent_type: parent.kind(),
    });
    tell(state, user, &removed).await;
    let (action, system) = if actor == user {
        (MemberAction::Left, SystemAction::Left)
    } else {
        (MemberAction::Removed, SystemAction::Removed)
    };
    members_changed(state, parent, user, action, None).await;
    system_message(
        state,
        parent,
        actor,
        system,
        (actor != user).then_some(user),
    )
    .await;
}
