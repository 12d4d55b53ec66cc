//! The changes of who is in a channel or conversation, as the others see them: the system
//! message that records a join, leave, add or remove, the `members.changed` event, the
//! departing person's sidebar, and where a newcomer starts reading. `audience` decides who
//! hears each.

use domain::channel::ChannelRole;
use domain::events::{MemberAction, MembersChanged, ServerEvent, SidebarRemoved};
use domain::message::{Message, SystemAction, SystemNote};
use domain::{MessageId, Parent, UserId};
use store::messages::{Content, NewMessage, NotSent};

use crate::audience::{publish, publish_message, tell};
use crate::{ApiError, AppState};

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
        content: Content::System(SystemNote {
            action,
            target_id: target,
        }),
        client_nonce: None,
        mentions: Default::default(),
    };
    match state.store.messages().append_versioned(parent, new).await {
        Ok(Ok(appended)) => {
            let message = appended.message;
            let event = ServerEvent::MessageNew(message.clone());
            publish_message(state, parent, Some(appended.members_version), &event).await;
            Some(message)
        }
        // Archived channels take no messages, not even system ones.
        Ok(Err(NotSent::ReadOnly | NotSent::UploadGone)) => None,
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
