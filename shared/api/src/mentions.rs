//! Mentions: `@handle`s in a body resolved to people (one BatchGetItem of handle locks), the
//! members among them credited with a mention on their sidebar row, and the author told about
//! the rest, who are not members and so hear nothing.

use domain::events::{MentionOutsiders, ServerEvent};
use domain::message::Message;
use domain::{Parent, UserId};
use store::messages::ResolvedMentions;

use crate::audience::tell;
use crate::{ApiError, AppState};

/// Who a body mentions. Unknown handles are plain text, as they are to a reader.
pub async fn resolve(state: &AppState, body: &str) -> Result<ResolvedMentions, ApiError> {
    let parsed = domain::mentions::parse(body);
    let handles: Vec<&str> = parsed.handles.iter().map(String::as_str).collect();
    let user_ids = if handles.is_empty() {
        Vec::new()
    } else {
        let mut found: Vec<UserId> = state
            .store
            .users()
            .by_handles(&handles)
            .await?
            .into_iter()
            .map(|(_, user)| user)
            .collect();
        found.sort();
        found.dedup();
        found
    };
    Ok(ResolvedMentions {
        user_ids,
        all: parsed.all,
        here: parsed.here,
    })
}

/// After a send: members mentioned by handle get a mention on their row; the author hears
/// which people were mentioned but are not members. Nothing to do (no reads) without mentions.
pub async fn credit(state: &AppState, parent: Parent, message: &Message) {
    if message.mention_ids.is_empty() {
        return;
    }
    let memberships = state.store.memberships();
    let mut outsiders = Vec::new();
    for user in message
        .mention_ids
        .iter()
        .filter(|u| **u != message.author_id)
    {
        match memberships.count_mention(parent, *user).await {
            Ok(Some(row)) => tell(state, *user, &ServerEvent::SidebarMembership(row)).await,
            Ok(None) => outsiders.push(*user),
            Err(e) => tracing::error!(error = %e, %parent, "cannot count a mention"),
        }
    }
    if !outsiders.is_empty() {
        let event = ServerEvent::MentionOutsiders(MentionOutsiders {
            message_id: message.id,
            parent_id: parent.to_string(),
            parent_type: parent.kind(),
            user_ids: outsiders,
        });
        tell(state, message.author_id, &event).await;
    }
}
